import type { AcquireOptions } from '../types';
export type { AcquireOptions } from '../types';
import { TypeError, ValueError } from '../errors';
import type { Op } from '../scheduler/instruction';
import type { ThreadRecord } from '../scheduler/thread-record';

/** Symbol keys of the protocol a Condition uses on its lock (Python's `_is_owned` and friends). */
export const IS_OWNED: unique symbol = Symbol('interleave.isOwned');
export const RELEASE_SAVE: unique symbol = Symbol('interleave.releaseSave');
export const ACQUIRE_RESTORE: unique symbol = Symbol('interleave.acquireRestore');

/** A lock a Condition can wrap: Lock or RLock. */
export interface ConditionLock {
  acquire(options?: AcquireOptions): Op<boolean>;
  release(): void;
  /** True when `t` holds the lock. */
  [IS_OWNED](t: ThreadRecord): boolean;
  /** Releases the lock completely (all RLock levels) and returns what restoring needs. */
  [RELEASE_SAVE](): unknown;
  /** Re-acquires (blocking as needed) and restores what RELEASE_SAVE returned. */
  [ACQUIRE_RESTORE](saved: unknown): Op<void>;
}

/**
 * Checks Lock/RLock acquire arguments as CPython does; returns the wait limit in seconds
 * (Infinity for none, 0 for a non-blocking try).
 */
export function lockAcquireLimit(options: AcquireOptions | undefined, what: string): number {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new TypeError(`${what}() takes an options object { blocking, timeout }, got ${String(options)}`);
  }
  const blocking = options?.blocking ?? true;
  const timeout = options?.timeout ?? -1;
  // A wrong kind of value is a TypeError, a NaN a ValueError, as CPython and our other primitives say.
  if (typeof blocking !== 'boolean')
    throw new TypeError(`${what}() blocking must be true or false, got ${String(blocking)}`);
  if (typeof timeout !== 'number')
    throw new TypeError(`${what}() timeout must be a number of seconds, got ${String(timeout)}`);
  if (Number.isNaN(timeout)) throw new ValueError(`${what}() timeout must be a number of seconds, got NaN`);
  if (!blocking) {
    if (timeout !== -1)
      throw new ValueError(`can't specify a timeout for a non-blocking call (${what} with blocking: false)`);
    return 0;
  }
  if (timeout === -1) return Infinity;
  if (timeout < 0)
    throw new ValueError(
      `${what}() timeout value must be a non-negative number (or -1 to wait forever), got ${timeout}`,
    );
  return timeout;
}
