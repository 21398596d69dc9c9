import { numberChoice } from '../number-choice';
import pc from 'picocolors';
import type { RunResult } from '../../scheduler/run-program';
import { parseChoice, type StepSession } from '../../teach/step-session';
import type { StepState } from '../../teach/step-state';
import type { CheckVerdict } from '../summary';
import { formatOutcome, formatQuit, formatScreen, intro, prompt, type ScreenContext } from './step-screen';
import { SourceText } from './source-text';

/** Where `runStepSession` reads the user's lines and writes the screens. */
export interface StepIO {
  /** The user's input, one line per item (a readline interface, or an array in tests). */
  lines: AsyncIterable<string> | Iterable<string>;
  write(text: string): void;
  color: boolean;
  /** Write each line read after its prompt, so a scripted session reads like a typed one. */
  echo?: boolean;
  /** The program's own switchInterval, which the session overrides (said in the opening lines). */
  programInterval?: number;
  /** The demo's "Look for" lines. */
  lookFor?: readonly string[];
  /** The program's `check`, whose verdict the last screen shows. */
  check?: (result: RunResult) => CheckVerdict;
}

/** How a session ended: the run, and whether the user quit before its end. */
export interface StepOutcome {
  result: RunResult;
  quit: boolean;
  /** Preemptions the user's own choices made (the default strategy's, after the input ended, not counted). */
  preemptions: number;
}

type Reply = 'next' | 'quit' | 'ended';

/**
 * The interactive `step` loop. Each screen shows what happened since the last decision, the
 * source around each thread's line, every thread's state and next step, the state panel and the
 * new output. A thread's number or name runs its step (`+` runs it to its next visible
 * operation); anything else is refused and asked again; `u` undoes; `q` quits (printing the
 * token of the choices so far). When the input ends, the default strategy finishes the run. A
 * finished run ends with its outcome, the check's verdict, the output and its token.
 *
 * @example
 * const rl = readline.createInterface({ input: process.stdin });
 * const io = { lines: rl, write: (s: string) => process.stdout.write(s), color: true };
 * const { result } = await runStepSession(new StepSession(main), io);
 */
export async function runStepSession(session: StepSession, io: StepIO): Promise<StepOutcome> {
  const ctx: ScreenContext = { c: pc.createColors(io.color), source: new SourceText() };
  const lines = Symbol.asyncIterator in io.lines ? io.lines[Symbol.asyncIterator]() : io.lines[Symbol.iterator]();
  let shown = '';
  let took: number | null = null;
  let defaultFrom: number | null = null;
  let preemptions = 0;
  io.write(intro(io.programInterval, io.lookFor ?? []));
  for (;;) {
    const st = session.state();
    if (st.finished !== null) {
      io.write(formatOutcome(st, st.finished, io.check?.(st.finished), ctx, defaultFrom));
      const mine = defaultFrom === null ? st.finished.preemptions : preemptions;
      return { result: st.finished, quit: false, preemptions: mine };
    }
    io.write(formatScreen(st, shown, took, ctx));
    shown = st.output;
    preemptions = st.preemptions;
    const reply = await ask(session, st, lines, io, ctx);
    if (reply === 'quit') {
      io.write(formatQuit(st, session.token(), ctx.c));
      return { result: session.finish(), quit: true, preemptions };
    }
    if (reply === 'ended') defaultFrom = st.steps;
    const now = session.state();
    took = now.finished === null && now.steps > st.steps ? now.steps - st.steps : null;
  }
}

/** Asks until a line is a choice, an undo or a quit, or the input ends. */
async function ask(
  session: StepSession,
  st: StepState,
  lines: Iterator<string> | AsyncIterator<string>,
  io: StepIO,
  ctx: ScreenContext,
): Promise<Reply> {
  for (;;) {
    io.write(prompt(st, ctx.c));
    const next = await lines.next();
    if (next.done === true) {
      io.write('\n(end of input: the default strategy finishes the run)\n');
      session.finish();
      return 'ended';
    }
    const line = String(next.value).trim();
    if (io.echo === true) io.write(`${line}\n`);
    if (line.toLowerCase() === 'q') return 'quit';
    if (line.toLowerCase() === 'u') {
      if (session.undo()) return 'next';
      io.write('\nNothing to undo: this is the first decision.\n');
      continue;
    }
    const choice = parseChoice(line, st);
    if (choice !== null && session.choose(choice.number, { toNextVisible: choice.toNextVisible })) return 'next';
    const names = st.runnable.map((r) => r.thread).join(', ');
    const what = line === '' ? 'An empty line' : `'${line}'`;
    io.write(
      `\n${what} is not a choice: type ${numberChoice(st.runnable.length)} or a name (${names}), ` +
        'add + to run to the next visible op, u to undo or q to quit.\n',
    );
  }
}
