import { Condition, Lock, Queue, run, type RunOptions, sleep, Thread } from '../src/index';

/** Runs `main` and checks it ended well; returns `ops` (the unit the caller counts). */
function runOps(ops: number, main: () => Generator<unknown, void, never>, options: RunOptions = {}): number {
  const result = run(main, options);
  if (result.status !== 'ok') throw new Error(`bench program ended with status ${result.status}`);
  return ops;
}

/** One thread takes and releases a free lock `k` times. Unit: one acquire + release. */
export function lockUncontended(k: number): number {
  return runOps(k, function* () {
    const lock = new Lock({ name: 'free' });
    for (let i = 0; i < k; i++) {
      yield* lock.acquire();
      lock.release();
    }
  });
}

/**
 * `n` threads each take one lock `k` times and hold it across a step, switching at every step,
 * so nearly every acquire blocks and every release hands the lock to a waiter. Unit: one
 * acquire + release.
 */
export function lockContended(n: number, k: number): number {
  return runOps(
    n * k,
    function* () {
      const lock = new Lock({ name: 'hot' });
      function* worker(): Generator<unknown, void, never> {
        for (let i = 0; i < k; i++) {
          yield* lock.acquire();
          yield;
          lock.release();
        }
      }
      for (let i = 0; i < n; i++) new Thread({ target: worker }).start();
    },
    { switchInterval: 1 },
  );
}

/**
 * `n` threads each sleep `k` times for different lengths, so the timer heap holds about `n`
 * entries and every wake-up is a heap pop. Unit: one sleep.
 */
export function sleepHeavy(n: number, k: number): number {
  return runOps(n * k, function* () {
    function* sleeper(i: number): Generator<unknown, void, never> {
      const d = ((i * 7919) % 97) / 1000 + 0.001;
      for (let j = 0; j < k; j++) yield* sleep(d);
    }
    for (let i = 0; i < n; i++) new Thread({ target: sleeper, args: [i] }).start();
  });
}

/**
 * Two threads take turns through one Condition: each waits until it is its turn, flips the turn
 * and notifies. Unit: one hand-off (a notify that wakes the other thread, which then runs).
 */
export function conditionPingPong(k: number): number {
  return runOps(2 * k, function* () {
    const cond = new Condition(new Lock({ name: 'turn lock' }), { name: 'turn' });
    let turn = 0;
    function* player(me: number): Generator<unknown, void, never> {
      for (let i = 0; i < k; i++) {
        yield* cond.acquire();
        try {
          while (turn !== me) yield* cond.wait();
          turn = 1 - me;
          cond.notify();
        } finally {
          cond.release();
        }
      }
    }
    for (const me of [0, 1]) new Thread({ target: player, args: [me] }).start();
  });
}

/** A producer puts `k` items into a Queue of 16 slots; a consumer gets them. Unit: one item. */
export function queueProducerConsumer(k: number): number {
  return runOps(k, function* () {
    const q = new Queue<number>(16, { name: 'items' });
    function* producer(): Generator<unknown, void, never> {
      for (let i = 0; i < k; i++) yield* q.put(i);
    }
    function* consumer(): Generator<unknown, void, never> {
      let sum = 0;
      for (let i = 0; i < k; i++) sum += yield* q.get();
      if (sum !== (k * (k - 1)) / 2) throw new Error(`bench queue lost items (sum ${sum})`);
    }
    new Thread({ target: producer }).start();
    new Thread({ target: consumer }).start();
  });
}
