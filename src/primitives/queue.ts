import type { QueueOpOptions } from '../types';
export type { QueueOpOptions } from '../types';
import { QueueEmpty, QueueFull, TypeError, ValueError } from '../errors';
import { PEEK } from '../_internal/peek';
import { type PrimitiveOptions, RunBound } from '../_internal/run-bound';
import { BLOCK, type Op } from '../scheduler/instruction';
import type { Runtime } from '../scheduler/runtime';
import { DESCRIBE, HOLDERS, type ThreadRecord, type Waitable } from '../scheduler/thread-record';
import { WaitQueue } from '../scheduler/wait-queue';
import { deadlineOf, waitAgain } from './contended-wait';

/**
 * A FIFO queue for passing items between threads (Python's `queue.Queue`). `maxsize <= 0`
 * means unbounded. As in CPython, waiting is not fair: a `put` wakes the longest-waiting getter
 * and a `get` the longest-waiting putter, and the woken thread looks again when it runs; a thread
 * arriving meanwhile may have taken the item (or the room) first, and the woken one then waits
 * again, still first in line, for the time it has left. Every item put counts as an unfinished task until
 * `taskDone()`; `join()` waits for them all. Subclasses change the order by overriding
 * `_put`/`_get`/`_qsize`, as in Python.
 *
 * @example
 * const jobs = new Queue<number>(2, { name: 'jobs' });
 * yield* jobs.put(1);                 // producer
 * const n = yield* jobs.get();        // consumer
 * jobs.taskDone();
 */
export class Queue<T = unknown> extends RunBound {
  #maxsize: number;
  #unfinished = 0;
  #items: (T | undefined)[] = [];
  #head = 0;
  readonly #getters = new WaitQueue();
  readonly #putters = new WaitQueue();
  readonly #joiners = new WaitQueue();
  readonly #getWait: Waitable;
  readonly #putWait: Waitable;
  readonly #joinWait: Waitable;

