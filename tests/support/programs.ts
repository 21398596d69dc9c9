/**
 * The catalogue of test programs: each program once, named for what it shows, grouped by the
 * bug or behaviour it exercises. Tests import from here instead of defining near-copies. Every
 * program builds its own primitives inside main, so one function serves any number of runs.
 * (Programs for the determinism soak and the bug suite live with them: `tests/reliability` and
 * `tests/bugs`; a program that only one test uses stays in that test.)
 */
import {
  Event,
  Lock,
  print,
  Queue,
  shared,
  sleep,
  Thread,
  withLock,
  type MainFunction,
  type RunResult,
} from 'interleave-threads';

// ─── Counters and lost updates: `count += 1` split into a read and a write

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

/** The tutorial's unlocked counter: three threads each read, print, then write back. */
export function* printingCounter() {
  const count = shared(0, 'count');
  function* worker() {
    const n = yield* count.read();
    yield* print('Count is', n);
    yield* count.write(n + 1);
  }
  const threads = [0, 1, 2].map(() => new Thread({ target: worker }));
  for (const t of threads) t.start();
  for (const t of threads) yield* t.join();
  return count.value;
}

/** T1 and T2 each add 1 to `counter` three times, with `withLock` when `locked` (the race detector's pair). */
export function namedCounter(locked: boolean) {
  return function* () {
    const counter = shared(0, 'counter');
    const lock = new Lock();
    const ts = [1, 2].map(
      (n) =>
        new Thread({
          name: `T${n}`,
          target: function* () {
            for (let i = 0; i < 3; i++) {
              if (locked)
                yield* withLock(lock, function* () {
                  yield* counter.update((v) => v + 1);
                });
              else yield* counter.update((v) => v + 1);
            }
          },
        }),
    );
    for (const t of ts) t.start();
    for (const t of ts) yield* t.join();
    return counter.value;
  };
}

/** Two unlocked increments of a shared cell, after a few steps of their own. */
export function* counterWithQueue() {
  const count = shared(0, 'count');
  const q = new Queue<number>(0, { name: 'q' });
  const ev = new Event({ name: 'go' });
  function* inc() {
    yield;
    yield;
    yield* count.update((n) => n + 1);
  }
  const ts = [new Thread({ target: inc }), new Thread({ target: inc })];
  for (const t of ts) t.start();
  for (const t of ts) yield* t.join();
  yield* q.put(count.value);
  ev.set();
  return count.value;
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

/** `steps` bare steps of work. */
export function* work(steps: number): Generator<unknown, void, unknown> {
  for (let i = 0; i < steps; i++) yield;
}

/** Four threads that each add 1 with no lock after some work; under switchInterval 7 only some windows can be split. */
export function* staggeredRace(): Generator<unknown, number, never> {
  const count = shared(0, 'count');
  const tasks = [12, 19, 26, 33].map(
    (w) =>
      new Thread({
        target: function* () {
          yield* work(w);
          yield* count.update((n) => n + 1);
          yield* work(20);
        },
      }),
  );
  for (const t of tasks) t.start();
  for (const t of tasks) yield* t.join();
  return count.value;
}

// ─── Lock order: lockA and lockB taken in opposite orders

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

/** Lock order inverted, without sleeps: whether it deadlocks depends on the choices. */
export function* abbaPrinting() {
  const lockA = new Lock({ name: 'lockA' });
  const lockB = new Lock({ name: 'lockB' });
  function* f1() {
    yield* lockA.acquire();
    yield* lockB.acquire();
    yield* print('f1 has both');
    lockB.release();
    lockA.release();
  }
  function* f2() {
    yield* lockB.acquire();
    yield* lockA.acquire();
    yield* print('f2 has both');
    lockA.release();
    lockB.release();
  }
  new Thread({ target: f1 }).start();
  new Thread({ target: f2 }).start();
}

/** The tutorial's deadlock: lockA and lockB taken in opposite orders, with a sleep in between. */
export function* sleepyAbba(): Generator<unknown, void, never> {
  const lockA = new Lock({ name: 'lockA' });
  const lockB = new Lock({ name: 'lockB' });
  function* f1() {
    yield* lockA.acquire();
    yield* print('A locked');
    yield* sleep(1);
    yield* lockB.acquire();
    yield* print('B locked');
    lockB.release();
    lockA.release();
  }
  function* f2() {
    yield* lockB.acquire();
    yield* print('B locked');
    yield* sleep(1);
    yield* lockA.acquire();
    yield* print('A locked');
    lockA.release();
    lockB.release();
  }
  new Thread({ target: f1 }).start();
  new Thread({ target: f2 }).start();
}

/** n philosophers, each taking the left fork then the right one: deadlocks when all hold one. */
export function philosophers(n: number): MainFunction<void> {
  return function* main() {
    const forks = Array.from({ length: n }, (_, i) => new Lock({ name: `fork${i}` }));
    const eat = (i: number) =>
      function* () {
        yield* forks[i]!.acquire();
        yield* forks[(i + 1) % n]!.acquire();
        forks[(i + 1) % n]!.release();
        forks[i]!.release();
      };
    const threads = forks.map((_, i) => new Thread({ target: eat(i) }));
    for (const t of threads) t.start();
    for (const t of threads) yield* t.join();
  };
}

// ─── Interleavings that show in the output

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

/** Main alone, no threads: there is no scheduling choice at all. */
export function* alone(): Generator<unknown, number, never> {
  const x = shared(1, 'x');
  yield* x.write(2);
  return x.value;
}

// ─── Spin-waits written the recommended way, with `yield* sleep(0)` in the wait loop

/**
 * Peterson's mutual exclusion for two threads, each adding 1 to a counter `rounds` times inside
 * the critical section (a read step, then a write step). Correct on sequentially consistent
 * cells, which shared cells are: no schedule loses an update.
 */
export function peterson(rounds: number): MainFunction<number> {
  return function* main() {
    const flag = [shared(false, 'flag0'), shared(false, 'flag1')];
    const turn = shared(0, 'turn');
    const count = shared(0, 'count');
    function* worker(me: number, other: number) {
      for (let i = 0; i < rounds; i++) {
        yield* flag[me]!.write(true);
        yield* turn.write(other);
        while ((yield* flag[other]!.read()) && (yield* turn.read()) === other) yield* sleep(0);
        yield* count.write((yield* count.read()) + 1);
        yield* flag[me]!.write(false);
      }
    }
    const threads = [new Thread({ target: worker, args: [0, 1] }), new Thread({ target: worker, args: [1, 0] })];
    for (const t of threads) t.start();
    for (const t of threads) yield* t.join();
    return count.value;
  };
}

/** Peterson's property: the run ends ok with every one of the 2 × `rounds` increments counted. */
export const petersonOk =
  (rounds: number) =>
  (r: RunResult): boolean =>
    r.status === 'ok' && r.value === 2 * rounds;

/** A thread waits (spinning with sleep(0)) for a flag that another thread raises after `work` steps. */
export function flagWait(work: number): MainFunction<number> {
  return function* main() {
    const ready = shared(false, 'ready');
    let spins = 0;
    const raiser = new Thread({
      target: function* () {
        for (let i = 0; i < work; i++) yield;
        yield* ready.write(true);
      },
    });
    raiser.start();
    while (!(yield* ready.read())) {
      spins++;
      yield* sleep(0);
    }
    yield* raiser.join();
    return spins;
  };
}

// ─── Long runs (PCT's run length)

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
