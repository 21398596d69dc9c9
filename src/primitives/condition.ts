import { RuntimeError, TypeError, ValueError } from '../errors';
import { isGeneratorFunction } from '../_internal/generator-function';
import {
  ACQUIRE_RESTORE,
  type AcquireOptions,
  type ConditionLock,
  IS_OWNED,
  RELEASE_SAVE,
} from '../_internal/lock-protocol';
import { type PrimitiveOptions, RunBound } from '../_internal/run-bound';
import { activeRuntime } from '../scheduler/context';
import { BLOCK, type Op } from '../scheduler/instruction';
import { DESCRIBE, FREED_BY, type ThreadRecord } from '../scheduler/thread-record';
import { RLock } from './rlock';

/**
 * A condition variable (Python's `threading.Condition`): a lock plus a queue of threads waiting
 * to be notified. Hold the lock to `wait` (which releases it while waiting and takes it back
 * before returning) and to `notify`. The default lock is an RLock; waiters wake in FIFO order.
 * Unlike CPython, the ownership check applies to a plain `Lock` too: the *current thread* must
 * hold it, not just anyone.
 *
 * @example
 * const ready = new Condition(undefined, { name: 'ready' });
 * yield* withLock(ready, function* () {
 *   while (!done) yield* ready.wait(); // consumer
 * });
 * yield* withLock(ready, function* () {
 *   done = true;
 *   ready.notify(); // producer
 * });
 */
export class Condition extends RunBound {
  readonly #lock: ConditionLock;
  /**
   * The waiters in the order they started waiting (CPython's `_waiters` deque). A waiter whose
   * timeout expired stays here until it has the lock back, so a notify in that window is spent
   * on it (a lost notification, as in CPython); it leaves the list itself before `wait` returns.
   */
  readonly #waiters: ThreadRecord[] = [];

  /** `new Condition()`, `new Condition(lock)`, `new Condition(lock, { name })` or `new Condition({ name })`. */
  constructor(lock?: ConditionLock | PrimitiveOptions | null, options?: PrimitiveOptions) {
    const optionsOnly = lock !== undefined && lock !== null && isOptionsOnly(lock, options);
    const opts = optionsOnly ? (lock as PrimitiveOptions) : options;
    super('Condition', opts);
    if (lock === undefined || lock === null || optionsOnly) {
      // Named after the condition so reports read "RLock 'lock of ready'"; an unnamed one made
      // outside a run has no name yet, so its lock gets its own RLock-N when it binds.
      const named = opts?.name !== undefined || activeRuntime() !== null;
      this.#lock = new RLock(named ? { name: `lock of ${this.name}` } : undefined);
    } else if (isConditionLock(lock)) {
      this.#lock = lock;
    } else {
      throw new TypeError('Condition lock must be a Lock or an RLock (or leave it out for a new RLock)');
    }
  }

  /** Acquires the underlying lock (same options and result as its `acquire`). */
  *acquire(options?: AcquireOptions): Op<boolean> {
    this.rt('acquire');
    return yield* this.#lock.acquire(options);
  }

  /** Releases the underlying lock. */
  release(): void {
    this.rt('release');
    this.#lock.release();
  }

  /**
   * Releases the lock (fully, for an RLock held several times), waits until notified or until
   * `timeout` virtual seconds pass, then re-acquires the lock and restores its level. Returns
   * true when notified, false on timeout (only once the lock is held again). A timeout <= 0
   * returns false at once, keeping the lock. Raises RuntimeError unless this thread holds it.
   */
  *wait(timeout?: number | null): Op<boolean> {
    const rt = this.rt('wait');
    const limit = waitLimit(timeout);
    const me = rt.current!;
    rt.announce('wait', this);
    yield;
    if (!this.#lock[IS_OWNED](me)) {
      throw new RuntimeError(
        `cannot wait on un-acquired lock: acquire Condition '${this.name}' first (yield* withLock(cond, ...)), then wait inside`,
      );
    }
    if (limit === 0) {
      if (rt.trace !== null) rt.traceOp('wait', this, null, false);
      return false;
    }
    const saved = this.#lock[RELEASE_SAVE]();
    this.#waiters.push(me);
    rt.block(me, this, null, limit);
    const notified = (yield BLOCK) as boolean;
    yield* this.#lock[ACQUIRE_RESTORE](saved);
    if (!notified) this.#leave(me);
    if (notified && rt.hb !== null) rt.hb.acquire(me, this);
    if (rt.trace !== null) rt.traceOp('wait', this, null, notified);
    return notified;
  }

