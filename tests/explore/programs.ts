// Small programs the explore tests share: the tutorial's counter with and without a lock, and
// the lockA/lockB deadlock. Each run builds its own primitives inside main.
import { Lock, print, shared, Thread, type MainFunction } from 'interleave-threads';

/** `n` threads each add 1 to a shared counter (`update`: a read step, then a write step). */
export function counter(n: number, locked: boolean): MainFunction<number> {
  return function* main() {
    const count = shared(0, 'count');
    const lock = new Lock({ name: 'lock' });
    function* add() {
      if (locked) yield* lock.acquire();
      yield* count.update((v) => v + 1);
      if (locked) lock.release();
    }
    const threads = Array.from({ length: n }, () => new Thread({ target: add }));
    for (const t of threads) t.start();
    for (const t of threads) yield* t.join();
    return count.value;
  };
}

/** f1 takes lockA then lockB, f2 takes lockB then lockA: one preemption deadlocks them. */
export function* abba(): Generator<unknown, void, never> {
  const lockA = new Lock({ name: 'lockA' });
  const lockB = new Lock({ name: 'lockB' });
  function* f1() {
    yield* lockA.acquire();
    yield* lockB.acquire();
    lockB.release();
    lockA.release();
  }
  function* f2() {
    yield* lockB.acquire();
    yield* lockA.acquire();
    lockA.release();
    lockB.release();
  }
  const t1 = new Thread({ target: f1 });
  const t2 = new Thread({ target: f2 });
  t1.start();
  t2.start();
  yield* t1.join();
  yield* t2.join();
}

/** Two threads print a letter each, twice: the output shows the interleaving. */
export function* letters(): Generator<unknown, void, never> {
  function* say(tag: string) {
    yield* print(tag);
    yield* print(tag);
  }
  const a = new Thread({ target: say, args: ['a'] });
  const b = new Thread({ target: say, args: ['b'] });
  a.start();
  b.start();
  yield* a.join();
  yield* b.join();
}

/** Main alone, no threads: there is no scheduling choice at all. */
export function* alone(): Generator<unknown, number, never> {
  const x = shared(1, 'x');
  yield* x.write(2);
  return x.value;
}

/**
 * Two threads mixing a lock, a shared cell and prints, then main prints the cell: the output
 * tells apart every order of the steps that matter.
 */
export function* mixed(): Generator<unknown, void, never> {
  const x = shared(0, 'x');
  const lock = new Lock({ name: 'lock' });
  function* one() {
    yield* lock.acquire();
    const v = yield* x.read();
    yield* print('one saw', v);
    yield* x.write(v + 1);
    lock.release();
    yield* x.update((w) => w * 2);
  }
  function* two() {
    const v = yield* x.read();
    yield* x.write(v + 10);
    yield* lock.acquire();
    yield* print('two saw', yield* x.read());
    lock.release();
  }
  const a = new Thread({ target: one });
  const b = new Thread({ target: two });
  a.start();
  b.start();
  yield* a.join();
  yield* b.join();
  yield* print('x =', x.value);
}

/**
 * A bug PCT finds only once its run length covers long runs: a consumer takes the items a producer
 * has put so far and processes each in 3 steps, passing through a half-done state at the 30th; a
 * checker must read in that one-step window. Random runs start the consumer early (few items, short
 * runs), so calibration measures a third of the length of a failing run.
 */
export function* lateWindow(): Generator<unknown, void, never> {
  const items = shared(0, 'items');
  const state = shared('idle', 'state');
  const consumer = new Thread({
    target: function* () {
      const n = yield* items.read();
      for (let i = 0; i < n; i++) {
        if (i === 30) {
          yield* state.write('busy');
          yield* state.write('idle');
        }
        for (let s = 0; s < 3; s++) yield;
      }
    },
  });
  const checker = new Thread({
    target: function* () {
      for (let s = 0; s < 3; s++) yield;
      if ((yield* state.read()) === 'busy') throw new Error('saw the half-done update');
    },
  });
  consumer.start();
  checker.start();
  for (let i = 0; i < 40; i++) yield* items.write(i + 1);
  yield* consumer.join();
  yield* checker.join();
}

/**
 * Four threads each do `count += 1` amid other work; all four read the same value only when
 * three of them are stopped between their read and their write: it needs three preemptions.
 */
export function* fourWayRace(): Generator<unknown, number[], never> {
  const count = shared(0, 'count');
  const seen: number[] = [];
  function* add() {
    for (let s = 0; s < 5; s++) yield;
    const v = yield* count.read();
    seen.push(v);
    yield* count.write(v + 1);
    for (let s = 0; s < 5; s++) yield;
  }
  const threads = [add, add, add, add].map((target) => new Thread({ target }));
  for (const t of threads) t.start();
  for (const t of threads) yield* t.join();
  return seen;
}

/** Fails when all four threads read the same value. */
export const fourWayRaceOk = (r: { value: unknown }): boolean => new Set(r.value as number[]).size > 1;
