// Atomicity and order violations on shared cells: each bug comes with the check that catches it
// and, where there is one, the fixed program. `work(n)` stands for n steps of other code.
import { Lock, shared, Thread, withLock, type MainFunction, type RunResult } from 'interleave-threads';

export function* work(steps: number): Generator<undefined, void, unknown> {
  for (let i = 0; i < steps; i++) yield;
}

/** Starts one thread per body and joins them all; returns what `result` computes afterwards. */
export function* together<T>(
  bodies: (() => Generator<unknown, unknown, unknown>)[],
  result: () => T,
): Generator<unknown, T, unknown> {
  const threads = bodies.map((body) => new Thread({ target: body }));
  for (const t of threads) t.start();
  for (const t of threads) yield* t.join();
  return result();
}

/** Two threads do `count += 1` (a read step, then a write step). */
export const lostUpdate = (locked: boolean): MainFunction<number> =>
  function* () {
    const count = shared(0, 'count');
    const lock = new Lock({ name: 'lock' });
    function* add() {
      if (locked) yield* lock.acquire();
      yield* count.update((n) => n + 1);
      if (locked) lock.release();
    }
    return yield* together([add, add], () => count.value);
  };
export const lostUpdateOk = (r: RunResult): boolean => r.value === 2;

/** Two withdrawals of 80 from 100: each checks the balance, then takes the money. */
export const overdraft = (locked: boolean): MainFunction<number> =>
  function* () {
    const balance = shared(100, 'balance');
    const lock = new Lock({ name: 'account' });
    function* check() {
      if ((yield* balance.read()) >= 80) yield* balance.update((b) => b - 80);
    }
    function* withdraw() {
      if (locked) yield* withLock(lock, check);
      else yield* check();
    }
    return yield* together([withdraw, withdraw], () => balance.value);
  };
export const overdraftOk = (r: RunResult): boolean => (r.value as number) >= 0;

/** Lazy initialisation: whoever finds no instance makes one; it must be made once. */
export const lazyInit = (locked: boolean): MainFunction<number> =>
  function* () {
    const instance = shared<object | null>(null, 'instance');
    const made = shared(0, 'made');
    const lock = new Lock({ name: 'init' });
    function* get() {
      if ((yield* instance.read()) === null) {
        yield* made.update((n) => n + 1);
        yield* instance.write({});
      }
    }
    function* user() {
      if (locked) yield* withLock(lock, get);
      else yield* get();
    }
    return yield* together([user, user], () => made.value);
  };
export const lazyInitOk = (r: RunResult): boolean => r.value === 1;

/** A writer moves money between two cells under a lock; a reader adds them up, with or without it. */
export const tornRead = (readerLocks: boolean): MainFunction<number[]> =>
  function* () {
    const a = shared(100, 'a');
    const b = shared(0, 'b');
    const lock = new Lock({ name: 'accounts' });
    const seen: number[] = [];
    function* move() {
      yield* lock.acquire();
      yield* a.update((x) => x - 10);
      yield* b.update((x) => x + 10);
      lock.release();
    }
    function* sum() {
      return (yield* a.read()) + (yield* b.read());
    }
    function* audit() {
      seen.push(readerLocks ? yield* withLock(lock, sum) : yield* sum());
    }
    return yield* together([move, audit], () => seen);
  };
export const tornReadOk = (r: RunResult): boolean => (r.value as number[]).every((s) => s === 100);

/**
 * A rare order: main passes through a half-done state ('busy') for one step, after 30 steps of
 * work; a checker started at the beginning must read exactly then. A random schedule runs the
 * checker early; PCT lets main run until a change point, which may fall in the window.
 */
export function* transientState(): Generator<unknown, void, unknown> {
  const state = shared('idle', 'state');
  const checker = new Thread({
    target: function* () {
      if ((yield* state.read()) === 'busy') throw new Error('saw the half-done update');
    },
  });
  checker.start();
  yield* work(30);
  yield* state.write('busy');
  yield* state.write('idle');
  yield* checker.join();
}

/**
 * Two preemptions among many steps: a reader must read a flag after it went up (30 steps into
 * another thread) and again after it went down (30 steps later). It says the flag never
 * goes down, which is wrong.
 */
export function* flagFlip(): Generator<unknown, void, unknown> {
  const flag = shared(0, 'flag');
  function* raiser() {
    yield* work(30);
    yield* flag.write(1);
    yield* work(30);
    yield* flag.write(0);
  }
  function* reader() {
    const first = yield* flag.read();
    yield* work(2);
    const second = yield* flag.read();
    if (first === 1 && second === 0) throw new Error('the flag went down');
  }
  yield* together([raiser, reader], () => undefined);
}

/**
 * Three threads each do `count += 1` among other work; all three read the same value only when
 * two of them are preempted between their read and their write (two preemptions).
 */
export function* threeWayRace(): Generator<unknown, number[], unknown> {
  const count = shared(0, 'count');
  const seen: number[] = [];
  function* add() {
    yield* work(5);
    const v = yield* count.read();
    seen.push(v);
    yield* count.write(v + 1);
    yield* work(5);
  }
  return yield* together([add, add, add], () => seen);
}
export const threeWayRaceOk = (r: RunResult): boolean => new Set(r.value as number[]).size > 1;
