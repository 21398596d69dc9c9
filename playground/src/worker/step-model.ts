import {
  type RunOptions,
  type RunResult,
  type SourceLocation,
  StepSession,
  type TraceEvent,
} from '../../../src/browser';
import { decodeToken } from '../../../src/scheduler/schedule-token';
import type { LineTracker } from './line-tracker';
import type { PageProgram } from './load-program';
import type { PageRunOptions, RunView, StepView } from './protocol';
import { tracedRun } from './run-view';

/** Each thread's source line (by name) at one screen, from the page's line instrumentation. */
type Lines = ReadonlyMap<string, number>;

/**
 * The playground's step mode (the learner is the scheduler) on the library's StepSession, the
 * model behind `interleave step`: the same numbered choices, next steps in words with values,
 * state panel, "what happened", `+` to the next visible op, undo and finish. The page adds
 * editor lines. The model's locations are stack positions in the evaluated program's transpiled
 * text (`program.ts`), which the program's source map turns back into source lines: "what
 * happened" uses them. A thread's own line is the `yield` it stopped at, from the page's
 * instrumentation (kept per screen, so undo shows the earlier ones): after a bare `yield` (its own
 * code) the model's location is that of its latest op, which is elsewhere.
 * Finishing replays the session's token with a trace, so the Output and Timeline panels show the
 * same run the CLI would replay.
 */
export class PageStepSession {
  readonly #session: StepSession;
  /** The lines at each screen the session can go back to: index `choices`. */
  readonly #lines: Lines[] = [];
  #ended: { token: string; run: RunView; lines: Lines } | null = null;

  constructor(
    private readonly program: PageProgram,
    private readonly page: PageRunOptions,
    private readonly lines: LineTracker,
    private readonly challenge: boolean,
    token: string | null = null,
  ) {
    const options = optionsOf(program, page, token);
    const [session, lines0] = this.#recording(() => new StepSession(program.main, options));
    this.#session = session;
    this.#lines.push(lines0);
  }

  view(): StepView {
    const st = this.#session.state();
    const ended = st.finished === null ? null : this.#end(st.finished);
    const stopped = ended?.lines ?? this.#lines[this.#session.choices] ?? new Map<string, number>();
    const where = this.program.sourceLine;
    // The yield a thread stopped at; the model's location (its next or latest op) when the page has none.
    const line = (thread: string, at: SourceLocation | null = null): number | null =>
      stopped.get(thread) ?? where(at);
    return {
      runnable: st.runnable.map((c) => ({
        number: c.number,
        thread: c.thread,
        next: c.next,
        line: line(c.thread, c.at),
      })),
      blocked: st.blocked.map((b) => ({
        thread: b.thread,
        waitingFor: b.waitingFor,
        heldBy: [...b.heldBy],
        line: line(b.thread, b.at),
      })),
      threads: st.threads.map((t) => ({
        thread: t.thread,
        state: t.state,
        number: t.number,
        doing: t.doing,
        line: t.state === 'runnable' || t.state === 'blocked' ? line(t.thread, t.at) : null,
      })),
      happened: st.happened.map((e) => ({ step: e.step, thread: e.thread, text: e.text, line: where(e.at) })),
      state: st.panel.map((r) => ({ ...r, waiters: [...r.waiters] })),
      output: st.output,
      steps: st.steps,
      time: st.time,
      preemptions: st.preemptions,
      choices: this.#session.choices,
      finished: ended?.run ?? null,
      challenge: this.#challengeText(ended?.run ?? null),
    };
  }

  /** Runs the thread numbered `number` (to its next visible op with `toNextVisible`); false when not a choice. */
  choose(number: number, toNextVisible = false): boolean {
    const [chosen, at] = this.#recording(() => this.#session.choose(number, { toNextVisible }));
    if (chosen) {
      this.#lines.length = this.#session.choices;
      this.#lines.push(at);
    }
    return chosen;
  }

  /** Takes back the last choice (or reopens a finished session); false when there is none. */
  undo(): boolean {
    const undone = this.#session.undo();
    this.#lines.length = this.#session.choices + 1;
    return undone;
  }

  /** The default strategy (next thread in id order) makes the remaining decisions. */
  finish(): StepView {
    this.#session.finish();
    return this.view();
  }

  /** Makes, at each decision, the choice of the traced run (a loaded failure): its steps become the session's. */
  follow(trace: readonly TraceEvent[], limit = 5000): void {
    const owner: string[] = [];
    for (const e of trace) if (e.type === 'step') for (let s = e.step; s < e.step + e.count; s++) owner[s] = e.thread;
    for (let n = 0; n < limit; n++) {
      const st = this.#session.state();
      const pick = st.runnable.find((c) => c.thread === owner[st.steps]);
      if (st.finished !== null || pick === undefined || !this.choose(pick.number)) return;
    }
  }

  /** Runs a session call that executes the program once, keeping the lines its threads stopped at. */
  #recording<T>(call: () => T): [T, Lines] {
    this.lines.clear();
    this.lines.recording = true;
    try {
      const out = call();
      return [out, this.#snapshot()];
    } finally {
      this.lines.recording = false;
    }
  }

  #snapshot(): Lines {
    const rt = this.lines.runtime;
    const out = new Map<string, number>();
    for (const [id, line] of this.lines.current) {
      const name = rt?.threads[id]?.name;
      if (name !== undefined) out.set(name, line);
    }
    return out;
  }

  /** The finished run as the Output and Timeline show it: the session's token replayed with a trace. */
  #end(result: RunResult): { run: RunView; lines: Lines } {
    if (this.#ended?.token !== result.schedule) {
      const run = tracedRun(this.program, this.page, result.schedule, this.lines);
      this.#ended = { token: result.schedule, run, lines: this.#snapshot() };
    }
    return this.#ended;
  }

  #challengeText(run: RunView | null): string | null {
    if (!this.challenge) return null;
    if (run === null) return 'Challenge: make the check fail by choosing who runs.';
    if (run.verdict === null) return 'This program exports no check: there is nothing to break.';
    return run.verdict === 'holds'
      ? 'The check held: undo and try another order.'
      : 'Challenge won: your schedule makes the check fail.';
  }
}

/** The session's options: the program's own and the page's seed, or a loaded token's seed and timing. */
function optionsOf(program: PageProgram, page: PageRunOptions, token: string | null): RunOptions {
  const options: RunOptions = { ...program.options, seed: page.seed };
  if (token === null) return options;
  const spec = decodeToken(token);
  return {
    ...options,
    seed: spec.seed,
    stepTime: spec.stepTime,
    gil: spec.gil,
    cores: spec.cores,
    maxSteps: spec.maxSteps,
  };
}
