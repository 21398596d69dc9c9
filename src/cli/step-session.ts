import pc from 'picocolors';
import { TypeError } from '../errors';
import { isGeneratorFunction, notGeneratorReason } from '../_internal/generator-function';
import { VectorClockDetector } from '../explore/race-detector';
import { ReplayChooser } from '../explore/replay';
import { type Execution, execute, type RunResult } from '../scheduler/execute';
import { type ResolvedRunOptions, type RunOptions, resolveRunOptions } from '../scheduler/options';
import type { MainFunction } from '../scheduler/run';
import { ChoiceStrategy, type Chooser } from '../scheduler/strategies/choice';
import { blockedThreads, Captured, CapturingChooser, type StepState } from './step-capture';
import { formatOutcome, formatQuit, formatScreen, INTRO, prompt } from './step-screen';
import { numberChoice } from './number-choice';

export type { StepBlocked, StepChoice, StepState } from './step-capture';

/** A decision point: what the user sees, and the thread ids behind the numbers. */
interface Point {
  state: StepState;
  ids: readonly number[];
}

/** Reads the run the default strategy makes from a session's choices (for `q`), without finishing it. */
let completionOf: (session: StepSession) => RunResult;

/**
 * A run in which the user is the scheduler, as in The Deadlock Empire. A run cannot pause for
 * input, so the session keeps the choices made so far and re-executes the program for each
 * screen: it follows the choices, then stops at the next decision and shows it. Decisions with
 * a single runnable thread are taken without asking. Unless `options` say otherwise the session
 * runs with `switchInterval: 1`, so the user may switch threads at every step.
 *
 * @example
 * const s = new StepSession(main);
 * s.state().runnable; // [{ number: 1, thread: 'Thread-1', next: "acquire Lock 'lockA'" }, ...]
 * s.choose(2);
 * s.undo();
 * const result = s.finish(); // the default strategy runs the rest
 * replay(main, s.token());   // the same run again
 */
export class StepSession {
  readonly #main: MainFunction;
  readonly #options: ResolvedRunOptions;
  readonly #choices: number[] = [];
  readonly #points: Point[] = [];
  /** Set by `finish()`; `undo()` clears it again. */
  #finished: StepState | null = null;
  #completion: { key: string; state: StepState } | null = null;

  static {
    completionOf = (session) => session.#complete().finished!;
  }

  /** Starts a session at the program's first decision. Throws like `run` for a bad `main` or option. */
  constructor(main: MainFunction, options?: RunOptions) {
    if (!isGeneratorFunction(main)) throw new TypeError(notGeneratorReason('StepSession(main): main', main));
    this.#main = main;
    this.#options = resolveRunOptions({ ...options, switchInterval: options?.switchInterval ?? 1 });
    this.#points.push(this.#capture());
  }

  /** What the user sees now: the runnable threads numbered 1, 2, …, the blocked ones, the output. */
  state(): StepState {
    return this.#finished ?? this.#points[this.#points.length - 1]!.state;
  }

  /** Runs the thread numbered `number` in `state().runnable`; false (nothing changes) for any other value. */
  choose(number: number): boolean {
    const point = this.#points[this.#points.length - 1]!;
    if (this.#finished !== null || !Number.isInteger(number) || number < 1 || number > point.ids.length) return false;
    this.#choices.push(point.ids[number - 1]!);
    this.#points.push(this.#capture());
    return true;
  }

  /** Takes back the last choice, or reopens a session that `finish()` ended; false when there is nothing to undo. */
  undo(): boolean {
    if (this.#finished !== null) {
      this.#finished = null;
      return true;
    }
    if (this.#choices.length === 0) return false;
    this.#choices.pop();
    this.#points.pop();
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

  #capture(): Point {
    try {
      return { state: endState(this.#execute(new CapturingChooser(this.#choices))), ids: [] };
    } catch (e) {
      if (e instanceof Captured) return { state: e.state, ids: e.ids };
      throw e;
    }
  }

  #complete(): StepState {
    const key = this.#choices.join(',');
    if (this.#completion?.key !== key) this.#completion = { key, state: endState(this.#execute(new ReplayChooser(this.#choices.slice()))) };
    return this.#completion.state;
  }

  #execute(chooser: Chooser): Execution<unknown> {
    const detector = this.#options.detectRaces ? new VectorClockDetector() : undefined;
    return execute(this.#main, this.#options, { strategy: new ChoiceStrategy(chooser), detector });
  }
}

function endState(ex: Execution<unknown>): StepState {
  const r = ex.result;
  return { runnable: [], blocked: blockedThreads(ex.runtime), output: r.output, steps: r.steps, time: r.time, finished: r };
}

/** Where `runStepSession` reads the user's lines and writes the screens. */
export interface StepIO {
  /** The user's input, one line per item (a readline interface, or an array in tests). */
  lines: AsyncIterable<string> | Iterable<string>;
  write(text: string): void;
  color: boolean;
}

/**
 * The interactive `step` loop. Each screen shows the new output, the runnable threads by number
 * with their next step, and the blocked threads with what they wait for and who holds it. A
 * number runs that thread's step; anything else is refused and asked again; `u` undoes; `q`
 * quits: it prints where the run stands and the token of the choices so far (replaying it runs
 * them, then the default strategy) and resolves to that replayed run, leaving the session
 * unfinished. When the input ends, the default strategy finishes the run. A finished run ends
 * with its outcome and its token.
 *
 * @example
 * const rl = readline.createInterface({ input: process.stdin });
 * const result = await runStepSession(new StepSession(main), { lines: rl, write: (s) => process.stdout.write(s), color: true });
 */
export async function runStepSession(session: StepSession, io: StepIO): Promise<RunResult> {
  const c = pc.createColors(io.color);
  const lines = Symbol.asyncIterator in io.lines ? io.lines[Symbol.asyncIterator]() : io.lines[Symbol.iterator]();
  let shown = '';
  io.write(INTRO);
  for (;;) {
    const st = session.state();
    if (st.finished !== null) {
      io.write(formatOutcome(st.finished, shown, c));
      return st.finished;
    }
    io.write(formatScreen(st, shown, c));
    shown = st.output;
    for (;;) {
      io.write(prompt(st, c));
      const next = await lines.next();
      if (next.done === true) {
        io.write('\n(end of input: the default strategy finishes the run)\n');
        session.finish();
        break;
      }
      const line = String(next.value).trim();
      if (line.toLowerCase() === 'q') {
        io.write(formatQuit(st, session.token(), c));
        return completionOf(session);
      }
      if (line.toLowerCase() === 'u') {
        if (session.undo()) break;
        io.write('\nNothing to undo: this is the first decision.\n');
      } else if (/^\d+$/.test(line) && session.choose(Number(line))) break;
      else io.write(`\n${line === '' ? 'An empty line' : `'${line}'`} is not a choice: type ${numberChoice(st.runnable.length)}, u to undo or q to quit.\n`);
    }
  }
}
