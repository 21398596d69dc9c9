import type { Colors } from 'picocolors/types';
import { incompleteNote, type OptionNames } from '../explore/coverage';
import { outcomeKey } from '../explore/outcome';
import type { ExploreReport } from '../explore/report';
import { count, plural, wrap } from './format';

/** What the explore report needs besides the report. */
export interface ExploreContext {
  readonly colors: Colors;
  readonly width: number;
  /** The program as typed (for the title). */
  readonly spec: string;
  /** The exact command that replays a token. */
  replayCommandLine(token: string): string;
}

/** The options that widen a search, as the command line spells them. */
const CLI_NAMES: OptionNames = {
  runs: '--runs',
  preemptionBound: (k) => `--preemption-bound ${k}`,
  delayBound: (k) => `--delay-bound ${k}`,
};

const MAX_ROWS = 12;
const BAR = 24;

/** The text of an exploration: the outcome histogram, then the verdict and, for a failure, the tokens. */
export function formatExplore(report: ExploreReport, ctx: ExploreContext): string {
  const colors = ctx.colors;
  const how = `${report.strategy}, seed ${report.seed}${report.depth !== null ? `, depth ${report.depth}` : ''}${report.preemptionBound !== null ? `, at most ${plural(report.preemptionBound, 'preemption')}` : ''}${report.delayBound !== undefined && report.delayBound !== null ? `, at most ${plural(report.delayBound, 'delay')}` : ''}`;
  const note = incompleteNote(report, CLI_NAMES);
  const out: string[] = note === null ? [] : [colors.yellow(colors.bold(wrap(note, ctx.width))), ''];
  out.push(
    `Explored ${ctx.spec}: ${plural(report.runs, 'run')} (${how}), ${count(report.distinct)} distinct ${report.distinct === 1 ? 'schedule' : 'schedules'}.`,
    '',
  );
  out.push('Outcomes (how the runs ended):', ...histogram(report.outcomes, ctx), '');
  if (report.noChoices)
    out.push(colors.dim('The program never had two threads ready at once: there was one schedule to test.'));
  else if (report.complete)
    out.push(
      colors.dim(
        `The search covered every schedule${report.preemptionBound !== null || (report.delayBound ?? null) !== null ? ' within the bound' : ''}.`,
      ),
    );
  const failure = report.firstFailure;
  if (failure === null) {
    const verdict = `${colors.green(colors.bold('no failure'))} in ${plural(report.runs, 'run')}`;
    out.push(note === null ? `${verdict}.` : `${verdict}, but the search is NOT complete (see the first lines).`);
    return `${out.join('\n')}\n`;
  }
  out.push(
    `${colors.red(colors.bold('FAILED'))}: ${count(report.failures)} of ${plural(report.runs, 'run')} failed; the first (run ${count(failure.run + 1)}): ${failure.reason}.`,
  );
  const row = (label: string, value: string): string => `${colors.dim(label.padEnd(10))}${value}`;
  out.push(
    row('schedule', failure.schedule),
    row('shrunk', `${colors.cyan(failure.shrunk)}`),
    row(
      '',
      colors.dim(
        `${plural(failure.preemptions, 'preemption')} and ${plural(failure.result.steps, 'step')} (the first failing run had ${failure.original.preemptions} and ${count(failure.original.steps)})`,
      ),
    ),
    row(
      'ends',
      splitKey(outcomeKey(failure.result), ctx.width - 10)
        .map((p, i) => (i === 0 ? p : `${' '.repeat(12)}${p}`.trimEnd()))
        .join('\n'),
    ),
    row('replay', ctx.replayCommandLine(failure.shrunk)),
  );
  return `${out.join('\n')}\n`;
}

/** The outcomes, most frequent first, each with a bar and its count. */
function histogram(outcomes: Record<string, number>, ctx: ExploreContext): string[] {
  const rows = Object.entries(outcomes).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const shown = rows.slice(0, MAX_ROWS);
  const keyWidth = Math.min(Math.max(...shown.map(([k]) => k.length)), Math.max(20, ctx.width - BAR - 14));
  const most = shown[0]?.[1] ?? 1;
  const lines = shown.flatMap(([key, n]) => {
    const filled = Math.max(1, Math.round((n / most) * BAR));
    const bar = `  ${ctx.colors.cyan('█'.repeat(filled))}${' '.repeat(BAR - filled)} ${count(n).padStart(6)}`;
    // A key too long for its column is wrapped, never cut: two outcomes must never read the same.
    const parts = splitKey(key, keyWidth);
    const last = parts.length - 1;
    return parts.map((part, i) =>
      `${(i === 0 ? `  ${part}` : `    ${part}`).padEnd(keyWidth + 2)}${i === last ? bar : ''}`.trimEnd(),
    );
  });
  if (rows.length > MAX_ROWS) {
    const rest = rows.slice(MAX_ROWS).reduce((s, [, n]) => s + n, 0);
    lines.push(
      wrap(`… and ${plural(rows.length - MAX_ROWS, 'other outcome')} (${plural(rest, 'run')})`, ctx.width, 2, 2),
    );
  }
  return lines;
}

/**
 * `key` in lines of at most `width` characters (continuation lines two narrower, as they are
 * indented), broken after a space when one falls in the second half of a line; no character is dropped.
 */
function splitKey(key: string, width: number): string[] {
  const parts: string[] = [];
  let at = 0;
  while (key.length - at > (parts.length === 0 ? width : width - 2)) {
    const room = parts.length === 0 ? width : width - 2;
    const space = key.lastIndexOf(' ', at + room - 1);
    const end = space >= at + room / 2 ? space + 1 : at + room;
    parts.push(key.slice(at, end));
    at = end;
  }
  parts.push(key.slice(at));
  return parts;
}