  constructor(maxsize = 0, options?: PrimitiveOptions) {
    super(new.target.name || 'Queue', options);
    this.#maxsize = checkMaxsize(maxsize, new.target.name || 'Queue');
    this.#getWait = this.#waitable(() => 'empty, waiting for a put');
    this.#putWait = this.#waitable(() => 'full, waiting for a get');
    this.#joinWait = this.#waitable(
      () => `${this.#unfinished} unfinished task${this.#unfinished === 1 ? '' : 's'}, waiting for taskDone()`,
    );
  }

  /** The bound; writable as in Python (raising it lets waiting putters in). */
  get maxsize(): number {
    return this.#maxsize;
  }

  set maxsize(value: number) {
    this.#maxsize = checkMaxsize(value, this.constructor.name || 'Queue');
    if (this.#putters.head !== null) {
      const rt = this.rt('maxsize');
      this.#wakePutters(rt, rt.current);
    }
  }

  /**
   * Puts `item` in, waiting (without the GIL) while the queue is full. With `block: false`, or
   * when `timeout` seconds pass first, raises QueueFull.
   */
  *put(item: T, options?: QueueOpOptions): Op<void> {
    const rt = this.rt('put');
    const limit = waitLimit(options, 'put');
    const me = rt.current!;
    rt.announce('put', this, item);
    yield;
    if (this.#tryPut(rt, me, item)) {
      if (rt.trace !== null) rt.traceOpValue('put', this, item, true);
      return;
    }
    if (limit === 0) throw this.#fullError(limit);
    const deadline = deadlineOf(rt, limit);
    rt.block(me, this.#putWait, this.#putters, limit, deadline);
    // CPython's `while full: not_full.wait(remaining)`: a timeout too looks again before giving up.
    for (;;) {
      yield BLOCK;
      if (this.#tryPut(rt, me, item)) {
        if (rt.trace !== null) rt.traceOpValue('put', this, item, true);
        return;
      }
      if (!waitAgain(rt, me, this.#putWait, this.#putters, deadline)) throw this.#fullError(limit);
    }
  }

  /**
   * Removes and returns the next item, waiting (without the GIL) while the queue is empty.
   * With `block: false`, or when `timeout` seconds pass first, raises QueueEmpty.
   */
  *get(options?: QueueOpOptions): Op<T> {
    const rt = this.rt('get');
    const limit = waitLimit(options, 'get');
    const me = rt.current!;
    rt.announce('get', this);
    yield;
    if (this._qsize() > 0) return this.#traceGet(rt, this.#take(rt, me));
    if (limit === 0) throw this.#emptyError(limit);
    const deadline = deadlineOf(rt, limit);
    rt.block(me, this.#getWait, this.#getters, limit, deadline);
    for (;;) {
      yield BLOCK;
      if (this._qsize() > 0) return this.#traceGet(rt, this.#take(rt, me));
      if (!waitAgain(rt, me, this.#getWait, this.#getters, deadline)) throw this.#emptyError(limit);
    }
  }

  #traceGet(rt: Runtime, item: T): T {
    if (rt.trace !== null) rt.traceOpValue('get', this, item, true);
    return item;
  }

  /** Puts `item` in if there is room, else raises QueueFull; never waits. */
  putNowait(item: T): void {
    const rt = this.rt('putNowait');
    if (!this.#tryPut(rt, rt.current!, item)) throw this.#fullError(0);
  }

  /** Takes the next item if there is one, else raises QueueEmpty; never waits. */
  getNowait(): T {
    const rt = this.rt('getNowait');
    if (this._qsize() > 0) return this.#take(rt, rt.current!);
    throw this.#emptyError(0);
  }

  /**
   * Tells the queue that one item taken with `get` has been processed; when every item put has
   * been, `join()` returns. More calls than items put raise ValueError.
   */
  taskDone(): void {
    const rt = this.rt('taskDone');
    if (this.#unfinished <= 0) {
      throw new ValueError(
        `task_done() called too many times: ${this[DESCRIBE]()} has no unfinished task (call taskDone() once per item taken with get())`,
      );
    }
    const me = rt.current;
    if (rt.hb !== null && me !== null) rt.hb.release(me, this);
    if (--this.#unfinished === 0) while (this.#joiners.head !== null) rt.wake(this.#joiners.head, true, me);
  }

  /** Waits until every item ever put has had its `taskDone()`. */
  *join(): Op<void> {
    const rt = this.rt('join');
    const me = rt.current!;
    rt.announce('join', this);
    yield;
    // CPython's `while unfinished_tasks: all_tasks_done.wait()`: a put before the woken joiner
    // runs makes it wait again.
    if (this.#unfinished !== 0) {
      rt.block(me, this.#joinWait, this.#joiners, Infinity);
      do yield BLOCK;
      while (this.#unfinished !== 0 && waitAgain(rt, me, this.#joinWait, this.#joiners, Infinity));
    }
    if (rt.hb !== null) rt.hb.acquire(me, this);
  }

  /** How many items are in the queue now (items of blocked putters not counted). */
  qsize(): number {
    this.rt('qsize');
    return this._qsize();
  }

  /** True when no item is in the queue. */
  empty(): boolean {
    this.rt('empty');
    return this._qsize() === 0;
  }

  /** True when the queue is bounded and holds `maxsize` items or more. */
  full(): boolean {
    this.rt('full');
    return this.#maxsize > 0 && this._qsize() >= this.#maxsize;
  }

  /** Stores an item (Python's `_put`); override with `_get` and `_qsize` for another order. */
  protected _put(item: T): void {
    this.#items.push(item);
  }

  /** Removes the next item (Python's `_get`); called only when `_qsize() > 0`. */
  protected _get(): T {
    const item = this.#items[this.#head] as T;
    this.#items[this.#head++] = undefined;
    if (this.#head === this.#items.length) this.#items.length = this.#head = 0;
    else if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      // Drop the consumed front now and then so a long-lived queue does not keep growing.
      this.#items.splice(0, this.#head);
      this.#head = 0;
    }
    return item;
  }

  /** The items in the order `get` would return them, for the teaching views (no step). */
  [PEEK](): T[] {
    return this._snapshot();
  }

  /** The stored items in `get` order; a subclass with its own storage overrides it. */
  protected _snapshot(): T[] {
    return this.#items.slice(this.#head) as T[];
  }

  /** How many items are stored (Python's `_qsize`). */
  protected _qsize(): number {
    return this.#items.length - this.#head;
  }

  #tryPut(rt: Runtime, me: ThreadRecord, item: T): boolean {
    if (!this.#hasRoom()) return false;
    this._put(item);
    this.#unfinished++;
    // Python serialises every queue operation on one mutex, so each one orders the next.
    if (rt.hb !== null) {
      rt.hb.acquire(me, this);
      rt.hb.release(me, this);
    }
    // not_empty.notify(): one getter looks again.
    if (this.#getters.head !== null) rt.wake(this.#getters.head, true, me);
    return true;
  }

  #take(rt: Runtime, me: ThreadRecord): T {
    const item = this._get();
    if (rt.hb !== null) {
      rt.hb.acquire(me, this);
      rt.hb.release(me, this);
    }
    // not_full.notify(): one putter looks again.
    if (this.#putters.head !== null) rt.wake(this.#putters.head, true, me);
    return item;
  }

  #hasRoom(): boolean {
    return this.#maxsize <= 0 || this._qsize() < this.#maxsize;
  }

  /** Wakes as many putters as there is room now (after `maxsize` was raised); each looks again. */
  #wakePutters(rt: Runtime, me: ThreadRecord | null): void {
    const room = this.#maxsize <= 0 ? Infinity : this.#maxsize - this._qsize();
    for (let left = room; left > 0 && this.#putters.head !== null; left--) rt.wake(this.#putters.head, true, me);
  }

  #emptyError(limit: number): QueueEmpty {
    return new QueueEmpty(
      limit === 0
        ? `${this[DESCRIBE]()} is empty and get was told not to wait (block: false, timeout 0 or getNowait()); use get() to wait for an item`
        : `get timed out: no item arrived in ${this[DESCRIBE]()} within ${limit} s`,
    );
  }

  #fullError(limit: number): QueueFull {
    return new QueueFull(
      limit === 0
        ? `${this[DESCRIBE]()} is full (maxsize ${this.#maxsize}) and put was told not to wait (block: false, timeout 0 or putNowait()); use put() to wait for room`
        : `put timed out: ${this[DESCRIBE]()} stayed full (maxsize ${this.#maxsize}) for ${limit} s`,
    );
  }

  #waitable(state: () => string): Waitable {
    return { [DESCRIBE]: () => `${this[DESCRIBE]()} (${state()})`, [HOLDERS]: () => [] };
  }
}

function checkMaxsize(maxsize: unknown, what: string): number {
  if (typeof maxsize !== 'number' || Number.isNaN(maxsize)) {
    const hint =
      typeof maxsize === 'object' && maxsize !== null
        ? `; to name an unbounded queue write new ${what}(0, { name: '...' })`
        : '';
    throw new TypeError(
      `${what} maxsize must be a number (0 or less: unbounded), got ${maxsize === null ? 'null' : typeof maxsize}${hint}`,
    );
  }
  return maxsize;
}

/** The wait limit of a put/get: 0 to fail at once, Infinity for none, else seconds. */
function waitLimit(options: QueueOpOptions | undefined, what: string): number {
  if (options === undefined) return Infinity;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `Queue.${what}() takes an options object { block, timeout }, got ${options === null ? 'null' : typeof options}`,
    );
  }
  const block = options.block ?? true;
  if (typeof block !== 'boolean')
    throw new TypeError(`Queue.${what}() block must be true or false, got ${typeof block}`);
  // As in Python, a non-blocking call ignores its timeout.
  if (!block) return 0;
  const timeout = options.timeout;
  if (timeout === undefined || timeout === null) return Infinity;
  if (typeof timeout !== 'number')
    throw new TypeError(
      `'timeout' must be a non-negative number of seconds (or null to wait forever), got ${typeof timeout}`,
    );
  if (Number.isNaN(timeout) || timeout < 0)
    throw new ValueError(`'timeout' must be a non-negative number (Queue.${what} got ${timeout})`);
  return timeout;
}
