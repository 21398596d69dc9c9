import type { ThreadRecord } from '../scheduler/thread-record';

/**
 * Implemented by what a thread may wait for without a timeout (a Lock, a thread's end): whether
 * `t`'s announced op would block if it ran now. Partial-order reduction then leaves such a thread
 * out of the choices, so a wait that ends in the same place is not an event of its own.
 */
export const WOULD_BLOCK: unique symbol = Symbol('interleave.wouldBlock');

/** Implemented where what ends a wait is another object's change (a join: the thread's end). */
export const WAITS_FOR: unique symbol = Symbol('interleave.waitsFor');

/** Something whose waits can be foreseen. */
export interface Foreseeable {
  [WOULD_BLOCK](t: ThreadRecord): boolean;
  [WAITS_FOR]?(): object;
}

/** True when `t` announced an untimed wait that would block now (false when it cannot be foreseen). */
export function wouldBlock(t: ThreadRecord): boolean {
  if (!t.opWaits || t.opOn === null) return false;
  const on = t.opOn as Partial<Foreseeable>;
  return on[WOULD_BLOCK]?.(t) === true;
}

/** True when `t`'s announced op is an untimed wait whose blocking can be foreseen. */
export function isForeseeable(t: ThreadRecord): boolean {
  return t.opWaits && t.opOn !== null && (t.opOn as Partial<Foreseeable>)[WOULD_BLOCK] !== undefined;
}

/** For a foreseeable wait, the object whose change ends it (the lock, the joined thread's record); else null. */
export function gateOf(t: ThreadRecord): object | null {
  if (!isForeseeable(t)) return null;
  const on = t.opOn as unknown as Foreseeable;
  return on[WAITS_FOR] !== undefined ? on[WAITS_FOR]() : on;
}

/** True for a primitive whose untimed waits can be foreseen. */
export function isGate(on: object): boolean {
  return (on as Partial<Foreseeable>)[WOULD_BLOCK] !== undefined;
}

/** True when an untimed wait on the gate `on` would block now (a lock held, a semaphore at 0). */
export function isClosed(on: object): boolean {
  return (on as Foreseeable)[WOULD_BLOCK](null as unknown as ThreadRecord);
}
