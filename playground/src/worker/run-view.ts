import { replay, run, type RunOptions, type RunResult } from '../../../src/browser';
import { activeRuntime } from '../../../src/scheduler/context';
import { describeError } from '../../../src/scheduler/thread-errors';
import type { CellAccess, PageRunOptions, RunView } from './protocol';
import { formatValue } from './format-value';
import { listenToAccesses } from './library-shim';
import type { LineTracker } from './line-tracker';
import type { PageProgram } from './load-program';

/** The run options of a page run: the page's seed, strategy and switch interval over the program's own. */
export function runOptionsOf(program: PageProgram, page: PageRunOptions): RunOptions {
  const options: RunOptions = { ...program.options, seed: page.seed, strategy: page.strategy };
  if (page.switchInterval !== null) options.switchInterval = page.switchInterval;
  return options;
}

/**
 * Runs the program once with a trace (or replays `token`) while recording source lines and
 * shared-cell accesses, and returns what the Output and Timeline panels show.
 */
export function tracedRun(
  program: PageProgram,
  page: PageRunOptions,
  token: string | null,
  lines: LineTracker,
): RunView {
  const accesses: CellAccess[] = [];
  lines.clear();
  lines.recording = true;
  listenToAccesses((cell, write, value) => {
    const rt = activeRuntime();
    const t = rt?.current;
    if (rt == null || t == null) return;
    accesses.push({
      thread: t.name,
      id: t.id,
      step: rt.steps - 1,
      time: rt.clock.now(),
      cell: cell.name,
      write,
      value: formatValue(value),
      line: lines.current.get(t.id) ?? null,
    });
  });
  try {
    const result =
      token === null
        ? run(program.main, { ...runOptionsOf(program, page), trace: true })
        : replay(program.main, token, { trace: true });
    return viewOf(result, program, lines, accesses);
  } finally {
    lines.recording = false;
    listenToAccesses(null);
  }
}

/** The page's view of a finished run; the trace's lines come from the tracker of that run. */
export function viewOf(
  result: RunResult,
  program: PageProgram,
  lines: LineTracker,
  accesses: CellAccess[] = [],
): RunView {
  const trace = result.trace ?? [];
  return {
    status: result.status,
    value: formatValue(result.value),
    output: result.output,
    steps: result.steps,
    time: result.time,
    token: result.schedule,
    verdict: verdictOf(program, result),
    errors: result.errors.map((e) => `${e.thread}: ${describeError(e.error)}`),
    deadlock: result.deadlock?.message ?? null,
    trace,
    accesses,
    lines: trace.map((e) => ('thread' in e && e.id !== undefined ? lines.lineAt(e.id, e.step) : null)),
  };
}

/** The program's check on a result: 'holds', 'fails', 'fails: why', or null when it exports none. */
export function verdictOf(program: PageProgram, result: RunResult): string | null {
  if (program.check === undefined) return null;
  try {
    return program.check(result) === false ? 'fails' : 'holds';
  } catch (e) {
    return `fails: ${describeError(e)}`;
  }
}
