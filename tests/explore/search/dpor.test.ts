import {
  BoundedSemaphore,
  explore,
  Lock,
  type MainFunction,
  Semaphore,
  shared,
  sleep,
  Thread,
} from 'interleave-threads';
import { countTraces, type Step } from './mazurkiewicz';
import { counter, philosophers } from '../../support/programs';

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

describe('a semaphore wait is invisible too (an untimed acquire at 0 is no choice)', () => {
  /** The locked counter with a semaphore of 1 for the lock. */
  function semaphoreCounter(n: number, Kind: typeof Semaphore): MainFunction<number> {
    return function* main() {
      const count = shared(0, 'count');
      const sem = new Kind(1, { name: 'sem' });
      function* add() {
        yield* sem.acquire();
        yield* count.update((v) => v + 1);
        sem.release();
      }
      const ts = Array.from({ length: n }, () => new Thread({ target: add }));
      for (const t of ts) t.start();
      for (const t of ts) yield* t.join();
      return count.value;
    };
  }

  it.each([
    ['Semaphore', Semaphore, 2],
    ['Semaphore', Semaphore, 3],
    ['Semaphore', Semaphore, 4],
    ['BoundedSemaphore', BoundedSemaphore, 3],
  ] as [string, typeof Semaphore, number][])(
    'a %s counter of %i threads: one run a trace of the lock model, at most two',
    (_name, Kind, n) => {
      const traces = countTraces(lockedModel(n));
      const r = explore(semaphoreCounter(n, Kind), {
        strategy: 'exhaustive',
        runs: Infinity,
        check: (x) => x.value === n,
      });
      expect(r).toMatchObject({ complete: true, failures: 0 });
      expect(r.runs).toBeGreaterThanOrEqual(traces);
      expect(r.runs + r.pruned).toBeLessThanOrEqual(2 * traces);
    },
  );

  it('a semaphore used as a signal (released by another thread): every outcome of the state-cached search', () => {
    function* signal(): Generator<unknown, string, never> {
      const ready = new Semaphore(0, { name: 'ready' });
      const x = shared(0, 'x');
      const log: string[] = [];
      const producer = new Thread({
        target: function* () {
          yield* x.write(1);
          ready.release();
          yield* x.write(2);
          ready.release();
        },
      });
      const consumer = (name: string) =>
        new Thread({
          target: function* () {
            yield* ready.acquire();
            log.push(`${name}:${yield* x.read()}`);
          },
        });
      const ts = [producer, consumer('c1'), consumer('c2')];
      for (const t of ts) t.start();
      for (const t of ts) yield* t.join();
      return log.join(',');
    }
    const reduced = explore(signal, { strategy: 'exhaustive', runs: Infinity, shrink: false });
    // A bound no schedule reaches: the level-by-level search with the state cache, which sees every wait.
    const cached = explore(signal, { strategy: 'exhaustive', runs: Infinity, shrink: false, preemptionBound: 20 });
    expect(reduced.complete && cached.complete).toBe(true);
    expect(Object.keys(reduced.outcomes).sort()).toEqual(Object.keys(cached.outcomes).sort());
    expect(Object.keys(reduced.outcomes)).toHaveLength(4);
    expect(reduced.runs + reduced.pruned).toBeLessThanOrEqual(8);
  });
});

