import { Lock, run, type RunOptions, sleep, Thread } from '../src/index';

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
