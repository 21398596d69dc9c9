import {
  Lock,
  print,
  run,
  sleep,
  Thread,
  Timer,
  type RunOptions,
  type RunResult,
  type TraceEvent,
} from 'interleave-threads';

/** Invariants of a GIL trace: step events tile [0, steps), each lasts count x stepTime, others are in time order. */
function checkTrace(r: RunResult, stepTime: number): void {
  const trace = r.trace ?? [];
  const steps = trace.flatMap((e) => (e.type === 'step' ? [e] : [])).sort((a, b) => a.step - b.step);
  let next = 0;
  for (const s of steps) {
    expect(s.step).toBe(next);
    expect(s.count).toBeGreaterThan(0);
    expect(s.endTime).toBeCloseTo(s.time + s.count * stepTime, 12);
    next = s.step + s.count;
  }
  expect(next).toBe(r.steps);
  const others = trace.filter((e) => e.type !== 'step');
  for (let i = 1; i < others.length; i++) {
    expect(others[i]!.time).toBeGreaterThanOrEqual(others[i - 1]!.time);
    expect(others[i]!.step).toBeGreaterThanOrEqual(others[i - 1]!.step);
  }
}

function stepsOf(r: RunResult, thread: string): number {
  return (r.trace ?? []).reduce((n, e) => n + (e.type === 'step' && e.thread === thread ? e.count : 0), 0);
}

