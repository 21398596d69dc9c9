import type { RunResult } from '../../scheduler/execute';
import type { Program } from '../load-program';
import { replayCommand } from '../replay-command';
import { formatSummary, runCheck } from '../summary';
import { colorsFor, type Terminal, widthOf } from '../terminal';
import { toJson } from '../to-json';
import { EXIT } from '../usage-error';
import { renderTimeline } from '../timeline';

/** How a finished run is shown. */
export interface ReportFlags {
  json?: boolean;
  timeline?: boolean;
}

/**
 * Prints a run: the program's output, the timeline when asked, then the summary; or, with
 * --json, the RunResult alone. Returns the exit code: 0 for status ok, 1 otherwise.
 */
export function reportRun(term: Terminal, program: Program, result: RunResult, flags: ReportFlags): number {
  const code = result.status === 'ok' ? EXIT.ok : EXIT.failed;
  if (flags.json === true) {
    term.stdout.write(`${toJson(result)}\n`);
    return code;
  }
  const colors = colorsFor(term, term.stdout, false);
  const width = widthOf(term.stdout);
  let text = result.output;
  // A print cut short (a thread abandoned between its text and its newline) must not run into the summary.
  if (text !== '' && !text.endsWith('\n')) text += '\n';
  if (flags.timeline === true) text += `\n${renderTimeline(result, { width, color: colors.isColorSupported }).replace(/\n?$/, '\n')}`;
  const check = program.check === undefined ? undefined : runCheck(program.check, result);
  text += `\n${formatSummary(result, { colors, width, replayCommand: replayCommand(program, result.schedule), check })}`;
  term.stdout.write(text);
  return code;
}
