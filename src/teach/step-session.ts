import { TypeError } from '../errors';
import { isGeneratorFunction, notGeneratorReason } from '../_internal/generator-function';
import { VectorClockDetector } from '../scheduler/race-detector';
import { ReplayChooser } from '../explore/replay';
import { type ProgramRun, runProgram, type RunResult } from '../scheduler/run-program';
import { type ResolvedRunOptions, type RunOptions, resolveRunOptions } from '../scheduler/options';
import type { MainFunction } from '../scheduler/run';
import { Captured, MarkingStrategy, SessionChooser } from './step-recorder';
import type { StepState } from './step-state';
import { stateOf } from './step-view';

/** A decision point: what the user sees, the thread ids behind the numbers, and the decisions made before it. */
interface Point {
  state: StepState;
  ids: readonly number[];
  decisions: number;
}

/** A choice as typed: a thread's number or name, and `+` to run it up to its next visible operation. */
export interface ParsedChoice {
  number: number;
  toNextVisible: boolean;
}

/**
 * A run in which the user is the scheduler, as in The Deadlock Empire: the model behind the
 * `step` command and the playground, free of any terminal or host API. A run cannot pause for
 * input, so the session keeps the decisions made so far and re-executes the program for each
 * screen: it follows them, then stops at the next decision where two or more threads can run.
 * Steps only one thread can take run on their own and are listed in the next state's
 * `happened`. The session always runs with `switchInterval: 1` (the user is the GIL), with
 * `trace` and `locations` on, so each state has source lines and values.
 *
 * @example
 * const s = new StepSession(main);
 * s.state().runnable; // [{ number: 1, thread: 'Thread-1', next: 'reads count (now 0)', at: {...} }, ...]
 * s.choose(2);
 * s.choose(1, { toNextVisible: true });
 * s.undo();
 * const result = s.finish(); // the default strategy runs the rest
 * replay(main, s.token());   // the same run again
 */
export class StepSession {
  readonly #main: MainFunction;
  readonly #options: ResolvedRunOptions;
  /** Decisions as a token records them: thread ids, and 0/1 where a timeout coincided with a step. */
  #decisions: number[] = [];
  readonly #points: Point[] = [];
  /** Set by `finish()`; `undo()` clears it again. */
  #finished: StepState | null = null;
  #completion: { key: string; state: StepState } | null = null;

  /** Starts a session at the program's first decision. Throws like `run` for a bad `main` or option. */
  constructor(main: MainFunction, options?: RunOptions) {
    if (!isGeneratorFunction(main)) throw new TypeError(notGeneratorReason('StepSession(main): main', main));
    this.#main = main;
    this.#options = resolveRunOptions({ ...options, switchInterval: 1, trace: true, locations: true });
    this.#points.push(this.#capture(null, 1));
  }

  /** What the user sees now: the threads, the runnable ones numbered 1, 2, …, the state panel, the output. */
  state(): StepState {
    return this.#finished ?? this.#points[this.#points.length - 1]!.state;
  }

  /** How many choices the user has made (undone ones not counted). */
  get choices(): number {
    return this.#points.length - 1;
  }

  /**
   * Runs the thread numbered `number` in `state().runnable` for one step, or with
   * `toNextVisible` on until its next step is a visible operation (a shared read or write, a
   * lock, queue, event or condition op, a print, a sleep, the end of a wait), it blocks or ends.
   * False (nothing changes) for a number not listed.
   */
  choose(number: number, options?: { toNextVisible?: boolean }): boolean {
    const point = this.#points[this.#points.length - 1]!;
    if (this.#finished !== null || !Number.isInteger(number) || number < 1 || number > point.ids.length) return false;
    const id = point.ids[number - 1]!;
    this.#decisions = [...this.#decisions.slice(0, point.decisions), id];
    this.#points.push(this.#capture(options?.toNextVisible === true ? id : null, point.state.steps + 1));
    return true;
  }

  /** Takes back the last choice, or reopens a session that `finish()` ended; false when there is nothing to undo. */
  undo(): boolean {
    if (this.#finished !== null) {
      this.#finished = null;
      return true;
    }
    if (this.#points.length === 1) return false;
    this.#points.pop();
    this.#decisions.length = this.#points[this.#points.length - 1]!.decisions;
    return true;
  }

  /** Ends the session: the default strategy (the next thread in cyclic id order) makes the remaining decisions. */
  finish(): RunResult {
    const ended = this.state().finished;
    if (ended !== null) return ended;
    this.#finished = this.#complete();
    return this.#finished.finished!;
  }

  /** The replay token of the user's choices followed by the default strategy: `replay(main, token)` reruns it. */
  token(): string {
    return (this.state().finished ?? this.#complete().finished!).schedule;
  }

  /** The decisions so far, as a token records them (thread ids; 0/1 where a timeout coincided with a step). */
  decisions(): readonly number[] {
    return this.#decisions.slice(0, this.#points[this.#points.length - 1]!.decisions);
  }

  #capture(follow: number | null, fromStep: number): Point {
    const chooser = new SessionChooser(this.#decisions, follow);
    const strategy = new MarkingStrategy(chooser);
    try {
      const ex = this.#runProgram(strategy);
      this.#decisions.push(...chooser.taken);
      const state = { ...stateOf(ex.runtime, [], strategy.marks, fromStep), finished: ex.result };
      return { state, ids: [], decisions: this.#decisions.length };
    } catch (e) {
      if (!(e instanceof Captured)) throw e;
      this.#decisions.push(...chooser.taken);
      const state = { ...stateOf(e.rt, e.ids, strategy.marks, fromStep), finished: null };
      return { state, ids: e.ids, decisions: this.#decisions.length };
    }
  }

  #complete(): StepState {
    const decisions = this.decisions();
    const key = decisions.join(',');
    if (this.#completion?.key !== key) {
      const strategy = new MarkingStrategy(new ReplayChooser(decisions.slice()));
      const ex = this.#runProgram(strategy);
      const from = this.#points[this.#points.length - 1]!.state.steps + 1;
      this.#completion = { key, state: { ...stateOf(ex.runtime, [], strategy.marks, from), finished: ex.result } };
    }
    return this.#completion.state;
  }

  #runProgram(strategy: MarkingStrategy): ProgramRun<unknown> {
    const detector = this.#options.detectRaces ? new VectorClockDetector() : undefined;
    return runProgram(this.#main, this.#options, { strategy, detector });
  }
}

/**
 * Reads a typed choice: a thread's number (`2`) or name (`Thread-2`, any case), then `+` to
 * run it up to its next visible operation (`2+`, `Thread-2 +`). Null for anything else.
 */
export function parseChoice(line: string, state: StepState): ParsedChoice | null {
  const m = /^(.+?)\s*(\+?)$/.exec(line.trim());
  if (m === null) return null;
  const who = m[1]!;
  const toNextVisible = m[2] === '+';
  if (/^\d+$/.test(who)) {
    const n = Number(who);
    return n >= 1 && n <= state.runnable.length ? { number: n, toNextVisible } : null;
  }
  const c = state.runnable.find((r) => r.thread.toLowerCase() === who.toLowerCase());
  return c === undefined ? null : { number: c.number, toNextVisible };
}
