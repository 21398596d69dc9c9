import { RuntimeError } from '../errors';
import {
  ACQUIRE_RESTORE,
  type AcquireOptions,
  type ConditionLock,
  IS_OWNED,
  lockAcquireLimit,
  RELEASE_SAVE,
} from '../_internal/lock-protocol';
import { type PrimitiveOptions, RunBound } from '../_internal/run-bound';
import { BLOCK, type Op } from '../scheduler/instruction';
import type { Runtime } from '../scheduler/runtime';
import { HOLDERS, type ThreadRecord } from '../scheduler/thread-record';
import { WaitQueue } from '../scheduler/wait-queue';
import { WOULD_BLOCK } from '../_internal/would-block';
import { deadlineOf, waitAgain } from './contended-wait';

/**
 * A primitive lock (Python's `threading.Lock`): locked or unlocked, owned by no thread in
 * particular, so any thread may release it. As in CPython it is not fair: `release` unlocks and
 * wakes the longest waiter, which takes the lock when it runs unless another thread (the releasing
 * one included) took it first; then it waits again, still first in line.
 *
 * @example
 * const lock = new Lock({ name: 'counter' });
 * yield* lock.acquire();
 * try { yield* counter.update((n) => n + 1); } finally { lock.release(); }
 */
export class Lock extends RunBound implements ConditionLock {
  #holder: ThreadRecord | null = null;
  #locked = false;
  readonly #waiters = new WaitQueue();

  constructor(options?: PrimitiveOptions) {
    super('Lock', options);
  }

  /**
   * Takes the lock, waiting (without the GIL) while another thread has it. Returns true when
   * taken; false when `blocking: false` found it locked or `timeout` seconds passed.
   */
  *acquire(options?: AcquireOptions): Op<boolean> {
    const rt = this.rt('acquire');
    const limit = lockAcquireLimit(options, 'Lock.acquire');
    const me = rt.current!;
    me.opWaits = limit === Infinity;
    rt.announce('acquire', this);
    yield;
    if (!this.#locked) {
      this.#take(rt, me);
      return true;
    }
    if (limit === 0) return this.#failed(rt);
    const deadline = deadlineOf(rt, limit);
    rt.block(me, this, this.#waiters, limit, deadline);
    // Woken by a release (true) or by the timeout (false: C's lock gives up without a retry).
    while ((yield BLOCK) === true) {
      if (!this.#locked) {
        this.#take(rt, me);
        return true;
      }
      if (!waitAgain(rt, me, this, this.#waiters, deadline)) break;
    }
    return this.#failed(rt);
  }

  #take(rt: Runtime, me: ThreadRecord): void {
    this.#locked = true;
    this.#holder = me;
    if (rt.hb !== null) rt.hb.acquire(me, this);
    if (rt.trace !== null) rt.traceOp('acquire', this, null, true);
  }

  #failed(rt: Runtime): false {
    if (rt.trace !== null) rt.traceOp('acquire', this, null, false);
    return false;
  }

  /** Unlocks and wakes the longest waiter, if any. Releasing an unlocked lock raises RuntimeError. */
  release(): void {
    const rt = this.rt('release');
    if (!this.#locked) throw new RuntimeError(`release unlocked lock ('${this.name}' is not locked)`);
    const me = rt.current!;
    if (rt.hb !== null) rt.hb.release(me, this);
    if (rt.trace !== null) rt.traceOp('release', this, null, null, true);
    this.#locked = false;
    this.#holder = null;
    const next = this.#waiters.head;
    if (next !== null) rt.wake(next, true, me);
  }

  /** An untimed acquire would wait now. @internal */
  [WOULD_BLOCK](): boolean {
    return this.#locked;
  }

  /** True while some thread holds the lock. */
  locked(): boolean {
    return this.#locked;
  }

  override [HOLDERS](): readonly ThreadRecord[] {
    return this.#holder === null ? [] : [this.#holder];
  }

  [IS_OWNED](t: ThreadRecord): boolean {
    return this.#locked && this.#holder === t;
  }

  [RELEASE_SAVE](): unknown {
    this.release();
    return null;
  }

  *[ACQUIRE_RESTORE](): Op<void> {
    yield* this.acquire();
  }

  /** `<Lock 'counter' locked>` or `unlocked`, like CPython's `<locked _thread.lock object>`. */
  override toString(): string {
    return `<Lock '${this.name}' ${this.#locked ? 'locked' : 'unlocked'}>`;
  }
}
