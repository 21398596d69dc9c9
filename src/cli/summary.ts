import type { Colors } from 'picocolors/types';
import { describeError } from '../scheduler/thread-errors';
import type { RunResult } from '../scheduler/run-program';
import { repr } from '../_internal/format';
import { count, plural, seconds, wrap } from './format';
import { formatTraceback } from '../_internal/traceback';

/** What a summary needs besides the result. */
export interface SummaryContext {
  readonly colors: Colors;
  /** Columns to wrap paragraphs at. */
  readonly width: number;
  /** The exact command that replays this run. */
  readonly replayCommandLine: string;
  /** What the program's `check(result)` said of this run, when it exports one. */
  readonly check?: CheckVerdict;
  /** `--traceback`: main's uncaught error with the traceback of the program's frames. */
  readonly traceback?: boolean;
}

/** The verdict of a program's `check(result)`: passed, or why not. */
export type CheckVerdict = { passed: true } | { passed: false; why: string };

/** Calls a program's check the way `explore` does: false or a throw fails it. */
export function runCheck(check: (result: RunResult) => unknown, result: RunResult): CheckVerdict {
  try {
    return check(result) === false ? { passed: false, why: 'check(result) returned false' } : { passed: true };
  } catch (e) {
    return { passed: false, why: `check(result) threw ${describeError(e)}` };
  }
}

const LABEL = 10;
/** Races described in words; a racy loop can produce dozens. */
const MAX_RACES = 5;

/** Labelled rows, and the paragraphs printed below them. */
interface SummaryParts {
  lines: string[];
  paragraphs: string[];
  row: (label: string, value: string) => string;
}

/**
 * The text after a run's output: status, steps, virtual time, GIL hand-offs, the schedule token
 * and the command that replays it; then, when they apply, the deadlock explained, main's error,
 * the step-limit report and the races found.
 */
export function formatSummary(result: RunResult, ctx: SummaryContext): string {
  const colors = ctx.colors;
  const row = (label: string, value: string): string => `${colors.dim(label.padEnd(LABEL))}${value}`;
  const threadErrors = result.errors.filter(
    (e, i) => !(result.status === 'error' && i === result.errors.length - 1 && e.thread === 'MainThread'),
  );
  const parts: SummaryParts = { lines: headRows(result, ctx, row, threadErrors.length), paragraphs: [], row };
  addDeadlock(parts, result, ctx);
  addMainError(parts, result, ctx);
  if (threadErrors.length > 0) {
    const named = threadErrors.slice(0, 3).map((e) => `${e.thread} (${errorName(e.error)})`);
    const more = threadErrors.length > 3 ? ` and ${threadErrors.length - 3} more` : '';
    parts.lines.push(row('errors', `${named.join(', ')}${more}; see "Exception in thread" above`));
  }
  if (result.stepLimit !== null) parts.paragraphs.push(wrap(result.stepLimit.message, ctx.width));
  addRaces(parts, result, ctx);
  return `${[parts.lines.join('\n'), ...parts.paragraphs].join('\n\n')}\n`;
}

/** The rule, then status, return value, check, steps, time, switches, token and replay line. */
function headRows(result: RunResult, ctx: SummaryContext, row: SummaryParts['row'], threadErrors: number): string[] {
  const colors = ctx.colors;
  const status = result.status === 'ok' ? colors.green(colors.bold('ok')) : colors.red(colors.bold(result.status));
  const errors = threadErrors > 0 ? colors.yellow(` (${plural(threadErrors, 'uncaught error')} in threads)`) : '';
  return [
    colors.dim(`── summary ${'─'.repeat(Math.max(0, Math.min(ctx.width, 72) - 11))}`),
    row('status', status + errors),
    ...(result.value === undefined ? [] : [row('returned', repr(result.value))]),
    ...(ctx.check === undefined
      ? []
      : [
          row(
            'check',
            ctx.check.passed ? colors.green('passed') : `${colors.red(colors.bold('FAILED'))}: ${ctx.check.why}`,
          ),
        ]),
    row('steps', count(result.steps)),
    row('time', `${seconds(result.time)} ${colors.dim('(virtual)')}`),
    row('switches', `${plural(result.switches, 'GIL hand-off')}, ${plural(result.preemptions, 'preemption')}`),
    row('schedule', colors.cyan(result.schedule)),
    row('replay', ctx.replayCommandLine),
  ];
}

/** A deadlock: its cycle as a row, its explanation as a paragraph. */
function addDeadlock(parts: SummaryParts, result: RunResult, ctx: SummaryContext): void {
  if (result.deadlock === null) return;
  if (result.deadlock.cycle !== null)
    parts.lines.push(parts.row('cycle', ctx.colors.red(result.deadlock.cycle.join(' → '))));
  parts.paragraphs.push(wrap(result.deadlock.message, ctx.width));
}

/** Main's uncaught error (with its traceback under --traceback). */
function addMainError(parts: SummaryParts, result: RunResult, ctx: SummaryContext): void {
  if (result.status !== 'error') return;
  const last = result.errors[result.errors.length - 1];
  if (last === undefined || last.thread !== 'MainThread') return;
  const tb = ctx.traceback === true ? formatTraceback(last.error) : '';
  parts.paragraphs.push(`${ctx.colors.red('Exception in MainThread:')}\n${tb}${describeError(last.error)}`);
}

/** With race detection: a row with the count, and the first few races in words. */
function addRaces(parts: SummaryParts, result: RunResult, ctx: SummaryContext): void {
  if (result.races === undefined) return;
  const colors = ctx.colors;
  parts.lines.push(
    parts.row(
      'races',
      result.races.length === 0 ? colors.green('none found') : colors.red(plural(result.races.length, 'data race')),
    ),
  );
  const shown = result.races.slice(0, MAX_RACES);
  const more = result.races.length - shown.length;
  parts.paragraphs.push(
    [
      ...shown.map((r) => wrap(`- ${r.message}`, ctx.width, 2, 0)),
      ...(more > 0 ? [`… and ${plural(more, 'more race')} (--json lists them all)`] : []),
    ].join('\n'),
  );
}

function errorName(e: unknown): string {
  return e instanceof Error ? e.name : typeof e;
}
