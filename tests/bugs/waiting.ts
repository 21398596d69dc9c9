// Deadlocks and waiting mistakes: lock order, philosophers, conditions used with `if` or with a
// check outside the lock, notify where notifyAll is needed, a pool waiting on itself, and a
// queue checked before it is read.
import {
  Condition,
  Lock,
  Queue,
  QueueEmpty,
  shared,
  ThreadPoolExecutor,
  withLock,
  type MainFunction,
} from 'interleave-threads';
import { together, work } from './races';

/** f1 takes lockA then lockB; f2 takes them in the opposite order, unless `ordered`. */
export const abba = (ordered: boolean): MainFunction<void> =>
  function* () {
    const lockA = new Lock({ name: 'lockA' });
    const lockB = new Lock({ name: 'lockB' });
    const both = (first: Lock, second: Lock) =>
      function* () {
        yield* first.acquire();
        yield* second.acquire();
        second.release();
        first.release();
      };
    yield* together([both(lockA, lockB), ordered ? both(lockA, lockB) : both(lockB, lockA)], () => undefined);
  };

/** Three philosophers take the left fork, then the right one (or the lower-numbered first). */
export const philosophers = (ordered: boolean): MainFunction<void> =>
  function* () {
    const forks = [0, 1, 2].map((i) => new Lock({ name: `fork${i}` }));
    const dine = (i: number) =>
      function* () {
        const left = i;
        const right = (i + 1) % 3;
        const [first, second] = ordered ? [Math.min(left, right), Math.max(left, right)] : [left, right];
        yield* forks[first]!.acquire();
        yield* forks[second]!.acquire();
        forks[second]!.release();
        forks[first]!.release();
      };
    yield* together([dine(0), dine(1), dine(2)], () => undefined);
  };

/** Two consumers take items a producer adds one at a time; a woken consumer rechecks only with `while`. */
export const ifNotWhile = (useWhile: boolean): MainFunction<void> =>
  function* () {
    const items: number[] = [];
    const cond = new Condition({ name: 'items' });
    function* consume() {
      yield* withLock(cond, function* () {
        if (useWhile) while (items.length === 0) yield* cond.wait();
        else if (items.length === 0) yield* cond.wait();
        if (items.shift() === undefined) throw new Error('took an item from an empty list');
      });
    }
    function* produce() {
      for (let i = 1; i <= 2; i++)
        yield* withLock(cond, function* () {
          items.push(i);
          cond.notify();
        });
    }
    yield* together([consume, consume, produce], () => undefined);
  };

/** The waiter looks at the flag before taking the condition's lock: the notify can slip in between. */
export const missedNotify = (checkUnderLock: boolean): MainFunction<void> =>
  function* () {
    const ready = shared(false, 'ready');
    const cond = new Condition({ name: 'ready' });
    function* waiter() {
      if (checkUnderLock) {
        yield* withLock(cond, function* () {
          while (!(yield* ready.read())) yield* cond.wait();
        });
      } else if (!(yield* ready.read())) {
        yield* withLock(cond, function* () {
          yield* cond.wait();
        });
      }
    }
    function* notifier() {
      yield* withLock(cond, function* () {
        yield* ready.write(true);
        cond.notify();
      });
    }
    yield* together([waiter, notifier], () => undefined);
  };

/** One slot, two producers, two consumers, one condition: notify() may wake the wrong kind. */
export const notifyOne = (all: boolean): MainFunction<void> =>
  function* () {
    let slot: number | null = null;
    const cond = new Condition({ name: 'slot' });
    const wake = (): void => (all ? cond.notifyAll() : cond.notify());
    function* put(v: number) {
      yield* withLock(cond, function* () {
        while (slot !== null) yield* cond.wait();
        slot = v;
        wake();
      });
    }
    function* take() {
      yield* withLock(cond, function* () {
        while (slot === null) yield* cond.wait();
        slot = null;
        wake();
      });
    }
    function* put1() {
      yield* put(1);
    }
    function* put2() {
      yield* put(2);
    }
    yield* together([put1, put2, take, take], () => undefined);
  };

/** A task on a one-worker pool waits for a second task of the same pool, which never starts. */
export const poolSelfWait = (workers: number): MainFunction<number> =>
  function* () {
    const pool = new ThreadPoolExecutor({ maxWorkers: workers });
    function* inner() {
      yield;
      return 1;
    }
    function* outer() {
      return (yield* pool.submit(inner).result()) + 1;
    }
    const value = yield* pool.submit(outer).result();
    yield* pool.shutdown();
    return value;
  };

/** Two consumers see an item and then take it, one step later; the second finds the queue empty. */
export const queueCheckThenGet = (atomic: boolean): MainFunction<number> =>
  function* () {
    const q = new Queue<number>(0, { name: 'jobs' });
    q.putNowait(1);
    let taken = 0;
    function* consume() {
      if (atomic) {
        try {
          q.getNowait();
          taken++;
        } catch (e) {
          if (!(e instanceof QueueEmpty)) throw e;
        }
      } else if (q.qsize() > 0) {
        yield* work(1);
        q.getNowait();
        taken++;
      }
    }
    return yield* together([consume, consume], () => taken);
  };