describe('trace', () => {
  it('records nothing unless trace is true', () => {
    const r = run(function* () {
      yield* print('x');
    });
    expect(r.trace).toBeUndefined();
    expect(r.output).toBe('x\n');
  });

  it('records typed events in the order they happened', () => {
    const r = run(
      function* () {
        const t = new Thread({
          name: 'T',
          target: function* () {
            yield* print('hi');
          },
        });
        t.start();
        yield* t.join();
      },
      { trace: true, stepTime: 1 },
    );
    const expected: TraceEvent[] = [
      { type: 'start', step: 0, time: 0, thread: 'MainThread', id: 0, by: '' },
      { type: 'switch', step: 0, time: 0, from: null, to: 'MainThread', id: 0, reason: 'start', preempted: false },
      { type: 'start', step: 1, time: 0, thread: 'T', id: 1, by: 'MainThread' },
      { type: 'step', step: 0, time: 0, thread: 'MainThread', id: 0, count: 2, endTime: 2 },
      { type: 'block', step: 2, time: 1, thread: 'MainThread', id: 0, on: 'T to end (join)', timeout: null },
      { type: 'switch', step: 2, time: 2, from: 'MainThread', to: 'T', id: 1, reason: 'block', preempted: false },
      { type: 'print', step: 4, time: 3, thread: 'T', id: 1, text: 'hi' },
      { type: 'print', step: 5, time: 4, thread: 'T', id: 1, text: '\n' },
      { type: 'step', step: 2, time: 2, thread: 'T', id: 1, count: 3, endTime: 5 },
      { type: 'end', step: 5, time: 4, thread: 'T', id: 1, error: null },
      { type: 'wake', step: 5, time: 4, thread: 'MainThread', id: 0, on: 'T to end (join)', by: 'T', timedOut: false },
      { type: 'switch', step: 5, time: 5, from: 'T', to: 'MainThread', id: 0, reason: 'end', preempted: false },
      {
        type: 'op',
        step: 6,
        time: 5,
        thread: 'MainThread',
        id: 0,
        op: 'join',
        on: 'T to end (join)',
        value: null,
        ok: true,
      },
      { type: 'step', step: 5, time: 5, thread: 'MainThread', id: 0, count: 1, endTime: 6 },
      { type: 'end', step: 6, time: 5, thread: 'MainThread', id: 0, error: null },
    ];
    expect(r.trace).toEqual(expected);
    expect(r.steps).toBe(6);
    expect(r.time).toBe(6);
    checkTrace(r, 1);
  });

  it('records timeouts as a timer event then a timed-out wake, and errors on the end event', () => {
    const r = run(
      function* () {
        const lock = new Lock({ name: 'L' });
        yield* lock.acquire();
        const t = new Thread({
          name: 'T',
          target: function* () {
            const ok = yield* lock.acquire({ timeout: 3 });
            if (!ok) throw new Error('gave up');
          },
        });
        t.start();
        yield* t.join();
      },
      { trace: true, stepTime: 1 },
    );
    const trace = r.trace ?? [];
    const i = trace.findIndex((e) => e.type === 'timer');
    expect(trace[i]).toEqual({ type: 'timer', step: 5, time: 7, thread: 'T', id: 1, on: "Lock 'L'" });
    expect(trace[i + 1]).toEqual({
      type: 'wake',
      step: 5,
      time: 7,
      thread: 'T',
      id: 1,
      on: "Lock 'L'",
      by: null,
      timedOut: true,
    });
    expect(trace.find((e) => e.type === 'block' && e.thread === 'T')).toMatchObject({
      on: "Lock 'L'",
      timeout: 3,
      time: 4,
    });
    expect(trace.find((e) => e.type === 'end' && e.thread === 'T')).toMatchObject({ error: 'Error: gave up' });
    checkTrace(r, 1);
  });

  it('gives every step to the thread that ran it, also when a Timer is cancelled from another thread', () => {
    const r = run(
      function* () {
        const t = new Timer(5, function* () {
          yield* print('fired');
        });
        t.start();
        yield;
        yield;
        yield* sleep(1);
        t.cancel();
        yield;
      },
      { trace: true, stepTime: 1 },
    );
    expect(r.output).toBe('');
    expect(stepsOf(r, 'Thread-1')).toBe(2);
    expect(stepsOf(r, 'MainThread')).toBe(r.steps - 2);
    checkTrace(r, 1);
  });

  it('starts a new run of steps at the new time when the same thread goes on after a sleep', () => {
    const r = run(
      function* () {
        yield* print('a');
        yield* sleep(10);
        yield* print('b');
      },
      { trace: true, stepTime: 1 },
    );
    const slices = (r.trace ?? []).flatMap((e) => (e.type === 'step' ? [[e.step, e.count, e.time, e.endTime]] : []));
    expect(slices).toEqual([
      [0, 4, 0, 4],
      [4, 3, 13, 16],
    ]);
    checkTrace(r, 1);
  });

  it('keeps its invariants over a busy random run with sleeps, locks and joins', () => {
    const options: RunOptions = { trace: true, strategy: 'random', seed: 7, switchInterval: 3, stepTime: 1 / 1024 };
    const r = run(function* () {
      const lock = new Lock();
      const ts = [0, 1, 2, 3].map(
        (i) =>
          new Thread({
            target: function* () {
              for (let k = 0; k < 5; k++) {
                yield* lock.acquire({ timeout: 0.01 * i });
                if (lock.locked()) lock.release();
                yield* sleep((i * k) / 64);
                yield* print(i, k);
              }
            },
          }),
      );
      for (const t of ts) t.start();
      for (const t of ts) yield* t.join(0.5);
    }, options);
    expect(r.status).toBe('ok');
    checkTrace(r, 1 / 1024);
  });

  it('without the GIL records one step event per thread per tick', () => {
    const r = run(
      function* () {
        const t = new Thread({
          name: 'T',
          target: function* () {
            yield;
          },
        });
        t.start();
        yield;
        yield* t.join();
      },
      { trace: true, gil: false, cores: 2, stepTime: 1 },
    );
    const steps = (r.trace ?? []).flatMap((e) => (e.type === 'step' ? [`${e.thread}@${e.time}-${e.endTime}`] : []));
    // Tick 0: main alone. Ticks 1 and 2: T (queued first) then main; T ends in tick 2 before main's join looks.
    expect(steps).toEqual(['MainThread@0-1', 'T@1-2', 'MainThread@1-2', 'T@2-3', 'MainThread@2-3']);
    expect(r.time).toBe(3);
    expect((r.trace ?? []).filter((e) => e.type === 'switch')).toEqual([]);
  });
});
