import type { RunResult } from '../../scheduler/run-program';
import type { Program } from '../load-program';
import { replayCommandLine } from '../replay-command-line';
import { formatSummary, runCheck } from '../summary';
import { colorsFor, type Terminal, widthOf } from '../terminal';
import { toJson } from '../to-json';
import { EXIT } from '../usage-error';
import { renderTimeline } from '../timeline';

/** How a finished run is shown. */
export interface ReportFlags {
  json?: boolean;
  timeline?: boolean;
  /** Exit with 0 even when the run failed (`npm run demo`, whose race fails on purpose). */
  exitZero?: boolean;
  /** Tracebacks of the program's frames for uncaught errors. */
  traceback?: boolean;
}

/**
 * Prints a run: the program's output, the timeline when asked, then the summary; or, with
 * --json, the RunResult with the check's verdict. Returns the exit code: 0 when the run ended ok,
 * no thread raised and the program's check (if any) held; 1 otherwise (CLI.md).
 */
export function printRunReport(term: Terminal, program: Program, result: RunResult, flags: ReportFlags): number {
  const check = program.check === undefined ? undefined : runCheck(program.check, result);
  const passed = result.status === 'ok' && result.errors.length === 0 && check?.passed !== false;
  const code = passed || flags.exitZero === true ? EXIT.ok : EXIT.failed;
  if (flags.json === true) {
    term.stdout.write(`${toJson(check === undefined ? result : { ...result, check })}\n`);
    return code;
  }
  const colors = colorsFor(term, term.stdout, false);
  const width = widthOf(term.stdout);
  let text = result.output;
  // A print cut short (a thread abandoned between its text and its newline) must not run into the summary.
  if (text !== '' && !text.endsWith('\n')) text += '\n';
  if (flags.timeline === true)
    text += `\n${renderTimeline(result, { width, color: colors.isColorSupported }).replace(/\n?$/, '\n')}`;
  text += `\n${formatSummary(result, { colors, width, replayCommandLine: replayCommandLine(program, result.schedule), check, traceback: flags.traceback })}`;
  term.stdout.write(text);
  return code;
}
