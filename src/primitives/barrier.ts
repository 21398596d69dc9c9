import { BrokenBarrierError, TypeError, ValueError } from '../errors';
import { isGeneratorFunction, notGeneratorReason } from '../_internal/generator-function';
import { type PrimitiveOptions, RunBound } from '../_internal/run-bound';
import { BLOCK, type Op } from '../scheduler/instruction';
import type { Runtime } from '../scheduler/runtime';
import { DESCRIBE, HOLDERS, type ThreadRecord } from '../scheduler/thread-record';
import { WaitQueue } from '../scheduler/wait-queue';

/** A barrier action: a generator function run by the last thread to arrive. */
export type BarrierAction = () => Generator<unknown, unknown, never>;

const FILLING = 0;
const ACTION = 1;
const PASSED = 2;
const BROKEN = 3;

/** One cycle of the barrier; a waiter keeps its round to learn how the round ended. */
class Round {
  outcome: typeof FILLING | typeof ACTION | typeof PASSED | typeof BROKEN = FILLING;
}

/**
 * A barrier for a fixed number of threads (Python's `threading.Barrier`): each `wait` blocks
 * until `parties` threads have called it, then all go on together and the barrier is ready for
 * the next round. The optional `action` (a generator function) runs in the last thread to
 * arrive, before the others are released. A timeout, `abort()` or a failing action breaks the
 * barrier: waiters get BrokenBarrierError until `reset()`.
 *
 * @example
 * const start = new Barrier(3, undefined, undefined, { name: 'start' });
 * const index: number = yield* start.wait(); // in each of three threads: 0, 1 or 2
 */
export class Barrier extends RunBound {
  readonly #parties: number;
  readonly #action: BarrierAction | null;
  readonly #timeout: number | null;
  #round = new Round();
  #count = 0;
  #broken = false;
  /** The thread running the action, while it runs. */
  #actor: ThreadRecord | null = null;
  readonly #waiters = new WaitQueue();
  /** Threads that must wait for the action to end: arrivals for the next round, timed-out waiters. */
  readonly #held = new WaitQueue();

  /**
   * `new Barrier(parties, action?, timeout?, { name })`; the options may also take the place of
   * `action` or `timeout`. `timeout` is the default for `wait()`.
   */
  constructor(
    parties: number,
    action?: BarrierAction | PrimitiveOptions | null,
    timeout?: number | PrimitiveOptions | null,
    options?: PrimitiveOptions,
  ) {
    const actionIsOptions = isOptions(action) && timeout === undefined && options === undefined;
    const timeoutIsOptions = isOptions(timeout) && options === undefined;
    super(
      'Barrier',
      actionIsOptions ? (action as PrimitiveOptions) : timeoutIsOptions ? (timeout as PrimitiveOptions) : options,
    );
    if (typeof parties !== 'number' || !Number.isInteger(parties) || parties < 1) {
      throw new ValueError(
        `parties must be a whole number >= 1 (the threads that meet at the barrier), got ${String(parties)}`,
      );
    }
    const act = actionIsOptions ? undefined : (action as BarrierAction | null | undefined);
    if (act !== undefined && act !== null && !isGeneratorFunction(act))
      throw new TypeError(notGeneratorReason('Barrier action', act));
    const timeoutSeconds = timeoutIsOptions ? undefined : (timeout as number | null | undefined);
    this.#parties = parties;
    this.#action = act ?? null;
    if (timeoutSeconds !== undefined && timeoutSeconds !== null) checkTimeout(timeoutSeconds, 'Barrier');
    this.#timeout = timeoutSeconds ?? null;
  }

  /** Threads needed to trip the barrier. */
  get parties(): number {
    return this.#parties;
  }

  /** Threads waiting in the current round. */
  get nWaiting(): number {
    return this.#count;
  }

  /** True once broken (timeout, `abort()`, failed action) until `reset()`. */
  get broken(): boolean {
    return this.#broken;
  }

