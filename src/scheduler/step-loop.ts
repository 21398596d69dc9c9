import type { ResolvedRunOptions } from './options';
import type { Strategy } from './strategies/strategy';
import { TypeError } from '../errors';
import { BLOCK } from './instruction';
import { currentStepWatch, type StepWatch } from './step-watch';
import { DESCRIBE, DONE, RUNNABLE, type ThreadRecord } from './thread-record';
import { badYieldMessage } from './thread-errors';
import { ThreadLifecycle } from './thread-lifecycle';
import type { SwitchReason } from './trace';

/*
 * Every thread body is a generator, but a generator function made inside a program (a closure,
 * as most targets are) gives its generators a prototype of their own: `gen.next(v)` would see a
 * new kind of object in every run and go megamorphic. Calling the one shared `next` directly
 * keeps that call site monomorphic. A thread body is checked to be a generator function, so its
 * call gives a native generator (only a Proxy of one could give something else, and its thread
 * then fails with V8's TypeError).
 */
const GeneratorPrototype = Object.getPrototypeOf(function* () {
  /* the prototype of every generator function's prototype */
}).prototype as Generator<unknown, unknown, unknown>;
const generatorNext = GeneratorPrototype.next;
const generatorThrow = GeneratorPrototype.throw;

/** Size of the ring of recently run thread ids kept for the step-limit report (a power of two). */
export const RECENT = 1024;

/**
 * The step loop: who runs next, one step of it, timers that fall due, and the end of the run
 * (over, deadlocked, or out of steps). One loop for the GIL (a thread runs a slice of
 * `switchInterval` steps) and one without it (each tick steps up to `cores` threads). Per step it
 * makes no allocation and no scan; see docs/design.md, "The step loop".
 */
export abstract class StepLoop extends ThreadLifecycle {
  /** The step at which the strategy forces a decision mid-slice (PCT's change points). */
  #forceAt: number = this.strategy.nextChangePoint?.() ?? Infinity;
  readonly #recordFrom: number = this.options.maxSteps - RECENT;
  // Made on first use: most runs have the GIL.
  #batch: ThreadRecord[] | null = null;
  /** A watchdog's observer of this thread's runs (see step-watch.ts); null in-process. */
  readonly #watch: StepWatch | null = currentStepWatch();

  // An explicit constructor: the implicit one of a derived class with fields passes its
  // arguments on by spreading them, which costs in every run.
  constructor(options: ResolvedRunOptions, strategy: Strategy) {
    super(options, strategy);
  }

  /**
   * Runs `rt` to the end; afterwards `status` and the fields say how it went. Static, as are the
   * loops and `resume` below, so that no frame on the stack while a thread's code runs has the run
   * as its receiver: an Error made there keeps its frames' receivers until its stack is first
   * read (V8), and a result that keeps the error would otherwise keep the whole run alive.
   */
  static runToEnd(rt: StepLoop): void {
    rt.#watch?.runStarted();
    if (rt.options.gil) StepLoop.#loopGil(rt);
    else StepLoop.#loopCores(rt);
    rt.flushSlice(rt.current);
    rt.abandonAlive();
    rt.#watch?.runEnded();
  }

