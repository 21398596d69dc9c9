import { TypeError } from '../errors';
import { tracebackOf } from './traceback-hook';
import { alea } from './alea';
import type { HappensBefore } from './happens-before';
import { BLOCK, type ThreadGenerator } from './instruction';
import type { ResolvedRunOptions } from './options';
import { captureLocation } from './source-location';
import type { Strategy } from './strategies/strategy';
import { BLOCKED, DESCRIBE, DONE, RUNNABLE, ThreadRecord, type Waitable } from './thread-record';
import { badYieldMessage, defaultExcepthook, describeError, type ExcepthookArgs } from './thread-errors';
import { TimerHeap } from './timer-heap';
import { currentStepWatch, type StepWatch } from './step-watch';
import type { SwitchReason } from './trace';
import { TraceRecorder } from './trace-recorder';
import { VirtualClock } from './virtual-clock';
import type { WaitQueue } from './wait-queue';
import type { RunStatus } from '../types';
export type { RunStatus } from '../types';
import { YieldTurns } from './yield-turns';

/*
 * Every thread body is a generator, but a generator function made inside a program (a closure,
 * as most targets are) gives its generators a prototype of their own: `gen.next(v)` would see a
 * new kind of object in every run and go megamorphic. Calling the one shared `next` directly
 * halves the cost of a short run (measured on the lost-update race under exploration). A thread
 * body is checked to be a generator function, so its call gives a native generator (only a
 * Proxy of one could give something else, and its thread then fails with V8's TypeError).
 */
const GeneratorPrototype = Object.getPrototypeOf(function* () {
  /* the prototype of every generator function's prototype */
}).prototype as Generator<unknown, unknown, unknown>;
const generatorNext = GeneratorPrototype.next;
const generatorThrow = GeneratorPrototype.throw;

/** Size of the ring of recently run thread ids kept for the step-limit report (a power of two). */
export const RECENT = 1024;

/**
 * One run: the threads, the clock, the timers, the strategy and everything the run produces.
 * Created per run and dropped after it, so runs never share state.
 */
export class Runtime {
  /**
   * Names this run to the objects made in it (primitives, threads), which hold this key rather
   * than the Runtime: a user's object that outlives the run then keeps nothing of the run alive.
   */
  readonly key: object = {};
  readonly clock: VirtualClock;
  readonly timers = new TimerHeap();
  readonly threads: ThreadRecord[] = [];
  /** The thread whose code is executing now. */
  current: ThreadRecord | null = null;
  steps = 0;
  switches = 0;
  preemptions = 0;
  readonly output: string[] = [];
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
  /** Run when main ends, before waiting for the other non-daemon threads (Python's atexit of threading). */
  readonly atExit: (() => void)[] = [];
  /** The thread whose step ran out the budget, and threads blocked at a deadlock, for reports. */
  stoppedIn: ThreadRecord | null = null;

  #mainDone = false;
  /** Threads in the order they started (Python's `enumerate()` order). */
  readonly #started: ThreadRecord[] = [];
  #nonDaemonAlive = 0;
  #forceAt: number;
  readonly #recordFrom: number;
  #threadNumber = 0;
  // Made on first use: most runs name no primitive and run with the GIL.
  #names: Map<string, number> | null = null;
  #batch: ThreadRecord[] | null = null;
  /** The program's `random()` generator, seeded on first use (hashing the seed costs ~0.7 µs). */
  #programRng: (() => number) | null = null;
  #sliceStep = 0;
  #sliceTime = 0;
  /** Threads held after `sleep(0)` until the others have had their turn; made on first use. */
  #turns: YieldTurns | null = null;
  /** A watchdog's observer of this thread's runs (see step-watch.ts); null in-process. */
  readonly #watch: StepWatch | null = currentStepWatch();

  constructor(
    readonly options: ResolvedRunOptions,
    readonly strategy: Strategy,
  ) {
    this.clock = new VirtualClock(options.stepTime);
    this.trace = options.trace ? new TraceRecorder() : null;
    this.locations = options.locations;
    this.primitives = options.locations ? [] : null;
    this.#forceAt = strategy.nextChangePoint?.() ?? Infinity;
    this.#recordFrom = options.maxSteps - RECENT;
  }

  /** Runs to the end; afterwards `status` and the fields say how it went. */
  runLoop(): void {
    this.#watch?.runStarted();
    if (this.options.gil) this.#loopGil();
    else this.#loopCores();
    this.#flushSlice(this.current);
    this.#watch?.runEnded();
  }

