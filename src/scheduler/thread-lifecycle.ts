import type { ResolvedRunOptions } from './options';
import type { Strategy } from './strategies/strategy';
import { tracebackOf } from './traceback-hook';
import type { ThreadGenerator } from './instruction';
import { RunState } from './run-state';
import { BLOCKED, DESCRIBE, DONE, NEW, RUNNABLE, type ThreadRecord, type Waitable } from './thread-record';
import { describeError } from './thread-errors';
import type { WaitQueue } from './wait-queue';
import { YieldTurns } from './yield-turns';

/**
 * A run's threads from start to end: starting, blocking, waking (fair yields included) and
 * ending with the excepthook, and whether the run is over. The step loop (`StepLoop`) is built on
 * it; ops reach these through the `Runtime`.
 */
export abstract class ThreadLifecycle extends RunState {
  #mainDone = false;
  #startedCount = 0;
  #nonDaemonAlive = 0;
  /** Threads held after `sleep(0)` until the others have had their turn; made on first use. */
  #turns: YieldTurns | null = null;

  // An explicit constructor: the implicit one of a derived class with fields passes its
  // arguments on by spreading them, which costs in every run.
  constructor(options: ResolvedRunOptions, strategy: Strategy) {
    super(options, strategy);
  }

  /** Starts a thread: it becomes runnable; the starter goes on (start is not a switch point). */
  start(t: ThreadRecord, gen: ThreadGenerator): void {
    t.gen = gen;
    t.state = RUNNABLE;
    t.startOrder = this.#startedCount++;
    if (t.id !== 0 && !t.daemon) this.#nonDaemonAlive++;
    const by = this.current;
    if (by !== null && this.hb !== null) this.hb.fork(by, t);
    if (this.trace !== null) this.trace.start(this.steps, this.clock.now(), t.name, t.id, by?.name ?? '');
    this.strategy.add(t);
  }

  /** Ends a thread, with its return value or its uncaught error. */
  finish(thread: ThreadRecord, value: unknown, failure: { error: unknown } | null): void {
    if (thread.state === BLOCKED) this.#unblock(thread);
    thread.state = DONE;
    thread.gen = null;
    this.strategy.removed?.(thread);
    if (failure !== null) {
      thread.failed = true;
      thread.error = failure.error;
      if (thread.id === 0) this.mainError = failure;
      else {
        this.errors.push({ thread: thread.name, error: failure.error });
        this.#callExcepthook(thread, failure.error);
      }
    }
    if (this.trace !== null) {
      // Timer.cancel() ends a waiting timer thread from another thread's step: the open slice is not its.
      if (thread === this.current) this.flushSlice(thread, true);
      this.trace.end(
        this.steps,
        this.clock.now(),
        thread.name,
        thread.id,
        failure === null ? null : describeError(failure.error),
      );
    }
    const joiners = thread.joiners;
    if (joiners !== null) while (joiners.head !== null) this.wake(joiners.head, true, thread);
    if (thread.id === 0) {
      this.#mainDone = true;
      this.mainValue = value;
      const hooks = this.atExit;
      this.atExit = null;
      if (hooks !== null) for (const hook of hooks) hook();
    } else if (!thread.daemon) this.#nonDaemonAlive--;
  }

  #callExcepthook(t: ThreadRecord, error: unknown): void {
    const write = (text: string): void => this.write(text, t);
    try {
      this.excepthook(
        this.options.traceback
          ? { thread: t.name, error, write, traceback: tracebackOf(error) }
          : { thread: t.name, error, write },
      );
    } catch (hookError) {
      // Python reports a failing excepthook on stderr and goes on; so do we, in the output.
      write(`Exception in threading.excepthook:\n${describeError(hookError)}\n`);
    }
  }

  /** Threads started and not ended, in the order they started (Python's `enumerate()` order). */
  alive(): ThreadRecord[] {
    const alive = this.threads.filter((t) => t.state !== NEW && t.state !== DONE);
    return alive.sort((a, b) => a.startOrder - b.startOrder);
  }

  /**
   * The run is over: threads still alive (daemons, or threads blocked at a deadlock or stopped by
   * the step limit) are abandoned, as Python abandons daemon threads at exit (none of their
   * `finally` blocks runs). Their suspended generators are let go, so that a Thread or a
   * primitive the program kept does not keep the ops' frames, and through them this run, alive.
   */
  protected abandonAlive(): void {
    for (const t of this.threads) t.gen = null;
  }

  /** Main has ended and so has every non-daemon thread: the run is over. */
  protected over(): boolean {
    return this.#mainDone && this.#nonDaemonAlive === 0;
  }

  // ---- blocking and waking -------------------------------------------------------------------

  /**
   * Blocks the current thread `t` on `on`, optionally in `queue`, for at most `timeout` virtual
   * seconds (Infinity: no limit), or until the exact time `deadline` when given (a wait resumed
   * after a lost race keeps its first deadline). The op must then `yield BLOCK`; it resumes with the wake value.
   */
  block(t: ThreadRecord, on: Waitable, queue: WaitQueue | null, timeout: number, deadline?: number): void {
    t.state = BLOCKED;
    t.waitingOn = on;
    t.blockGen++;
    const now = this.clock.now();
    t.blockedAt = now;
    if (queue !== null) queue.push(t);
    if (timeout !== Infinity) this.timers.push(deadline ?? now + timeout, t, t.blockGen);
    if (this.trace !== null) this.flushSlice(t, true);
    if (this.trace !== null)
      this.trace.block(this.steps, now, t.name, t.id, on[DESCRIBE](), timeout === Infinity ? null : timeout, t.at);
  }

  /** The run made a fair yield (its token says so: see `yieldTurn`). */
  get fairYields(): boolean {
    return this.#turns !== null;
  }

  /**
   * `sleep(0)`: the current thread `t` blocks on `on` until every other runnable thread has been
   * picked once (a block, not a preemption). False, doing nothing, when no other thread can run.
   */
  yieldTurn(t: ThreadRecord, on: Waitable): boolean {
    const before: ThreadRecord[] = [];
    for (const u of this.threads) if (u !== t && u.state === RUNNABLE) before.push(u);
    if (before.length === 0) return false;
    this.block(t, on, null, Infinity);
    this.strategy.yielded?.(t);
    (this.#turns ??= new YieldTurns((held) => this.wake(held, undefined, null))).park(t, before);
    return true;
  }

  /** `next` was picked to run: threads held by `sleep(0)` for it may go back (see `YieldTurns`). */
  protected picked(next: ThreadRecord): void {
    const turns = this.#turns;
    if (turns !== null && turns.size > 0) turns.picked(next);
  }

  /** Nothing is runnable: lets the longest-held `sleep(0)` thread go back; false when none is held. */
  protected releaseHeld(): boolean {
    return this.#turns?.releaseOne() === true;
  }

  /** Wakes a blocked thread with `value` (false for a timeout); `by` is the waker. */
  wake(thread: ThreadRecord, value: unknown, by: ThreadRecord | null): void {
    if (thread.state !== BLOCKED) return;
    if (this.trace !== null)
      this.trace.wake(
        this.steps,
        this.clock.now(),
        thread.name,
        thread.id,
        thread.waitingOn?.[DESCRIBE]() ?? '',
        by?.name ?? null,
        by === null && value === false,
      );
    this.#unblock(thread);
    thread.state = RUNNABLE;
    thread.resumeValue = value;
    this.strategy.add(thread);
  }

  #unblock(t: ThreadRecord): void {
    if (t.waitQueue !== null) t.waitQueue.remove(t);
    t.waitingOn = null;
    t.blockGen++;
  }
}