  static #loopGil(rt: StepLoop): void {
    const si = rt.options.switchInterval;
    const max = rt.options.maxSteps;
    const timers = rt.timers;
    const clock = rt.clock;
    let cur: ThreadRecord | null = null;
    let left = 0;
    for (;;) {
      // Read before timers fire: a thread that blocked in its last step gives up the GIL even when
      // a due timeout (sleep(0)) has already woken it, and it is then in the strategy already.
      const off = cur !== null && cur.state !== RUNNABLE;
      if (timers.size !== 0 && timers.peekTime() <= clock.now()) rt.#fireDue();
      if (left === 0 || off || rt.steps >= rt.#forceAt) {
        cur = rt.#decide(cur, left === 0 ? 'slice' : 'strategy', off);
        if (cur === null) return;
        left = si;
      }
      if (rt.steps >= max) {
        rt.#stepLimit(cur!);
        return;
      }
      StepLoop.#resume(rt, cur!);
      clock.tick();
      left--;
    }
  }

  /** Without the GIL: each tick advances up to `cores` runnable threads by one step. */
  static #loopCores(rt: StepLoop): void {
    const cores = rt.options.cores;
    const max = rt.options.maxSteps;
    const batch = (rt.#batch ??= []);
    const timers = rt.timers;
    const strategy = rt.strategy;
    for (;;) {
      if (timers.size !== 0 && timers.peekTime() <= rt.clock.now()) rt.#fireDue();
      if (rt.over() || (strategy.size === 0 && !rt.releaseHeld() && !rt.#idle())) return;
      let batchSize = 0;
      while (batchSize < cores && strategy.size > 0) batch[batchSize++] = rt.#pick(null, 'tick');
      // Only threads still runnable right after their own step go back: one that blocked may be
      // woken by a later thread of the same tick, and wake() has queued it already.
      let stay = 0;
      for (let i = 0; i < batchSize; i++) {
        const t = batch[i]!;
        if (rt.steps >= max) {
          rt.#stepLimit(t);
          return;
        }
        StepLoop.#resume(rt, t);
        if (rt.trace !== null) rt.traceSlice(t, 1);
        if (t.state === RUNNABLE) batch[stay++] = t;
      }
      rt.clock.tick();
      for (let i = 0; i < stay; i++) strategy.add(batch[i]!);
    }
  }

  /** Runs one step of `t`: one `next()` of its generator. */
  static #resume(rt: StepLoop, thread: ThreadRecord): void {
    if (rt.#watch !== null) rt.#watch.step(thread);
    rt.current = thread;
    if (rt.steps >= rt.#recordFrom) (rt.recent ??= new Int32Array(RECENT))[rt.steps & (RECENT - 1)] = thread.id;
    rt.steps++;
    thread.steps++;
    thread.opName = null;
    thread.opOn = null;
    let outcome: IteratorResult<unknown, unknown>;
    try {
      if (thread.hasPendingThrow) {
        const e = thread.pendingThrow;
        thread.hasPendingThrow = false;
        thread.pendingThrow = undefined;
        outcome = generatorThrow.call(thread.gen!, e);
      } else {
        const v = thread.resumeValue;
        thread.resumeValue = undefined;
        outcome = generatorNext.call(thread.gen!, v as undefined);
      }
    } catch (error) {
      rt.finish(thread, undefined, { error });
      return;
    }
    if (outcome.done === true) rt.finish(thread, outcome.value, null);
    else if (outcome.value !== undefined && outcome.value !== BLOCK) rt.#badYield(thread, outcome.value);
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
    if (this.over()) return null;
    while (strategy.size === 0) if (!this.releaseHeld() && !this.#idle()) return null;
    return this.#pick(prev, prevRunnable ? why : prev === null ? 'start' : prev.state === DONE ? 'end' : 'block');
  }

  #pick(prev: ThreadRecord | null, why: SwitchReason): ThreadRecord {
    const runnable = this.strategy.size;
    const next = this.strategy.pick(prev);
    this.picked(next);
    if (runnable > 1 && this.choices !== null) this.choices.push(next.id);
    if (next !== prev && why !== 'tick') {
      const preempted = why === 'slice' || why === 'strategy';
      this.switches++;
      if (preempted) this.preemptions++;
      if (this.trace !== null) {
        this.flushSlice(prev);
        this.trace.switch(this.steps, this.clock.now(), prev?.name ?? null, next.name, next.id, why, preempted);
      }
    } else if (why === 'block' && this.trace !== null) {
      // The same thread again after its wait: its next steps start now, after any jump of the clock.
      this.flushSlice(prev);
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

  /** Some thread could take a step before the due timers fire. */
  #canStep(): boolean {
    return this.strategy.size > 0 || (this.current !== null && this.current.state === RUNNABLE);
  }

  #fireDue(): void {
    const now = this.clock.now();
    for (let entry = this.timers.peekLive(); entry !== undefined && entry.time <= now; entry = this.timers.peekLive()) {
      // A timeout due this very instant races the step that could run now (a notify, a release):
      // a strategy that explores time may let the step go first. Overdue timeouts always fire.
      if (entry.time === now && this.strategy.timerFirst !== undefined && this.#canStep()) {
        const fire = this.strategy.timerFirst(
          entry.thread,
          this.current !== null && this.current.state === RUNNABLE ? this.current : null,
        );
        if (this.choices !== null) this.choices.push(fire ? 0 : 1);
        if (!fire) return;
      }
      this.timers.pop();
      const thread = entry.thread;
      if (this.trace !== null)
        this.trace.timer(this.steps, now, thread.name, thread.id, thread.waitingOn?.[DESCRIBE]() ?? '');
      this.wake(thread, false, null);
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
}
