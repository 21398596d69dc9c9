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
import { HOLDERS, type ThreadRecord } from '../scheduler/thread-record';
import type { Runtime } from '../scheduler/runtime';
import { WaitQueue } from '../scheduler/wait-queue';
import { deadlineOf, waitAgain } from './contended-wait';

/**
 * A reentrant lock (Python's `threading.RLock`): the owning thread may acquire it again, and
 * must release it as many times; only the owner may release it. Not fair, as in CPython: the
 * last release frees the lock and wakes the longest waiter, which takes it when it runs unless
 * another thread took it first (then it waits again, still first in line).
 *
 * @example
 * const r = new RLock();
 * yield* r.acquire();
 * yield* r.acquire(); // same thread: the count goes to 2
 * r.release(); r.release();
 */
export class RLock extends RunBound implements ConditionLock {
  #owner: ThreadRecord | null = null;
  #count = 0;
  readonly #waiters = new WaitQueue();

  constructor(options?: PrimitiveOptions) {
    super('RLock', options);
  }

  /** Takes the lock or, for its owner, one more level of it; same options and result as `Lock.acquire`. */
  *acquire(options?: AcquireOptions): Op<boolean> {
    const rt = this.rt('acquire');
    const limit = lockAcquireLimit(options, 'RLock.acquire');
    const me = rt.current!;
    rt.announce('acquire', this);
    yield;
    if (this.#owner === me) {
      this.#count++;
      if (rt.trace !== null) rt.traceOp('acquire', this, null, true);
      return true;
    }
    if (this.#owner === null) {
      this.#take(rt, me);
      return true;
    }
    if (limit === 0) return this.#failed(rt);
    const deadline = deadlineOf(rt, limit);
    rt.block(me, this, this.#waiters, limit, deadline);
    // Woken by the last release (true) or by the timeout (false: no retry, as CPython's C lock).
    while ((yield BLOCK) === true) {
      if (this.#owner === null) {
        this.#take(rt, me);
        return true;
      }
      if (!waitAgain(rt, me, this, this.#waiters, deadline)) break;
    }
    return this.#failed(rt);
  }

  #take(rt: Runtime, me: ThreadRecord): void {
    this.#owner = me;
    this.#count = 1;
    if (rt.hb !== null) rt.hb.acquire(me, this);
    if (rt.trace !== null) rt.traceOp('acquire', this, null, true);
  }

  #failed(rt: Runtime): false {
    if (rt.trace !== null) rt.traceOp('acquire', this, null, false);
    return false;
  }

  /** Drops one level; at zero the lock is free and the longest waiter is woken. Only the owner may call it. */
  release(): void {
    const rt = this.rt('release');
    const me = rt.current!;
    if (this.#owner !== me) {
      throw new RuntimeError(
        this.#owner === null
          ? `cannot release un-acquired lock (RLock '${this.name}' is not held)`
          : `cannot release un-acquired lock (RLock '${this.name}' is held by ${this.#owner.name}, not ${me.name}; only its owner may release it)`,
      );
    }
    if (rt.trace !== null) rt.traceOp('release', this, null, null, true);
    if (--this.#count === 0) this.#free(me);
  }

  #free(me: ThreadRecord): void {
    const rt = this.rt('release');
    if (rt.hb !== null) rt.hb.release(me, this);
    this.#owner = null;
    this.#count = 0;
    const next = this.#waiters.head;
    if (next !== null) rt.wake(next, true, me);
  }

  override [HOLDERS](): readonly ThreadRecord[] {
    return this.#owner === null ? [] : [this.#owner];
  }

  [IS_OWNED](t: ThreadRecord): boolean {
    return this.#owner === t;
  }

  [RELEASE_SAVE](): unknown {
    const me = this.rt('release').current!;
    const count = this.#count;
    this.#free(me);
    return count;
  }

  *[ACQUIRE_RESTORE](saved: unknown): Op<void> {
    yield* this.acquire();
    this.#count = saved as number;
  }

  /** `<RLock owner=... count=...>` as Python shows it. */
  override toString(): string {
    return `<RLock '${this.name}' ${this.#owner === null ? 'unlocked' : `owner=${this.#owner.name} count=${this.#count}`}>`;
  }
}
