import { blockedThreads, Captured, CapturingChooser, type StepState } from '../../../src/cli/step-capture';
import { ReplayChooser } from '../../../src/explore/replay';
import { decodeToken } from '../../../src/scheduler/schedule-token';
import { execute } from '../../../src/scheduler/execute';
import { resolveRunOptions, type RunOptions } from '../../../src/scheduler/options';
import { ChoiceStrategy, type Chooser } from '../../../src/scheduler/strategies/choice';
import type { TraceEvent } from '../../../src/scheduler/trace';
import type { LineTracker } from './line-tracker';
import type { PageProgram } from './load-program';
import type { PageRunOptions, RunView, StepView } from './protocol';
import { tracedRun } from './run-view';
import { statePanel } from './state-panel';

/** A screen and the thread ids behind its numbers. */
interface Point {
  view: StepView;
  ids: readonly number[];
}

/**
 * The playground's step mode (the learner is the scheduler), in one module so it can move onto a
 * shared step model later. Like the CLI's StepSession it keeps the choices made and re-executes
 * the program for each screen with `switchInterval: 1`, stopping at the next decision; it adds
 * each thread's source line and the state panel. Finishing replays the session's token with a
 * trace, so the Output and Timeline panels show the same run the CLI would replay.
 */
export class PageStepSession {
  readonly #choices: number[] = [];
  readonly #points: Point[] = [];
  readonly #options: RunOptions;
  #finished: StepView | null = null;

  constructor(
    private readonly program: PageProgram,
    private readonly page: PageRunOptions,
    private readonly lines: LineTracker,
    private readonly challenge: boolean,
    token: string | null = null,
  ) {
    this.#options = { ...program.options, seed: page.seed, strategy: page.strategy, switchInterval: 1 };
    if (token !== null) {
      // A loaded run: the token's seed (its random() values) and timing, with the learner as the GIL.
      const spec = decodeToken(token);
      Object.assign(this.#options, {
        seed: spec.seed,
        stepTime: spec.stepTime,
        gil: spec.gil,
        cores: spec.cores,
        maxSteps: spec.maxSteps,
      });
    }
    this.#points.push(this.#capture());
  }

  view(): StepView {
    return this.#finished ?? this.#points[this.#points.length - 1]!.view;
  }

  /** Runs the thread numbered `number` on the screen; false when it is not a choice now. */
  choose(number: number): boolean {
    const point = this.#points[this.#points.length - 1]!;
    if (this.#finished !== null || !Number.isInteger(number) || number < 1 || number > point.ids.length) return false;
    this.#choices.push(point.ids[number - 1]!);
    this.#points.push(this.#capture());
    return true;
  }

  /** Takes back the last choice (or reopens a finished session); false when there is none. */
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

  /** The default strategy (next thread in id order) makes the remaining decisions. */
  finish(): StepView {
    if (this.view().finished !== null) return this.view();
    const run = tracedRun(this.program, this.page, this.#token(), this.lines);
    this.#finished = {
      ...this.view(),
      runnable: [],
      output: run.output,
      steps: run.steps,
      time: run.time,
      finished: run,
      challenge: this.#challengeText(run),
    };
    return this.#finished;
  }

  /** Makes, at each decision, the choice of the traced run (a loaded failure): its steps become the session's. */
  follow(trace: readonly TraceEvent[], limit = 5000): void {
    const owner: number[] = [];
    for (const e of trace) if (e.type === 'step') for (let s = e.step; s < e.step + e.count; s++) owner[s] = e.id;
    for (let n = 0; n < limit && this.view().finished === null; n++) {
      const point = this.#points[this.#points.length - 1]!;
      const index = point.ids.indexOf(owner[point.view.steps] ?? -1);
      if (index < 0 || !this.choose(index + 1)) return;
    }
  }

  #token(): string {
    return this.#execute(new ReplayChooser(this.#choices.slice())).result.schedule;
  }

  #capture(): Point {
    this.lines.clear();
    this.lines.recording = true;
    try {
      const ended = this.#execute(new CapturingChooser(this.#choices));
      const run = tracedRun(this.program, this.page, ended.result.schedule, this.lines);
      const state: StepState = {
        runnable: [],
        blocked: blockedThreads(ended.runtime),
        output: run.output,
        steps: run.steps,
        time: run.time,
        finished: ended.result,
      };
      return { view: { ...this.#screen(state), finished: run, challenge: this.#challengeText(run) }, ids: [] };
    } catch (e) {
      if (e instanceof Captured) return { view: this.#screen(e.state), ids: e.ids };
      throw e;
    } finally {
      this.lines.recording = false;
    }
  }

  #screen(state: StepState): StepView {
    const rt = this.lines.runtime;
    const lineOf = (name: string): number | null => {
      const t = rt?.threads.find((r) => r.name === name);
      return t === undefined ? null : (this.lines.current.get(t.id) ?? null);
    };
    return {
      runnable: state.runnable.map((c) => ({ ...c, line: lineOf(c.thread) })),
      blocked: state.blocked.map((b) => ({ ...b, line: lineOf(b.thread) })),
      output: state.output,
      steps: state.steps,
      time: state.time,
      state: rt === null ? [] : statePanel(rt, state.blocked),
      choices: this.#choices.length,
      finished: null,
      challenge: this.challenge ? 'Challenge: make the check fail by choosing who runs.' : null,
    };
  }

  #challengeText(run: RunView): string | null {
    if (!this.challenge) return null;
    if (run.verdict === null) return 'This program exports no check: there is nothing to break.';
    return run.verdict === 'holds'
      ? 'The check held: undo and try another order.'
      : 'Challenge won: your schedule makes the check fail.';
  }

  #execute(chooser: Chooser) {
    return execute(this.program.main, resolveRunOptions(this.#options), { strategy: new ChoiceStrategy(chooser) });
  }
}
