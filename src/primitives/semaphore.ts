import type { SemaphoreAcquireOptions } from '../types';
export type { SemaphoreAcquireOptions } from '../types';
import { PEEK } from '../_internal/peek';
import { TypeError, ValueError } from '../errors';
import { type PrimitiveOptions, RunBound } from '../_internal/run-bound';
import { BLOCK, type Op } from '../scheduler/instruction';
import type { Runtime } from '../scheduler/runtime';
import type { ThreadRecord } from '../scheduler/thread-record';
import { WaitQueue } from '../scheduler/wait-queue';
import { deadlineOf, waitAgain } from './contended-wait';
import { WOULD_BLOCK } from '../_internal/would-block';

/**
 * A counting semaphore (Python's `threading.Semaphore`): a counter of free units. `acquire`
 * takes one, waiting while there is none; `release(n)` gives n back and wakes the n longest
 * waiters. Not fair, as in CPython: a woken waiter takes a unit when it runs if one is still free,
 * and a thread arriving meanwhile (the releasing one included) may take it first; the waiter
 * then waits again, still first in line. Like Python's, a plain Semaphore may be released more
 * often than it was acquired.
 *
 * @example
 * const pool = new Semaphore(2, { name: 'pool' });
 * yield* pool.acquire(); // at most two threads get past here at a time
 * try { yield* sleep(1); } finally { pool.release(); }
 */
export class Semaphore extends RunBound {
  /** The kind that names instances in reports; subclasses override it. */
  protected static readonly kind: string = 'Semaphore';
  #value: number;
  readonly #waiters = new WaitQueue();

  constructor(value = 1, options?: PrimitiveOptions) {
    super(new.target.kind, options);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new ValueError(`semaphore initial value must be a whole number >= 0, got ${String(value)}`);
    }
    this.#value = value;
  }

  /** Free units now (a woken waiter that has not run yet has not taken one). */
  protected get value(): number {
    return this.#value;
  }

  /** Free units now, for the teaching views. */
  [PEEK](): number {
    return this.#value;
  }

  /**
   * Takes one unit, waiting (without the GIL) while there is none. Returns true when taken;
   * false when `blocking: false` found none or `timeout` seconds passed.
   */
  *acquire(options?: SemaphoreAcquireOptions): Op<boolean> {
    const rt = this.rt('acquire');
    const limit = semaphoreAcquireLimit(options);
    const me = rt.current!;
    me.opWaits = limit === Infinity;
    rt.announce('acquire', this);
    yield;
    if (this.#value > 0) {
      this.#take(rt, me);
      return true;
    }
    if (limit === 0) return this.#failed(rt);
    const deadline = deadlineOf(rt, limit);
    rt.block(me, this, this.#waiters, limit, deadline);
    // As CPython's loop: after a release or the timeout, take a free unit if there is one, else
    // wait again for the time left (none left: give up).
    for (;;) {
      yield BLOCK;
      if (this.#value > 0) {
        this.#take(rt, me);
        return true;
      }
      if (!waitAgain(rt, me, this, this.#waiters, deadline)) return this.#failed(rt);
    }
  }

  #failed(rt: Runtime): false {
    if (rt.trace !== null) rt.traceOp('acquire', this, null, false);
    return false;
  }

  #take(rt: Runtime, me: ThreadRecord): void {
    this.#value--;
    if (rt.hb !== null) rt.hb.acquire(me, this);
    if (rt.trace !== null) rt.traceOp('acquire', this, null, true);
  }

  /**
   * Gives back `n` units (default 1) and wakes the `n` longest waiters (Python's `notify(n)`).
   * `n` must be a whole number >= 1 (ValueError otherwise). Never blocks.
   */
  release(n = 1): void {
    const rt = this.rt('release');
    checkReleaseCount(n);
    const me = rt.current!;
    if (rt.hb !== null) rt.hb.release(me, this);
    if (rt.trace !== null) rt.traceOp('release', this, null, null, true);
    this.#value += n;
    for (let left = n; left > 0 && this.#waiters.head !== null; left--) rt.wake(this.#waiters.head, true, me);
  }

  /** An untimed acquire would wait now (partial-order reduction leaves such a thread out). @internal */
  [WOULD_BLOCK](): boolean {
    return this.#value === 0;
  }

  /** `<Semaphore 'pool' value=2>`, like Python's repr. */
  override toString(): string {
    return `<${(this.constructor as typeof Semaphore).kind} '${this.name}' value=${this.#value}>`;
  }
}

/** Checks a `release(n)` count as Python does (n >= 1); whole numbers only. */
export function checkReleaseCount(n: unknown): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new ValueError(`n must be one or more (a whole number of units to release), got ${String(n)}`);
  }
}

/** The wait limit of a semaphore acquire in seconds: Infinity for none, 0 for a single try. */
function semaphoreAcquireLimit(options: SemaphoreAcquireOptions | undefined): number {
  if (options === undefined) return Infinity;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`Semaphore.acquire() takes an options object { blocking, timeout }, got ${String(options)}`);
  }
  const blocking = options.blocking ?? true;
  const timeout = options.timeout ?? null;
  if (typeof blocking !== 'boolean')
    throw new TypeError(`Semaphore.acquire() blocking must be true or false, got ${String(blocking)}`);
  if (timeout !== null && (typeof timeout !== 'number' || Number.isNaN(timeout))) {
    throw new ValueError(`Semaphore.acquire() timeout must be a number of seconds or null, got ${String(timeout)}`);
  }
  if (!blocking) {
    if (timeout !== null)
      throw new ValueError("can't specify timeout for non-blocking acquire (Semaphore.acquire with blocking: false)");
    return 0;
  }
  // Python's loop gives up at once when the deadline is already past, so <= 0 is a single try.
  return timeout === null ? Infinity : Math.max(0, timeout);
}
