import { TypeError } from '../errors';
import { isGeneratorFunction, notGeneratorReason } from '../_internal/generator-function';
import type { Op } from '../scheduler/instruction';

/** Anything with a blocking `acquire` op and a plain `release`: Lock, RLock, Condition, Semaphore. */
export interface LockLike {
  acquire(): Op<boolean>;
  release(): void;
}

/**
 * Python's `with lock:` — acquires, runs `body`, and releases in `finally`, so an error inside
 * the body still releases the lock. Returns what the body returns.
 *
 * @example
 * yield* withLock(lock, function* () {
 *   yield* counter.update((n) => n + 1);
 * });
 */
export function* withLock<T>(lock: LockLike, body: () => Generator<unknown, T, unknown>): Op<T> {
  if (
    lock === null ||
    typeof lock !== 'object' ||
    typeof lock.acquire !== 'function' ||
    typeof lock.release !== 'function'
  ) {
    throw new TypeError(
      'withLock needs a lock-like object (Lock, RLock, Condition or Semaphore) as its first argument',
    );
  }
  if (!isGeneratorFunction(body)) throw new TypeError(notGeneratorReason('the body of withLock', body));
  yield* lock.acquire();
  try {
    return (yield* body() as Generator<never, T, unknown>) as T;
  } finally {
    lock.release();
  }
}
