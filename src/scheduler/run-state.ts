import type { HappensBefore } from './happens-before';
import type { ResolvedRunOptions } from './options';
import { captureLocation } from './source-location';
import type { Strategy } from './strategies/strategy';
import { DESCRIBE, type ThreadRecord, type Waitable } from './thread-record';
import { defaultExcepthook, type ExcepthookArgs } from './thread-errors';
import { TimerHeap } from './timer-heap';
import { TraceRecorder } from './trace-recorder';
import { VirtualClock } from './virtual-clock';
import type { RunStatus } from '../types';

/** A run's key: an object with no fields, so holding it holds nothing (named for heap snapshots). */
class RunKey {}

/** The output of every run until it first writes (most runs of a search print nothing). */
const NO_OUTPUT: readonly string[] = Object.freeze([]);

/**
 * What one run holds and what it records (its output and, with `trace: true`, its events). The
 * engine is one object per run built in layers, each in its own file with one job, so that the
 * step loop calls plain methods of one class (monomorphic, nothing allocated per step):
 * `RunState` (this file) ← `ThreadLife` (threads start, block, wake and end) ← `StepLoop` (the
 * run loops) ← `Runtime` (what ops call to name, announce and draw random numbers).
 */
export abstract class RunState {
  /**
   * Names this run to the objects made in it (primitives, threads), which hold this key rather
   * than the Runtime: a user's object that outlives the run then keeps nothing of the run alive.
   */
  readonly key: object = new RunKey();
  readonly clock: VirtualClock;
  readonly timers = new TimerHeap();
  readonly threads: ThreadRecord[] = [];
  /** The thread whose code is executing now. */
  current: ThreadRecord | null = null;
  steps = 0;
  switches = 0;
  preemptions = 0;
  #output: string[] | null = null;
  readonly errors: { thread: string; error: unknown }[] = [];
  /** With `trace: true`, the run's events (made into objects when the run ends). */
  readonly trace: TraceRecorder | null;
  hb: HappensBefore | null = null;
  /** `locations`: ops record where the program called them (a stack capture per op). */
  readonly locations: boolean;
  /** With `locations`: every primitive bound to this run, in the order made (for the teaching views' state panel). */
  readonly primitives: Waitable[] | null;
  /** Ids of the chosen thread at each decision with two or more candidates (when recording). */
  choices: number[] | null = null;
  status: RunStatus = 'ok';
  mainValue: unknown = undefined;
  mainError: { error: unknown } | null = null;
  /**
   * Ring of the thread ids of the last RECENT steps before `maxSteps`, for the step-limit report.
   * It is made and filled only from step `maxSteps - RECENT` on: most runs never get there.
   */
  recent: Int32Array | null = null;
  excepthook: (args: ExcepthookArgs) => void = defaultExcepthook;
  /**
   * Run when main ends, before waiting for the other non-daemon threads (Python's atexit of
   * threading); made on first use.
   */
  atExit: (() => void)[] | null = null;
  /** The thread whose step ran out the budget, and threads blocked at a deadlock, for reports. */
  stoppedIn: ThreadRecord | null = null;

  #sliceStep = 0;
  #sliceTime = 0;

  constructor(
    readonly options: ResolvedRunOptions,
    readonly strategy: Strategy,
  ) {
    this.clock = new VirtualClock(options.stepTime);
    this.trace = options.trace ? new TraceRecorder() : null;
    this.locations = options.locations;
    this.primitives = options.locations ? [] : null;
  }

  /**
   * Records an op's effect and value in the trace (callers check `trace !== null` first). `fresh`
   * for plain calls (a release), which announced nothing: their location is captured now.
   */
  traceOp(op: string, on: Waitable, value: string | null, ok: boolean | null, fresh = false): void {
    const thread = this.current;
    if (thread === null) return;
    if (fresh && this.locations) thread.at = captureLocation();
    this.trace!.op(
      this.steps,
      this.clock.now(),
      thread.name,
      thread.id,
      op,
      on[DESCRIBE](),
      value,
      ok,
      this.locations ? thread.at : null,
    );
  }
  /**
   * An op of the current thread that has a value: a shared read (what it returned) or write (what
   * it stored), a queue put or get (the item). Callers check `trace !== null` first. The value is
   * handed over as it is: the trace keeps a primitive and shows it (Python's repr) only when read,
   * and shows an object now, as it is at the op.
   */
  traceOpValue(op: string, on: Waitable, value: unknown, ok: boolean | null): void {
    const thread = this.current;
    if (thread === null) return;
    const at = this.locations ? thread.at : null;
    this.trace!.opValue(this.steps, this.clock.now(), thread.name, thread.id, op, on[DESCRIBE](), value, ok, at);
  }

  /** What the run has printed so far, piece by piece. */
  get output(): readonly string[] {
    return this.#output ?? NO_OUTPUT;
  }

  /** Appends to the output (a print's text or newline, an excepthook's report). */
  write(text: string, by: ThreadRecord | null = this.current): void {
    (this.#output ??= []).push(text);
    if (this.trace !== null && by !== null)
      this.trace.print(this.steps, this.clock.now(), by.name, by.id, text, this.locations ? by.at : null);
  }

  // ---- trace -------------------------------------------------------------------------------

  /** Closes the open run of steps of `t` (GIL mode), if it has one; `inStep` while its last step still runs. */
  protected flushSlice(t: ThreadRecord | null, inStep = false): void {
    if (this.trace === null || t === null || !this.options.gil) return;
    const count = this.steps - this.#sliceStep;
    const endTime = inStep ? this.clock.afterTick() : this.clock.now();
    if (count > 0) this.trace.slice(this.#sliceStep, this.#sliceTime, t.name, t.id, count, endTime);
    this.#sliceStep = this.steps;
    this.#sliceTime = this.clock.now();
  }

  /** Without the GIL, every tick's step of a thread is its own event. */
  protected traceSlice(t: ThreadRecord, count: number): void {
    const now = this.clock.now();
    this.trace!.slice(this.steps - count, now, t.name, t.id, count, this.clock.afterTick());
  }
}
