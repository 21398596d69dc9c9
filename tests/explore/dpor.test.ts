import { explore, Lock, type MainFunction, sleep, Thread } from 'interleave-threads';
import { countTraces, type Step } from './mazurkiewicz';
import { counter } from './programs';

/** n philosophers, each taking the left fork then the right one: deadlocks when all hold one. */
function philosophers(n: number): MainFunction<void> {
  return function* main() {
    const forks = Array.from({ length: n }, (_, i) => new Lock({ name: `fork${i}` }));
    const eat = (i: number) =>
      function* () {
        yield* forks[i]!.acquire();
        yield* forks[(i + 1) % n]!.acquire();
        forks[(i + 1) % n]!.release();
        forks[i]!.release();
      };
    const ts = forks.map((_, i) => new Thread({ target: eat(i) }));
    for (const t of ts) t.start();
    for (const t of ts) yield* t.join();
  };
}

// The same programs as straight-line models of their threads' visible steps (main only starts and joins).
const lockedModel = (n: number): Step[][] =>
  Array.from({ length: n }, () => [{ acquire: 'L' }, { read: 'c' }, { write: 'c' }, { release: 'L' }]);
const unlockedModel = (n: number): Step[][] => Array.from({ length: n }, () => [{ read: 'c' }, { write: 'c' }]);
const philosophersModel = (n: number): Step[][] =>
  Array.from({ length: n }, (_, i) => [
    { acquire: `f${i}` },
    { acquire: `f${(i + 1) % n}` },
    { release: `f${(i + 1) % n}` },
    { release: `f${i}` },
  ]);

describe('the brute-force count of Mazurkiewicz traces', () => {
  it('counts orders of dependent steps only', () => {
    expect(countTraces([[{ write: 'a' }], [{ write: 'b' }]])).toBe(1);
    expect(countTraces([[{ read: 'a' }], [{ read: 'a' }]])).toBe(1);
    expect(countTraces([[{ write: 'a' }], [{ read: 'a' }]])).toBe(2);
    expect(countTraces(lockedModel(3))).toBe(6);
    // Two philosophers: either eats first, or each holds one fork (deadlock).
    expect(countTraces(philosophersModel(2))).toBe(3);
  });
});

describe('exhaustive search with dynamic partial-order reduction (no bound)', () => {
  it.each([
    ['locked counter, 2 threads', counter(2, true), lockedModel(2)],
    ['locked counter, 3 threads', counter(3, true), lockedModel(3)],
    ['unlocked counter, 2 threads', counter(2, false), unlockedModel(2)],
    ['unlocked counter, 3 threads', counter(3, false), unlockedModel(3)],
    ['dining philosophers, 2', philosophers(2), philosophersModel(2)],
    ['dining philosophers, 3', philosophers(3), philosophersModel(3)],
  ] as [string, MainFunction<unknown>, Step[][]][])(
    '%s: starts at least one run a trace and at most two',
    (_name, main, model) => {
      const traces = countTraces(model);
      const r = explore(main, { strategy: 'exhaustive', runs: Infinity, shrink: false });
      expect(r.complete).toBe(true);
      expect(r.runs).toBeGreaterThanOrEqual(traces);
      expect(r.runs + r.pruned).toBeLessThanOrEqual(2 * traces);
    },
  );

  it('finds the lost update of the unlocked counter and reports the search complete', () => {
    const r = explore(counter(3, false), { strategy: 'exhaustive', runs: Infinity, check: (x) => x.value === 3 });
    expect(r.complete).toBe(true);
    expect(Object.keys(r.outcomes).sort()).toEqual(['ok: value=1', 'ok: value=2', 'ok: value=3']);
    expect(r.failures).toBeGreaterThan(0);
    expect(r.firstFailure!.preemptions).toBe(1);
  });

  it('finds the deadlock of the philosophers, and every other outcome the unreduced search finds', () => {
    for (const n of [2, 3]) {
      const r = explore(philosophers(n), { strategy: 'exhaustive', runs: Infinity });
      expect(r.complete).toBe(true);
      expect(r.failures).toBe(1);
      expect(r.firstFailure!.result.status).toBe('deadlock');
      expect(Object.keys(r.outcomes).filter((k) => k.startsWith('deadlock'))).toHaveLength(1);
    }
    const reduced = explore(philosophers(2), { strategy: 'exhaustive', runs: Infinity });
    const full = explore(philosophers(2), { strategy: 'exhaustive', runs: Infinity, reduction: false });
    expect(full.complete).toBe(true);
    expect(Object.keys(reduced.outcomes).sort()).toEqual(Object.keys(full.outcomes).sort());
  });

  it('a locked counter never fails, and the search says it covered everything', () => {
    const r = explore(counter(4, true), { strategy: 'exhaustive', runs: Infinity, check: (x) => x.value === 4 });
    expect(r).toMatchObject({ complete: true, failures: 0, runs: 24 });
  });

  it('stops at the budget and says the search is not complete', () => {
    const r = explore(counter(3, true), { strategy: 'exhaustive', runs: 3 });
    expect(r).toMatchObject({ complete: false, exhausted: true, runs: 3 });
  });

  it('gives the same report for the same search', () => {
    const a = explore(philosophers(3), { strategy: 'exhaustive', runs: Infinity });
    const b = explore(philosophers(3), { strategy: 'exhaustive', runs: Infinity });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('falls back to the state cache for a program that waits on timers, and still covers it', () => {
    function* timed(): Generator<unknown, string[], never> {
      const log: string[] = [];
      const lock = new Lock({ name: 'lock' });
      const t = new Thread({
        target: function* () {
          yield* lock.acquire();
          yield* sleep(1);
          log.push('worker');
          lock.release();
        },
      });
      t.start();
      const got = yield* lock.acquire({ timeout: 0.5 });
      log.push(got ? 'main got it' : 'main timed out');
      if (got) lock.release();
      yield* t.join();
      return log;
    }
    const reduced = explore(timed, { strategy: 'exhaustive', runs: Infinity });
    const full = explore(timed, { strategy: 'exhaustive', runs: Infinity, reduction: false });
    expect(reduced.complete && full.complete).toBe(true);
    expect(Object.keys(reduced.outcomes).sort()).toEqual(Object.keys(full.outcomes).sort());
    expect(Object.keys(reduced.outcomes).length).toBeGreaterThan(1);
  });
});
