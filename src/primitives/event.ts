import { TypeError, ValueError } from '../errors';
import { type PrimitiveOptions, RunBound } from '../_internal/run-bound';
import { BLOCK, type Op } from '../scheduler/instruction';
import { FREED_BY } from '../scheduler/thread-record';
import { WaitQueue } from '../scheduler/wait-queue';

/**
 * A flag threads can wait for (Python's `threading.Event`): `set()` wakes every waiter,
 * `clear()` resets it. A waiter woken by `set()` returns true even if the flag was cleared
 * again before it ran.
 *
 * @example
 * const green = new Event({ name: 'green light' });
 * yield* green.wait(); // in a car thread
 * green.set();         // in the light thread
 */
export class Event extends RunBound {
  #flag = false;
  readonly #waiters = new WaitQueue();

  constructor(options?: PrimitiveOptions) {
    super('Event', options);
  }

  /** True once set, until cleared. */
  isSet(): boolean {
    return this.#flag;
  }

  /** Sets the flag and wakes every waiting thread, in the order they began waiting. */
  set(): void {
    const rt = this.rt('set');
    this.#flag = true;
    if (rt.trace !== null) rt.traceOp('set', this, null, null, true);
    const me = rt.current;
    if (rt.hb !== null && me !== null) rt.hb.release(me, this);
    while (this.#waiters.head !== null) rt.wake(this.#waiters.head, true, me);
  }

  /** Resets the flag; later waits block until the next `set()`. */
  clear(): void {
    const rt = this.rt('clear');
    this.#flag = false;
    if (rt.trace !== null) rt.traceOp('clear', this, null, null, true);
  }

  /**
   * Waits until the flag is set, or for `timeout` virtual seconds (a timeout <= 0 returns at
   * once). Returns true when woken by `set()` or already set; false on timeout.
   */
  *wait(timeout?: number | null): Op<boolean> {
    const rt = this.rt('wait');
    if (timeout !== undefined && timeout !== null && typeof timeout !== 'number') {
      throw new TypeError(`Event.wait timeout must be a number of seconds, got ${typeof timeout}`);
    }
    // CPython would not wait at all (nan > 0 is false) and return False; a NaN is almost surely a
    // bug in the caller's arithmetic, so we raise instead of quietly timing out.
    if (Number.isNaN(timeout)) throw new ValueError('Event.wait timeout must be a number of seconds, got NaN');
    const me = rt.current!;
    rt.announce('wait', this);
    yield;
    let ok = this.#flag;
    if (!ok && (timeout === undefined || timeout === null || timeout > 0)) {
      rt.block(me, this, this.#waiters, timeout ?? Infinity);
      ok = (yield BLOCK) as boolean;
    }
    if (ok && rt.hb !== null) rt.hb.acquire(me, this);
    if (rt.trace !== null) rt.traceOp('wait', this, null, ok);
    return ok;
  }

  /** Waiters of an event are freed by a set (for deadlock reports). */
  get [FREED_BY](): string {
    return 'set';
  }

  /** `<Event 'green light' set>` or `unset`, like CPython's `<threading.Event at 0x… set>`. */
  override toString(): string {
    return `<Event '${this.name}' ${this.#flag ? 'set' : 'unset'}>`;
  }
}
