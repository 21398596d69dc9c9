/**
 * Python-like error classes. Every class is an `InterleaveError` (checked with `instanceof`);
 * `TypeError` also extends JavaScript's own `TypeError`, so `toThrow(TypeError)` works with
 * either the global or ours.
 */

const BRAND: unique symbol = Symbol.for('interleave-threads.error');

function brand(err: Error, name: string): void {
  Object.defineProperty(err, BRAND, { value: true, enumerable: false });
  Object.defineProperty(err, 'name', { value: name, enumerable: false, writable: true, configurable: true });
}

/** The base of every error interleave raises; `err instanceof InterleaveError` recognises all of them. */
export class InterleaveError extends Error {
  constructor(message = '') {
    super(message);
    brand(this, new.target.name);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof was asked about (a subclass too)
    if (this !== InterleaveError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** Python's `RuntimeError`: an operation that is not allowed in the object's current state. */
export class RuntimeError extends InterleaveError {}

/** Python's `ValueError`: an argument with the right type but a wrong value. */
export class ValueError extends InterleaveError {}

/** Python's `TypeError`: an argument of the wrong kind (it also extends JavaScript's `TypeError`). */
export class TypeError extends globalThis.TypeError {
  constructor(message = '') {
    super(message);
    brand(this, 'TypeError');
  }
}

/** Python's `threading.BrokenBarrierError` (a `RuntimeError`): the barrier was reset, aborted or timed out. */
export class BrokenBarrierError extends RuntimeError {}

/** Python's `queue.Empty`: a non-blocking or timed-out `get` found nothing. */
export class QueueEmpty extends InterleaveError {}

/** Python's `queue.Full`: a non-blocking or timed-out `put` found no room. */
export class QueueFull extends InterleaveError {}

/** Python's `TimeoutError` from `concurrent.futures`: a future was not done within the timeout. */
export class TimeoutError extends InterleaveError {}

/** Python's `concurrent.futures.CancelledError`: the future was cancelled before it ran. */
export class CancelledError extends InterleaveError {}

/** A replay token that is malformed, or does not fit the program it is replayed on. */
export class ReplayError extends ValueError {}