describe('exhaustive search with dynamic partial-order reduction, against the unreduced search', () => {
  type Op = ['acquire' | 'release' | 'read' | 'write' | 'join', number];

  /** Small random programs of 2-3 threads over two locks, two cells and joins (a fixed generator). */
  function programs(count: number): Op[][][] {
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    return Array.from({ length: count }, () =>
      Array.from({ length: 2 + next(2) }, (_, ti) => {
        const ops: Op[] = [];
        const held: number[] = [];
        for (let k = 2 + next(4); k > 0; k--) {
          const c = next(5);
          const lock = next(2);
          if (c === 0 && !held.includes(lock)) {
            ops.push(['acquire', lock]);
            held.push(lock);
          } else if (c === 1 && held.length > 0) ops.push(['release', held.pop()!]);
          else if (c === 2) ops.push(['read', next(2)]);
          else if (c === 3 && ti > 0) ops.push(['join', next(ti)]);
          else ops.push(['write', next(2)]);
        }
        while (held.length > 0) ops.push(['release', held.pop()!]);
        return ops;
      }),
    );
  }

  /** Runs `spec`; the value is what each thread read, in order, and the cells' final values. */
  function program(spec: Op[][]): MainFunction<string> {
    return function* main() {
      const locks = [new Lock({ name: 'a' }), new Lock({ name: 'b' })];
      const cells = [shared(0, 'x'), shared(0, 'y')];
      const logs = spec.map((): string[] => []);
      const threads: Thread[] = [];
      spec.forEach((ops, ti) => {
        function* body() {
          for (let n = 0; n < ops.length; n++) {
            const [kind, on] = ops[n]!;
            if (kind === 'acquire') yield* locks[on]!.acquire();
            else if (kind === 'release') locks[on]!.release();
            else if (kind === 'read') logs[ti]!.push(String(yield* cells[on]!.read()));
            else if (kind === 'join') yield* threads[on]!.join();
            else yield* cells[on]!.write(ti * 10 + n + 1);
          }
        }
        threads.push(new Thread({ target: body }));
      });
      for (const t of threads) t.start();
      for (const t of threads) yield* t.join();
      return `${logs.map((l) => l.join(',')).join(';')} | ${cells[0]!.value},${cells[1]!.value}`;
    };
  }

  it('reverses a race with a thread that waits for a lock another thread will release', () => {
    // x=1,y=100 needs t3 to read x first and write y last, while t1 waits for lock a held by t2.
    function* main(): Generator<unknown, string, never> {
      const a = new Lock({ name: 'a' });
      const b = new Lock({ name: 'b' });
      const x = shared(0, 'x');
      const y = shared(0, 'y');
      const t1 = new Thread({
        target: function* () {
          yield* a.acquire();
          yield* x.write(1);
          a.release();
          yield* b.acquire();
          yield* y.write(7);
          b.release();
        },
      });
      const t2 = new Thread({
        target: function* () {
          yield* b.acquire();
          yield* y.write(5);
          yield* a.acquire();
          yield* x.write(2);
          a.release();
          b.release();
        },
      });
      const t3 = new Thread({
        target: function* () {
          const v = yield* x.read();
          yield* y.write(v + 100);
        },
      });
      for (const t of [t1, t2, t3]) t.start();
      for (const t of [t1, t2, t3]) yield* t.join();
      return `${x.value},${y.value}`;
    }
    const reduced = explore(main, { strategy: 'exhaustive', runs: Infinity, shrink: false });
    expect(reduced.complete).toBe(true);
    expect(reduced.outcomes).toHaveProperty(['ok: value="1,100"']);
    const bounded = explore(main, { strategy: 'exhaustive', runs: Infinity, shrink: false, preemptionBound: 20 });
    expect(Object.keys(reduced.outcomes).sort()).toEqual(Object.keys(bounded.outcomes).sort());
  });

  it('reaches every outcome (values read, final values, deadlocks) the unreduced search reaches', () => {
    let compared = 0;
    for (const spec of programs(30)) {
      const full = explore(program(spec), { strategy: 'exhaustive', runs: 20_000, reduction: false, shrink: false });
      if (!full.complete) continue;
      const reduced = explore(program(spec), { strategy: 'exhaustive', runs: Infinity, shrink: false });
      expect(reduced.complete).toBe(true);
      expect({ spec, outcomes: Object.keys(reduced.outcomes).sort() }).toEqual({
        spec,
        outcomes: Object.keys(full.outcomes).sort(),
      });
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });
});
