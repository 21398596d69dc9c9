import { Lock, print, run, sleep, Thread, ValueError } from 'interleave-threads';
import { toChromeTrace } from '../../src/cli/chrome-trace';

interface TraceEvent {
  ph: string;
  name: string;
  ts: number;
  pid: number;
  tid: number;
  dur?: number;
  id?: number;
  s?: string;
  bp?: string;
  cat?: string;
  args?: Record<string, unknown>;
}

/** The holder keeps the lock across a 1 s sleep; the waiter blocks on it and gets it handed over. */
function* handOff() {
  const lock = new Lock({ name: 'lk' });
  function* holder() {
    yield* lock.acquire();
    yield* sleep(1);
    yield* print('release');
    lock.release();
  }
  function* waiter() {
    yield* lock.acquire();
    yield* print('got it');
    lock.release();
  }
  const a = new Thread({ target: holder, name: 'holder' });
  const b = new Thread({ target: waiter, name: 'waiter' });
  a.start();
  b.start();
  yield* a.join();
  yield* b.join();
}

const exported = (main: () => Generator<unknown, unknown, never>, options = {}) => {
  const result = run(main, { trace: true, ...options });
  const doc = JSON.parse(JSON.stringify(toChromeTrace(result))) as {
    traceEvents: TraceEvent[];
    displayTimeUnit: string;
  };
  const tidOf = (name: string): number =>
    doc.traceEvents.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === name)!.tid;
  return { result, doc, events: doc.traceEvents, tidOf };
};

describe('toChromeTrace', () => {
  it('is valid JSON in the object form, with a display unit', () => {
    const { doc } = exported(handOff);
    expect(Array.isArray(doc.traceEvents)).toBe(true);
    expect(['ms', 'ns']).toContain(doc.displayTimeUnit);
  });

  it('gives every event ph, ts, pid, tid and name, and every complete event a duration', () => {
    const { events } = exported(handOff);
    for (const e of events) {
      expect(['M', 'X', 'i', 's', 'f']).toContain(e.ph);
      expect(typeof e.name).toBe('string');
      expect(Number.isFinite(e.ts) && e.ts >= 0).toBe(true);
      expect(Number.isInteger(e.pid)).toBe(true);
      expect(Number.isInteger(e.tid)).toBe(true);
      if (e.ph === 'X') expect(e.dur).toBeGreaterThan(0);
      if (e.ph === 'i') expect(e.s).toBe('t');
      if (e.ph === 's' || e.ph === 'f') expect(Number.isInteger(e.id)).toBe(true);
    }
    expect(events.filter((e) => e.ph === 'X').length).toBeGreaterThan(0);
  });

  it('names one track per thread, and puts every event on a named track', () => {
    const { events } = exported(handOff);
    const names = events.filter((e) => e.ph === 'M' && e.name === 'thread_name');
    expect(names.map((e) => e.args?.name)).toEqual(['MainThread', 'holder', 'waiter']);
    expect(new Set(names.map((e) => e.tid)).size).toBe(3);
    const tracks = new Set(names.map((e) => e.tid));
    for (const e of events.filter((x) => x.ph !== 'M')) expect(tracks.has(e.tid)).toBe(true);
  });

  it('covers every step exactly once with the complete events, in virtual microseconds', () => {
    const { result, events, tidOf } = exported(handOff);
    const xs = events.filter((e) => e.ph === 'X');
    expect(xs.reduce((s, e) => s + e.dur!, 0)).toBe(result.steps);
    // The holder's second run of steps starts when its 1 s sleep ends (it slept at 4 µs).
    expect(xs.filter((e) => e.tid === tidOf('holder')).map((e) => e.ts)).toEqual([2, 1000004]);
  });

  it('draws a flow arrow from the lock release to where the waiter next runs', () => {
    const { events, tidOf } = exported(handOff);
    const starts = events.filter((e) => e.ph === 's' && e.args?.on === "Lock 'lk'");
    expect(starts).toHaveLength(1);
    const s = starts[0]!;
    const f = events.find((e) => e.ph === 'f' && e.id === s.id)!;
    expect(s.tid).toBe(tidOf('holder'));
    expect(f.tid).toBe(tidOf('waiter'));
    expect(f.bp).toBe('e');
    expect(f.ts).toBeGreaterThan(s.ts);
    const within = (e: TraceEvent, tid: number): boolean =>
      events.some((x) => x.ph === 'X' && x.tid === tid && x.ts <= e.ts && e.ts < x.ts + x.dur!);
    expect(within(s, s.tid)).toBe(true);
    expect(events.some((x) => x.ph === 'X' && x.tid === f.tid && x.ts === f.ts)).toBe(true);
    expect(within(f, f.tid)).toBe(true);
  });

  it('gives each flow id to exactly one start and one finish', () => {
    const { events } = exported(handOff);
    const flows = events.filter((e) => e.ph === 's' || e.ph === 'f');
    const ids = new Set(flows.map((e) => e.id));
    expect(ids.size).toBe(2); // the lock hand-off and the join of holder
    for (const id of ids)
      expect(
        flows
          .filter((e) => e.id === id)
          .map((e) => e.ph)
          .sort(),
      ).toEqual(['f', 's']);
  });

  it('marks every print, block, wake and op with an instant event', () => {
    const { result, events, tidOf } = exported(handOff);
    const prints = events.filter((e) => e.ph === 'i' && e.cat === 'print');
    expect(prints.map((e) => e.args?.text).join('')).toBe(result.output);
    const waiter = events.filter((e) => e.ph === 'i' && e.tid === tidOf('waiter')).map((e) => e.name);
    expect(waiter).toEqual([
      "block on Lock 'lk'",
      "woken by holder (Lock 'lk')",
      "acquire Lock 'lk'",
      'print "got it"',
      'print "\\n"',
      "release Lock 'lk'",
    ]);
    expect(events.filter((e) => e.ph === 'i' && e.tid === tidOf('holder')).map((e) => e.name)).toContain(
      'wakes after sleep(1)',
    );
  });

  it('marks an uncaught error on its thread', () => {
    const { events, tidOf } = exported(function* () {
      const t = new Thread({
        name: 'bad',
        target: function* () {
          yield;
          throw new ValueError('no');
        },
      });
      t.start();
      yield* t.join();
    });
    expect(events.find((e) => e.ph === 'i' && e.cat === 'end')).toMatchObject({
      tid: tidOf('bad'),
      name: 'error: ValueError: no',
    });
  });

  it('without the GIL shows threads running at the same virtual time', () => {
    const { events, tidOf } = exported(
      function* () {
        const spin = function* () {
          for (let i = 0; i < 5; i++) yield;
        };
        const a = new Thread({ target: spin });
        const b = new Thread({ target: spin });
        a.start();
        b.start();
        yield* a.join();
        yield* b.join();
      },
      { gil: false, cores: 2 },
    );
    const [a, b] = ['Thread-1', 'Thread-2'].map((n) => events.find((e) => e.ph === 'X' && e.tid === tidOf(n))!);
    expect(a!.ts).toBe(b!.ts);
    expect(a!.dur).toBe(6);
  });

  it('throws a clear Error when the run was not traced', () => {
    expect(() => toChromeTrace(run(handOff))).toThrow(/trace: true/);
  });
});