  #loopGil(): void {
    const si = this.options.switchInterval;
    const max = this.options.maxSteps;
    const timers = this.timers;
    let cur: ThreadRecord | null = null;
    let left = 0;
    for (;;) {
      // Read before timers fire: a thread that blocked in its last step gives up the GIL even when
      // a due timeout (sleep(0)) has already woken it, and it is then in the strategy already.
      const off = cur !== null && cur.state !== RUNNABLE;
      if (timers.size !== 0 && timers.peekTime() <= this.clock.now()) this.#fireDue();
      if (left === 0 || off || this.steps >= this.#forceAt) {
        cur = this.#decide(cur, left === 0 ? 'slice' : 'strategy', off);
        if (cur === null) return;
        left = si;
      }
      if (this.steps >= max) {
        this.#stepLimit(cur!);
        return;
      }
      this.#resume(cur!);
      this.clock.tick();
      left--;
    }
  }

  /** Without the GIL: each tick advances up to `cores` runnable threads by one step. */
  #loopCores(): void {
    const cores = this.options.cores;
    const max = this.options.maxSteps;
    const batch = (this.#batch ??= []);
    const timers = this.timers;
    for (;;) {
      if (timers.size !== 0 && timers.peekTime() <= this.clock.now()) this.#fireDue();
      if (this.#over() || (this.strategy.size === 0 && !this.#releaseHeld() && !this.#idle())) return;
      let n = 0;
      while (n < cores && this.strategy.size > 0) batch[n++] = this.#pick(null, 'tick');
      // Only threads still runnable right after their own step go back: one that blocked may be
      // woken by a later thread of the same tick, and wake() has queued it already.
      let stay = 0;
      for (let i = 0; i < n; i++) {
        const t = batch[i]!;
        if (this.steps >= max) {
          this.#stepLimit(t);
          return;
        }
        this.#resume(t);
        if (this.trace !== null) this.#traceSlice(t, 1);
        if (t.state === RUNNABLE) batch[stay++] = t;
      }
      this.clock.tick();
      for (let i = 0; i < stay; i++) this.strategy.add(batch[i]!);
    }
  }

  /** Runs one step of `t`: one `next()` of its generator. */
  #resume(t: ThreadRecord): void {
    if (this.#watch !== null) this.#watch.step(t);
    this.current = t;
    if (this.steps >= this.#recordFrom) (this.recent ??= new Int32Array(RECENT))[this.steps & (RECENT - 1)] = t.id;
    this.steps++;
    t.steps++;
    t.opName = null;
    t.opOn = null;
    let r: IteratorResult<unknown, unknown>;
    try {
      if (t.hasPendingThrow) {
        const e = t.pendingThrow;
        t.hasPendingThrow = false;
        t.pendingThrow = undefined;
        r = generatorThrow.call(t.gen!, e);
      } else {
        const v = t.resumeValue;
        t.resumeValue = undefined;
        r = generatorNext.call(t.gen!, v as undefined);
      }
    } catch (error) {
      this.finish(t, undefined, { error });
      return;
    }
    if (r.done === true) this.finish(t, r.value, null);
    else if (r.value !== undefined && r.value !== BLOCK) this.#badYield(t, r.value);
  }

  /** Chooses who runs next; null when the run is over (ended, deadlocked). */
  #decide(prev: ThreadRecord | null, why: SwitchReason, off: boolean): ThreadRecord | null {
    const strategy = this.strategy;
    if (this.steps >= this.#forceAt) {
      if (prev !== null) strategy.changePoint?.(prev);
      this.#forceAt = strategy.nextChangePoint?.() ?? Infinity;
    }
    const prevRunnable = prev !== null && !off && prev.state === RUNNABLE;
    if (prevRunnable) strategy.add(prev);
    if (this.#over()) return null;
    while (strategy.size === 0) if (!this.#releaseHeld() && !this.#idle()) return null;
    return this.#pick(prev, prevRunnable ? why : prev === null ? 'start' : prev.state === DONE ? 'end' : 'block');
  }

  #pick(prev: ThreadRecord | null, why: SwitchReason): ThreadRecord {
    const n = this.strategy.size;
    const next = this.strategy.pick(prev);
    if (this.#turns !== null && this.#turns.size > 0) this.#turns.picked(next);
    if (n > 1 && this.choices !== null) this.choices.push(next.id);
    if (next !== prev && why !== 'tick') {
      const preempted = why === 'slice' || why === 'strategy';
      this.switches++;
      if (preempted) this.preemptions++;
      if (this.trace !== null) {
        this.#flushSlice(prev);
        this.trace.switch(this.steps, this.clock.now(), prev?.name ?? null, next.name, next.id, why, preempted);
      }
    } else if (why === 'block' && this.trace !== null) {
      // The same thread again after its wait: its next steps start now, after any jump of the clock.
      this.#flushSlice(prev);
    }
    return next;
  }

  /** Nothing can run: jump the clock to the next timeout. False when the run ends instead (deadlock). */
  #idle(): boolean {
    const e = this.timers.peekLive();
    if (e === undefined) {
      this.status = 'deadlock';
      return false;
    }
    this.clock.jumpTo(e.time);
    this.#fireDue();
    return true;
  }

  #releaseHeld(): boolean {
    return this.#turns?.releaseOne() === true;
  }

  /** Some thread could take a step before the due timers fire. */
  #canStep(): boolean {
    return this.strategy.size > 0 || (this.current !== null && this.current.state === RUNNABLE);
  }

  #over(): boolean {
    return this.#mainDone && this.#nonDaemonAlive === 0;
  }

  #fireDue(): void {
    const now = this.clock.now();
    for (let e = this.timers.peekLive(); e !== undefined && e.time <= now; e = this.timers.peekLive()) {
      // A timeout due this very instant races the step that could run now (a notify, a release):
      // a strategy that explores time may let the step go first. Overdue timeouts always fire.
      if (e.time === now && this.strategy.timerFirst !== undefined && this.#canStep()) {
        const fire = this.strategy.timerFirst(
          e.thread,
          this.current !== null && this.current.state === RUNNABLE ? this.current : null,
        );
        if (this.choices !== null) this.choices.push(fire ? 0 : 1);
        if (!fire) return;
      }
      this.timers.pop();
      const t = e.thread;
      if (this.trace !== null) this.trace.timer(this.steps, now, t.name, t.id, t.waitingOn?.[DESCRIBE]() ?? '');
      this.wake(t, false, null);
    }
  }

  #stepLimit(t: ThreadRecord): void {
    this.status = 'step-limit';
    this.stoppedIn = t;
  }

  #badYield(t: ThreadRecord, value: unknown): void {
    t.hasPendingThrow = true;
    t.pendingThrow = new TypeError(badYieldMessage(t.name, value));
  }

  // ---- thread life cycle -------------------------------------------------------------------

  /** Makes a thread record; `name` null gives the next `Thread-N`. */
  newThread(owner: object | null, name: string | null, daemon: boolean): ThreadRecord {
    const t = new ThreadRecord(this.threads.length, name ?? `Thread-${++this.#threadNumber}`, daemon, owner);
    this.threads.push(t);
    return t;
  }

  /** A name for an unnamed primitive: `Lock-1`, `Lock-2`, ... counted per kind in this run. */
  nameFor(kind: string): string {
    const names = (this.#names ??= new Map());
    const n = (names.get(kind) ?? 0) + 1;
    names.set(kind, n);
    return `${kind}-${n}`;
  }

  /** The next number of the program's seeded `random()`; an exploring strategy sees each draw. */
  random(): number {
    const rng = (this.#programRng ??= alea(`${this.options.seed}:program`));
    this.strategy.touch?.(rng, 'random');
    return rng();
  }

  /** Starts a thread: it becomes runnable; the starter goes on (start is not a switch point). */
  start(t: ThreadRecord, gen: ThreadGenerator): void {
    t.gen = gen;
    t.state = RUNNABLE;
    this.#started.push(t);
    if (t.id !== 0 && !t.daemon) this.#nonDaemonAlive++;
    const by = this.current;
    if (by !== null && this.hb !== null) this.hb.fork(by, t);
    if (this.trace !== null) this.trace.start(this.steps, this.clock.now(), t.name, t.id, by?.name ?? '');
    this.strategy.add(t);
  }

  /** Ends a thread, with its return value or its uncaught error. */
  finish(t: ThreadRecord, value: unknown, failure: { error: unknown } | null): void {
    if (t.state === BLOCKED) this.#unblock(t);
    t.state = DONE;
    t.gen = null;
    this.strategy.removed?.(t);
    if (failure !== null) {
      t.failed = true;
      t.error = failure.error;
      if (t.id === 0) this.mainError = failure;
      else {
        this.errors.push({ thread: t.name, error: failure.error });
        this.#callExcepthook(t, failure.error);
      }
    }
    if (this.trace !== null) {
      // Timer.cancel() ends a waiting timer thread from another thread's step: the open slice is not its.
      if (t === this.current) this.#flushSlice(t, true);
      this.trace.end(
        this.steps,
        this.clock.now(),
        t.name,
        t.id,
        failure === null ? null : describeError(failure.error),
      );
    }
    const joiners = t.joiners;
    if (joiners !== null) while (joiners.head !== null) this.wake(joiners.head, true, t);
    if (t.id === 0) {
      this.#mainDone = true;
      this.mainValue = value;
      if (this.atExit.length > 0) for (const hook of this.atExit.splice(0)) hook();
    } else if (!t.daemon) this.#nonDaemonAlive--;
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
    if (this.trace !== null) this.#flushSlice(t, true);
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

  /** Wakes a blocked thread with `value` (false for a timeout); `by` is the waker. */
  wake(t: ThreadRecord, value: unknown, by: ThreadRecord | null): void {
    if (t.state !== BLOCKED) return;
    if (this.trace !== null)
      this.trace.wake(
        this.steps,
        this.clock.now(),
        t.name,
        t.id,
        t.waitingOn?.[DESCRIBE]() ?? '',
        by?.name ?? null,
        by === null && value === false,
      );
    this.#unblock(t);
    t.state = RUNNABLE;
    t.resumeValue = value;
    this.strategy.add(t);
  }

  #unblock(t: ThreadRecord): void {
    if (t.waitQueue !== null) t.waitQueue.remove(t);
    t.waitingOn = null;
    t.blockGen++;
  }

  /**
   * Marks what the current thread's next step will do (`'acquire'` on a lock): ops call it just
   * before their step's `yield`, so the `step` view and reports can show it. Two stores, no allocation
   * (with `locations`, a stack capture, and `arg`, the value a write will store, is kept).
   */
  announce(what: string, on: Waitable | null, arg?: unknown): void {
    const t = this.current!;
    t.opName = what;
    t.opOn = on;
    if (this.locations) {
      t.at = captureLocation();
      t.opArg = arg;
    }
  }

  /**
   * Records an op's effect and value in the trace (callers check `trace !== null` first). `fresh`
   * for plain calls (a release), which announced nothing: their location is captured now.
   */
  traceOp(op: string, on: Waitable, value: string | null, ok: boolean | null, fresh = false): void {
    const t = this.current;
    if (t === null) return;
    if (fresh && this.locations) t.at = captureLocation();
    this.trace!.op(
      this.steps,
      this.clock.now(),
      t.name,
      t.id,
      op,
      on[DESCRIBE](),
      value,
      ok,
      this.locations ? t.at : null,
    );
  }

  /** Appends to the output (a print's text or newline, an excepthook's report). */
  write(text: string, by: ThreadRecord | null = this.current): void {
    this.output.push(text);
    if (this.trace !== null && by !== null)
      this.trace.print(this.steps, this.clock.now(), by.name, by.id, text, this.locations ? by.at : null);
  }

  /** Threads started and not ended, in id order (Python's `enumerate()` order is by start). */
  alive(): ThreadRecord[] {
    return this.#started.filter((t) => t.state !== DONE);
  }

  // ---- trace -------------------------------------------------------------------------------

  /** Closes the open run of steps of `t` (GIL mode), if it has one; `inStep` while its last step still runs. */
  #flushSlice(t: ThreadRecord | null, inStep = false): void {
    if (this.trace === null || t === null || !this.options.gil) return;
    const count = this.steps - this.#sliceStep;
    const endTime = inStep ? this.clock.afterTick() : this.clock.now();
    if (count > 0) this.trace.slice(this.#sliceStep, this.#sliceTime, t.name, t.id, count, endTime);
    this.#sliceStep = this.steps;
    this.#sliceTime = this.clock.now();
  }

  /** Without the GIL, every tick's step of a thread is its own event. */
  #traceSlice(t: ThreadRecord, count: number): void {
    const now = this.clock.now();
    this.trace!.slice(this.steps - count, now, t.name, t.id, count, this.clock.afterTick());
  }
}
