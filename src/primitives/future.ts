import { CancelledError, RuntimeError, TimeoutError, TypeError, ValueError } from '../errors';
import { isGeneratorFunction } from '../_internal/generator-function';
import { type PrimitiveOptions, RunBound } from '../_internal/run-bound';
import { BLOCK, type Op } from '../scheduler/instruction';
import type { Runtime } from '../scheduler/runtime';
import { describeError } from '../scheduler/thread-errors';
import { DESCRIBE, HOLDERS, type ThreadRecord } from '../scheduler/thread-record';
import { WaitQueue } from '../scheduler/wait-queue';

type FutureState = 'pending' | 'running' | 'cancelled' | 'finished';

/**
 * The eventual result of a call (Python's `concurrent.futures.Future`), usually made by
 * `ThreadPoolExecutor.submit`. `yield* f.result()` waits for it and returns the value, or
 * rethrows the call's own error object (which never reaches the excepthook). A future can be
 * cancelled only while still pending. The `set...` methods are for executors and tests, as in
 * Python.
 *
 * @example
 * const f = pool.submit(square, 3);
 * const nine = yield* f.result();        // waits; TimeoutError with result(timeout) if late
 * f.addDoneCallback((done) => log.push(done.done()));
 */
export class Future<T = unknown> extends RunBound {
  #state: FutureState = 'pending';
  #result: T | undefined = undefined;
  #error: unknown = undefined;
  #failed = false;
  #runner: ThreadRecord | null = null;
  #callbacks: ((future: Future<T>) => void)[] = [];
  readonly #waiters = new WaitQueue();

  constructor(options?: PrimitiveOptions) {
    super('Future', options);
  }

  /**
   * Waits for the call to end and returns its value, or rethrows its error. Raises
   * CancelledError if it was cancelled, TimeoutError if not done within `timeout` seconds
   * (a timeout <= 0 does not wait).
   */
  *result(timeout?: number | null): Op<T> {
    const rt = this.rt('result');
    const limit = futureTimeout(timeout, 'result');
    rt.announce('result', this);
    yield;
    yield* this.#waitDone(rt, limit);
    if (this.#failed) throw this.#error;
    return this.#result as T;
  }

  /** Like `result`, but returns the call's error (null if it returned normally) instead of throwing it. */
  *exception(timeout?: number | null): Op<unknown> {
    const rt = this.rt('exception');
    const limit = futureTimeout(timeout, 'exception');
    rt.announce('exception', this);
    yield;
    yield* this.#waitDone(rt, limit);
    return this.#failed ? this.#error : null;
  }

  /** True once the call has ended or the future was cancelled. */
  done(): boolean {
    this.rt('done');
    return this.#isDone();
  }

  #isDone(): boolean {
    return this.#state === 'finished' || this.#state === 'cancelled';
  }

  /** True if `cancel()` succeeded. */
  cancelled(): boolean {
    this.rt('cancelled');
    return this.#state === 'cancelled';
  }

  /** True while the call is running. */
  running(): boolean {
    this.rt('running');
    return this.#state === 'running';
  }

