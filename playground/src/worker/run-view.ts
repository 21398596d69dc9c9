import { replay, run, type RunOptions, type RunResult, type TraceEvent } from '../../../src/browser';
import { describeError } from '../../../src/scheduler/thread-errors';
import type { CellAccess, PageRunOptions, RunView } from './protocol';
import { formatValue } from './format-value';
import type { LineTracker } from './line-tracker';
import type { PageProgram } from './load-program';

/** The run options of a page run: the page's seed, strategy and switch interval over the program's own. */
export function runOptionsOf(program: PageProgram, page: PageRunOptions): RunOptions {
  const options: RunOptions = { ...program.options, seed: page.seed, strategy: page.strategy };
  if (page.switchInterval !== null) options.switchInterval = page.switchInterval;
  return options;
}

/**
 * Runs the program once with a trace (or replays `token`) while recording source lines, and
 * returns what the Output and Timeline panels show.
 */
export function tracedRun(
  program: PageProgram,
  page: PageRunOptions,
  token: string | null,
  lines: LineTracker,
): RunView {
  lines.clear();
  lines.recording = true;
  try {
    const result =
      token === null
        ? run(program.main, { ...runOptionsOf(program, page), trace: true })
        : replay(program.main, token, { trace: true });
    return viewOf(result, program, lines);
  } finally {
    lines.recording = false;
  }
}

/** The page's view of a finished run; the trace's lines come from the tracker of that run. */
export function viewOf(result: RunResult, program: PageProgram, lines: LineTracker): RunView {
  const trace = result.trace ?? [];
  const traceLines = trace.map((e) => ('thread' in e && e.id !== undefined ? lines.lineAt(e.id, e.step) : null));
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
    accesses: accessesOf(trace, traceLines),
    lines: traceLines,
  };
}

/** The shared-cell reads and writes of a trace (its `op` events), with their values and lines. */
function accessesOf(trace: readonly TraceEvent[], lines: readonly (number | null)[]): CellAccess[] {
  const out: CellAccess[] = [];
  trace.forEach((e, i) => {
    if (e.type !== 'op' || (e.op !== 'read' && e.op !== 'write')) return;
    const cell = /^shared '(.*)'$/i.exec(e.on)?.[1];
    if (cell === undefined) return;
    // An op event counts steps made after it (from 1); the Timeline places an access at its step (from 0).
    const step = e.step - 1;
    const at = { thread: e.thread, id: e.id, step, time: e.time, cell, write: e.op === 'write' };
    out.push({ ...at, value: e.value ?? 'None', line: lines[i] ?? null });
  });
  return out;
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