  /**
   * Waits until `parties` threads are waiting, and returns this thread's arrival index (0 for
   * the first, parties - 1 for the last). `timeout` (default: the barrier's) limits the wait;
   * when it passes the barrier breaks. Raises BrokenBarrierError if the barrier is or becomes
   * broken, or is reset while this thread waits.
   */
  *wait(timeout?: number | null): Op<number> {
    const rt = this.rt('wait');
    const given = timeout === undefined || timeout === null ? this.#timeout : timeout;
    if (given !== null) checkTimeout(given, 'Barrier.wait');
    // Python's loop gives up at once when the deadline is already past, so <= 0 breaks at once.
    const limit = given === null ? Infinity : Math.max(0, given);
    const me = rt.current!;
    rt.announce('wait', this);
    yield;
    // While the last party runs the action, the next round has not begun (Python's draining).
    while (this.#actor !== null) {
      rt.block(me, this, this.#held, Infinity);
      yield BLOCK;
    }
    if (this.#broken)
      throw this.#error(
        'is broken (a wait timed out, abort() was called or the action failed); reset() it to use it again',
      );
    const round = this.#round;
    const index = this.#count++;
    if (rt.hb !== null) rt.hb.release(me, this);
    if (index + 1 === this.#parties) {
      yield* this.#trip(rt, me, round);
    } else {
      if (limit > 0) {
        rt.block(me, this, this.#waiters, limit);
        yield BLOCK;
      }
      // Timed out while the action runs: as in Python, the outcome is known only once it ends.
      while (round.outcome === ACTION) {
        rt.block(me, this, this.#held, Infinity);
        yield BLOCK;
      }
      if (round.outcome === FILLING) {
        this.#break(rt, me);
        throw this.#error(`timed out after ${limit} s waiting for ${this.#parties} parties, which broke it`);
      }
      if (round.outcome === BROKEN) throw this.#error('was broken or reset while this thread waited');
    }
    if (rt.hb !== null) rt.hb.acquire(me, this);
    return index;
  }

  /** The last arrival: run the action, then release the round (or break it if the action fails). */
  *#trip(rt: Runtime, me: ThreadRecord, round: Round): Op<void> {
    this.#round = new Round();
    this.#count = 0;
    if (this.#action !== null) {
      round.outcome = ACTION;
      this.#actor = me;
      try {
        // The action is thread code: its bare yields are steps of this thread, as in a target.
        yield* this.#action() as Generator<never, unknown, unknown>;
      } catch (error) {
        this.#endAction(rt, me, round, BROKEN);
        this.#break(rt, me);
        throw error;
      }
      this.#endAction(rt, me, round, PASSED);
    } else {
      round.outcome = PASSED;
      this.#wakeAll(rt, this.#waiters, me);
    }
  }

  #endAction(rt: Runtime, me: ThreadRecord, round: Round, outcome: typeof PASSED | typeof BROKEN): void {
    round.outcome = outcome;
    this.#actor = null;
    this.#wakeAll(rt, this.#waiters, me);
    this.#wakeAll(rt, this.#held, me);
  }

  /**
   * Breaks the barrier for the threads waiting (they get BrokenBarrierError) and makes it usable
   * again for the next round. Never blocks.
   */
  reset(): void {
    const rt = this.rt('reset');
    this.#endRound(rt, rt.current);
    this.#broken = false;
  }

  /** Breaks the barrier: waiting threads and later `wait`s get BrokenBarrierError until `reset()`. */
  abort(): void {
    const rt = this.rt('abort');
    this.#break(rt, rt.current);
  }

  #break(rt: Runtime, me: ThreadRecord | null): void {
    this.#broken = true;
    this.#endRound(rt, me);
  }

  /** Ends the filling round as broken: its waiters wake to raise BrokenBarrierError. */
  #endRound(rt: Runtime, me: ThreadRecord | null): void {
    if (this.#count === 0) return;
    this.#round.outcome = BROKEN;
    this.#round = new Round();
    this.#count = 0;
    this.#wakeAll(rt, this.#waiters, me);
  }

  #wakeAll(rt: Runtime, queue: WaitQueue, me: ThreadRecord | null): void {
    while (queue.head !== null) rt.wake(queue.head, true, me);
  }

  #error(what: string): BrokenBarrierError {
    return new BrokenBarrierError(`Barrier '${this.name}' ${what}`);
  }

  override [DESCRIBE](): string {
    if (this.#actor !== null) return `Barrier '${this.name}' (its action is running in ${this.#actor.name})`;
    return `Barrier '${this.name}' (${this.#count} of ${this.#parties} parties arrived)`;
  }

  override [HOLDERS](): readonly ThreadRecord[] {
    return this.#actor === null ? [] : [this.#actor];
  }

  /** `<Barrier 'start' waiters=1/3>` or `<Barrier 'start' broken>`, like Python's repr. */
  override toString(): string {
    return this.#broken
      ? `<Barrier '${this.name}' broken>`
      : `<Barrier '${this.name}' waiters=${this.#count}/${this.#parties}>`;
  }
}

function isOptions(x: unknown): boolean {
  return (
    typeof x === 'object' &&
    x !== null &&
    Object.getPrototypeOf(x) === Object.prototype &&
    Object.keys(x).every((k) => k === 'name')
  );
}

function checkTimeout(t: unknown, what: string): void {
  if (typeof t !== 'number' || Number.isNaN(t))
    throw new ValueError(`${what} timeout must be a number of seconds or null, got ${String(t)}`);
}