  /**
   * Cancels the call if it has not started: returns true if the future is (now) cancelled,
   * false if it is running or done. Waiters wake and raise CancelledError.
   */
  cancel(): boolean {
    const rt = this.rt('cancel');
    if (this.#state === 'running' || this.#state === 'finished') return false;
    if (this.#state === 'cancelled') return true;
    this.#state = 'cancelled';
    this.#complete(rt);
    return true;
  }

  /**
   * Calls `fn(future)` when the future is done or cancelled, in the thread that completes it,
   * or at once if it already is. `fn` is a plain function; an error it raises is written to
   * the output and ignored, as Python logs it.
   */
  addDoneCallback(fn: (future: Future<T>) => void): void {
    if (typeof fn !== 'function' || isGeneratorFunction(fn)) {
      throw new TypeError(
        `addDoneCallback takes a plain function, called with the future inside the thread that completes it${isGeneratorFunction(fn) ? '; a generator function would never run its body: to run thread code, start a Thread or submit it instead' : `, got ${typeof fn}`}`,
      );
    }
    const rt = this.rt('addDoneCallback');
    if (this.#isDone()) this.#call(rt, fn);
    else this.#callbacks.push(fn);
  }

  /**
   * Marks the future running, or returns false if it was cancelled (then the call must not
   * run). For executors; raises RuntimeError if it is already running or done.
   */
  setRunningOrNotifyCancel(): boolean {
    const rt = this.rt('setRunningOrNotifyCancel');
    if (this.#state === 'cancelled') return false;
    if (this.#state !== 'pending')
      throw new RuntimeError(`Future in unexpected state: ${super[DESCRIBE]()} is already ${this.#state}`);
    this.#state = 'running';
    this.#runner = rt.current;
    return true;
  }

  /** Completes the future with a value and wakes its waiters. For executors and tests. */
  setResult(value: T): void {
    const rt = this.#settable('setResult');
    this.#result = value;
    this.#finish(rt);
  }

  /** Completes the future with an error, which `result()` will rethrow. For executors and tests. */
  setException(error: unknown): void {
    const rt = this.#settable('setException');
    this.#error = error;
    this.#failed = true;
    this.#finish(rt);
  }

  /** `<Future 'name' state=finished returned number>`, as Python's repr (with the name for the address). */
  override toString(): string {
    const head = `<Future '${this.name}' state=${this.#state}`;
    if (this.#state !== 'finished') return `${head}>`;
    return this.#failed
      ? `${head} raised ${this.#error instanceof Error ? this.#error.name : typeName(this.#error)}>`
      : `${head} returned ${typeName(this.#result)}>`;
  }

  override [DESCRIBE](): string {
    const what = super[DESCRIBE]();
    if (this.#state === 'running') return `${what} (running in ${this.#runner?.name ?? 'a thread'})`;
    return this.#state === 'pending' ? `${what} (pending: its call has not started)` : `${what} (${this.#state})`;
  }

  override [HOLDERS](): readonly ThreadRecord[] {
    return this.#state === 'running' && this.#runner !== null ? [this.#runner] : [];
  }

  *#waitDone(rt: Runtime, limit: number): Op<void> {
    const me = rt.current!;
    if (!this.#isDone() && limit > 0) {
      rt.block(me, this, this.#waiters, limit);
      yield BLOCK;
    }
    if (this.#state === 'cancelled') throw new CancelledError(`${super[DESCRIBE]()} was cancelled before its call ran`);
    if (this.#state !== 'finished') {
      throw new TimeoutError(
        limit > 0
          ? `${super[DESCRIBE]()} was not done within ${limit} s (its call is still ${this.#state})`
          : `${super[DESCRIBE]()} is not done yet (its call is still ${this.#state}) and a timeout <= 0 does not wait`,
      );
    }
    if (rt.hb !== null) rt.hb.acquire(me, this);
  }

  #settable(what: string): Runtime {
    const rt = this.rt(what);
    if (this.#isDone())
      throw new RuntimeError(
        `invalid state: ${super[DESCRIBE]()} is already ${this.#state}; a future is completed once`,
      );
    return rt;
  }

  #finish(rt: Runtime): void {
    this.#state = 'finished';
    const me = rt.current;
    if (rt.hb !== null && me !== null) rt.hb.release(me, this);
    this.#complete(rt);
  }

  #complete(rt: Runtime): void {
    const me = rt.current;
    while (this.#waiters.head !== null) rt.wake(this.#waiters.head, true, me);
    const callbacks = this.#callbacks;
    this.#callbacks = [];
    for (const fn of callbacks) this.#call(rt, fn);
  }

  #call(rt: Runtime, fn: (future: Future<T>) => void): void {
    try {
      fn(this);
    } catch (error) {
      rt.write(`exception calling callback for ${this.toString()}:\n${describeError(error)}\n`);
    }
  }
}

function futureTimeout(timeout: number | null | undefined, what: string): number {
  if (timeout === undefined || timeout === null) return Infinity;
  if (typeof timeout !== 'number') {
    throw new TypeError(
      `Future.${what} timeout must be a number of seconds (or null to wait forever), got ${String(timeout)}`,
    );
  }
  // CPython would not wait at all (NaN > 0 is false) and report a timeout: a NaN here is almost
  // surely a bug in the caller's arithmetic, so say so instead.
  if (Number.isNaN(timeout)) throw new ValueError(`Future.${what} timeout must be a number of seconds, got NaN`);
  return Math.max(0, timeout);
}

function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? ((v as object).constructor?.name ?? 'object') : typeof v;
}
