import { Event, Lock, run, sleep, Thread, time } from 'interleave-threads';
import { VirtualClock } from '../../src/scheduler/virtual-clock';

describe('virtual time', () => {
  it('advances by stepTime per step', () => {
    const r = run(
      function* () {
        const seen = [time()];
        yield;
        seen.push(time());
        yield;
        seen.push(time());
        return seen;
      },
      { stepTime: 0.25 },
    );
    expect(r.value).toEqual([0, 0.25, 0.5]);
    expect(r.steps).toBe(3);
    expect(r.time).toBe(0.75);
  });

  it('jumps straight to the next timer when nothing can run', () => {
    const r = run(
      function* () {
        yield* sleep(5);
        return time();
      },
      { stepTime: 1 },
    );
    // Step 1 at 0 is sleep's switch point; step 2 at 1 blocks until 6; step 3 runs at 6.
    expect(r.value).toBe(6);
    expect(r.time).toBe(7);
    expect(r.steps).toBe(3);
  });

  it('finishes a one-hour sleep in three steps', () => {
    const r = run(function* () {
      yield* sleep(3600);
    });
    expect(r.status).toBe('ok');
    expect(r.steps).toBe(3);
    // The sleep begins with its blocking step (the second) and the last step follows it.
    expect(r.time).toBeCloseTo(3600.000002, 9);
  });

  it('does not jump while some thread can run', () => {
    const r = run(
      function* () {
        const t = new Thread({
          target: function* () {
            yield* sleep(10);
          },
        });
        t.start();
        for (let i = 0; i < 20; i++) yield;
        return time();
      },
      { stepTime: 1 },
    );
    expect(r.value).toBe(20);
    // Then T runs: its switch point at 21, its block at 22 until 32, its last step at 32.
    expect(r.time).toBe(33);
  });

  it('wakes sleepers in the order of their deadlines, not the order they started', () => {
    const r = run(
      function* () {
        const woke: string[] = [];
        const sleeper = (name: string, s: number) =>
          new Thread({
            name,
            target: function* () {
              yield* sleep(s);
              woke.push(`${name}@${time()}`);
            },
          });
        const ts = [sleeper('c', 3), sleeper('a', 1), sleeper('b1', 2), sleeper('b2', 2), sleeper('z', 0)];
        for (const t of ts) t.start();
        for (const t of ts) yield* t.join();
        return woke;
      },
      { stepTime: 1 / 1024 },
    );
    expect((r.value as string[]).map((x) => x.split('@')[0])).toEqual(['z', 'a', 'b1', 'b2', 'c']);
  });

  it('drops the timeout of a wait that ended early: the run does not jump to it', () => {
    const r = run(
      function* () {
        const lock = new Lock();
        yield* lock.acquire();
        const t = new Thread({
          target: function* () {
            return yield* lock.acquire({ timeout: 10 });
          },
        });
        t.start();
        yield* sleep(1);
        lock.release();
        yield* t.join();
        return time();
      },
      { stepTime: 1, trace: true },
    );
    expect(r.status).toBe('ok');
    expect(r.value).toBeLessThan(10);
    expect(r.time).toBeLessThan(10);
    expect((r.trace ?? []).filter((e) => e.type === 'timer').map((e) => (e.type === 'timer' ? e.thread : ''))).toEqual([
      'MainThread',
    ]);
  });

  it('reports a deadlock at once even while a stale timeout is still in the heap', () => {
    const r = run(
      function* () {
        const lock = new Lock({ name: 'L' });
        const never = new Event({ name: 'never' });
        yield* lock.acquire();
        const t = new Thread({
          name: 'T',
          target: function* () {
            yield* lock.acquire({ timeout: 100 });
            yield* never.wait();
          },
        });
        t.start();
        yield* sleep(1);
        lock.release();
        yield* t.join();
      },
      { stepTime: 1 },
    );
    expect(r.status).toBe('deadlock');
    expect(r.time).toBeLessThan(100);
  });

  it('a waiter that timed out leaves the wait queue, so a release hands the lock to the next waiter', () => {
    const r = run(
      function* () {
        const lock = new Lock();
        const got: string[] = [];
        yield* lock.acquire();
        const w = (name: string, timeout: number) =>
          new Thread({
            name,
            target: function* () {
              const ok = yield* lock.acquire({ timeout });
              got.push(`${name}:${ok}@${time()}`);
              if (ok) lock.release();
            },
          });
        const w1 = w('w1', 1);
        const w2 = w('w2', -1);
        w1.start();
        w2.start();
        yield* sleep(4);
        lock.release();
        yield* w1.join();
        yield* w2.join();
        return got;
      },
      { stepTime: 1 },
    );
    // w1 blocks at 4 with a 1 s timeout; its timeout is due at 5 but w2 holds the GIL until it
    // blocks at 6, so w1 resumes at 7. Main releases at 8, straight to w2, which runs at 11.
    expect(r.value).toEqual(['w1:false@7', 'w2:true@11']);
  });

  it('never goes back: time() read at every step of many threads never decreases', () => {
    const r = run(
      function* () {
        const seen: number[] = [];
        const ts = [0.3, 0, 1.5, 0.25, 2, 0.3].map(
          (s, i) =>
            new Thread({
              target: function* () {
                for (let k = 0; k < 4; k++) {
                  seen.push(time());
                  if ((i + k) % 2 === 0) yield* sleep(s * k);
                  else yield;
                }
              },
            }),
        );
        for (const t of ts) t.start();
        for (const t of ts) yield* t.join();
        return seen;
      },
      { switchInterval: 1, strategy: 'random', seed: 3, trace: true },
    );
    const seen = r.value as number[];
    expect(seen).toHaveLength(24);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]!);
    const times = (r.trace ?? []).filter((e) => e.type !== 'step').map((e) => e.time);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
  });
});

describe('VirtualClock', () => {
  it('keeps time as base + ticks x stepTime and refuses to go back', () => {
    const c = new VirtualClock(0.5);
    c.tick();
    c.tick();
    expect(c.now()).toBe(1);
    expect(c.afterTick()).toBe(1.5);
    c.jumpTo(4);
    expect(c.now()).toBe(4);
    c.tick();
    expect(c.now()).toBe(4.5);
    expect(() => c.jumpTo(4.25)).toThrow(/cannot go back/);
    c.jumpTo(4.5);
    expect(c.now()).toBe(4.5);
  });
});
