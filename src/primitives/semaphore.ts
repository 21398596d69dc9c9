import { PEEK } from '../_internal/peek';
import { TypeError, ValueError } from '../errors';
import { type PrimitiveOptions, RunBound } from '../_internal/run-bound';
import { BLOCK, type Op } from '../scheduler/instruction';
import { WaitQueue } from '../scheduler/wait-queue';

/** How a semaphore `acquire` is asked for (Python's `acquire(blocking=True, timeout=None)`). */
export interface SemaphoreAcquireOptions {
  /** Wait for a unit (default true); false tries once and returns at once. */
  blocking?: boolean;
  /** Give up after this many virtual seconds; null or absent waits forever, <= 0 tries once. */
  timeout?: number | null;
}

/**
 * A counting semaphore (Python's `threading.Semaphore`): a counter of free units. `acquire`
 * takes one, waiting while there is none; `release(n)` gives n back. Units are handed straight
 * to the threads that have waited longest (FIFO), so a releaser cannot take a unit back first.
 * Like Python's, a plain Semaphore may be released more often than it was acquired.
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
  /** Units handed to woken waiters that have not run yet: CPython would still count them free. */
  #inFlight = 0;
  readonly #waiters = new WaitQueue();

  constructor(value = 1, options?: PrimitiveOptions) {
    super(new.target.kind, options);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new ValueError(`semaphore initial value must be a whole number >= 0, got ${String(value)}`);
    }
    this.#value = value;
  }

  /** Free units now (a unit handed to a waiter is no longer free). */
  protected get value(): number {
    return this.#value;
  }

  /** Units handed to waiters that have not yet run; a bound check counts them as given back. */
  /** Free units now, for the teaching views. */
  [PEEK](): number {
    return this.#value;
  }

  protected get inFlight(): number {
    return this.#inFlight;
  }

  /**
   * Takes one unit, waiting (without the GIL) while there is none. Returns true when taken;
   * false when `blocking: false` found none or `timeout` seconds passed.
   */
  *acquire(options?: SemaphoreAcquireOptions): Op<boolean> {
    const rt = this.rt('acquire');
    const limit = semaphoreAcquireLimit(options);
    const me = rt.current!;
    rt.announce('acquire', this);
    yield;
    // Units go to waiters first, so a free unit means nobody is waiting and FIFO holds.
    if (this.#value > 0) {
      this.#value--;
      if (rt.hb !== null) rt.hb.acquire(me, this);
      if (rt.trace !== null) rt.traceOp('acquire', this, null, true);
      return true;
    }
    if (limit === 0) {
      if (rt.trace !== null) rt.traceOp('acquire', this, null, false);
      return false;
    }
    rt.block(me, this, this.#waiters, limit);
    const ok = (yield BLOCK) as boolean;
    if (ok) {
      this.#inFlight--;
      if (rt.hb !== null) rt.hb.acquire(me, this);
    }
    if (rt.trace !== null) rt.traceOp('acquire', this, null, ok);
    return ok;
  }

  /**
   * Gives back `n` units (default 1): the `n` longest waiters each get one, the rest become
   * free. `n` must be a whole number >= 1 (ValueError otherwise). Never blocks.
   */
  release(n = 1): void {
    const rt = this.rt('release');
    checkReleaseCount(n);
    const me = rt.current!;
    if (rt.hb !== null) rt.hb.release(me, this);
    if (rt.trace !== null) rt.traceOp('release', this, null, null, true);
    let left = n;
    while (left > 0 && this.#waiters.head !== null) {
      rt.wake(this.#waiters.head, true, me);
      this.#inFlight++;
      left--;
    }
    this.#value += left;
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
  if (typeof blocking !== 'boolean') throw new TypeError(`Semaphore.acquire() blocking must be true or false, got ${String(blocking)}`);
  if (timeout !== null && (typeof timeout !== 'number' || Number.isNaN(timeout))) {
    throw new ValueError(`Semaphore.acquire() timeout must be a number of seconds or null, got ${String(timeout)}`);
  }
  if (!blocking) {
    if (timeout !== null) throw new ValueError("can't specify timeout for non-blocking acquire (Semaphore.acquire with blocking: false)");
    return 0;
  }
  // Python's loop gives up at once when the deadline is already past, so <= 0 is a single try.
  return timeout === null ? Infinity : Math.max(0, timeout);
}