  /**
   * Waits until `predicate()` (a plain function, called with the lock held) is truthy, or until
   * `timeout` virtual seconds pass; returns the predicate's last value, as Python's `wait_for`.
   */
  *waitFor<T>(predicate: () => T, timeout?: number | null): Op<T> {
    const rt = this.rt('waitFor');
    if (typeof predicate !== 'function' || isGeneratorFunction(predicate)) {
      throw new TypeError(
        'waitFor needs a plain function as its predicate, such as () => queue.length > 0 (it must not block, so not a function*)',
      );
    }
    waitLimit(timeout);
    rt.announce('waitFor', this);
    yield;
    let result = predicate();
    let wait = timeout ?? null;
    let end: number | null = null;
    while (!result) {
      if (wait !== null) {
        if (end === null) end = rt.clock.now() + wait;
        else {
          wait = end - rt.clock.now();
          if (wait <= 0) break;
        }
      }
      yield* this.wait(wait);
      result = predicate();
    }
    return result;
  }

  /**
   * Wakes the `n` threads that have waited longest (default 1; none waiting is fine). Each
   * returns from `wait` once it gets the lock back. Raises RuntimeError unless this thread holds the lock.
   */
  notify(n = 1): void {
    const rt = this.rt('notify');
    const me = rt.current!;
    if (!this.#lock[IS_OWNED](me)) {
      throw new RuntimeError(
        `cannot notify on un-acquired lock: acquire Condition '${this.name}' first (yield* withLock(cond, ...)), then notify inside`,
      );
    }
    if (typeof n !== 'number' || Number.isNaN(n) || n < 0 || (!Number.isInteger(n) && n !== Infinity)) {
      throw new ValueError(`notify(n) needs a whole number n >= 0 of threads to wake, got ${String(n)}`);
    }
    if (rt.trace !== null) rt.traceOp('notify', this, null, null, true);
    if (n === 0 || this.#waiters.length === 0) return;
    if (rt.hb !== null) rt.hb.release(me, this);
    const woken = this.#waiters.splice(0, Math.min(n, this.#waiters.length));
    // A waiter that timed out and is not back yet is not waiting on this any more: its notify is spent.
    for (const t of woken) if (t.waitingOn === this) rt.wake(t, true, me);
  }

  /** Takes a timed-out waiter off the list, unless a notify took it first. */
  #leave(t: ThreadRecord): void {
    const i = this.#waiters.indexOf(t);
    if (i >= 0) this.#waiters.splice(i, 1);
  }

  /** Wakes every waiting thread (Python's `notify_all`). */
  notifyAll(): void {
    this.notify(Infinity);
  }

  override [DESCRIBE](): string {
    return `${super[DESCRIBE]()} (waiting for a notify)`;
  }

  /** Waiters of a condition are freed by a notify, not a release (for deadlock reports). */
  get [FREED_BY](): string {
    return 'notify';
  }

  /** `<Condition 'ready' waiters=2>`. */
  override toString(): string {
    return `<Condition '${this.name}' waiters=${this.#waiters.length}>`;
  }
}

function isConditionLock(x: unknown): x is ConditionLock {
  const o = x as Partial<Record<symbol, unknown>> & { acquire?: unknown; release?: unknown };
  return (
    typeof o.acquire === 'function' &&
    typeof o.release === 'function' &&
    typeof o[IS_OWNED] === 'function' &&
    typeof o[RELEASE_SAVE] === 'function' &&
    typeof o[ACQUIRE_RESTORE] === 'function'
  );
}

/** `new Condition({ name })`: a plain options object in the lock's place. */
function isOptionsOnly(x: object, options: PrimitiveOptions | undefined): boolean {
  return (
    options === undefined && Object.getPrototypeOf(x) === Object.prototype && Object.keys(x).every((k) => k === 'name')
  );
}

/** The wait limit in seconds: Infinity for none, 0 for "return at once" (any timeout <= 0). */
function waitLimit(timeout: number | null | undefined): number {
  if (timeout === undefined || timeout === null) return Infinity;
  if (typeof timeout !== 'number')
    throw new TypeError(`Condition.wait timeout must be a number of seconds or null, got ${typeof timeout}`);
  if (Number.isNaN(timeout)) throw new ValueError('Condition.wait timeout must be a number of seconds, got NaN');
  return Math.max(0, timeout);
}
