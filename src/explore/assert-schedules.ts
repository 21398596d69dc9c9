import { TypeError } from '../errors';
import { isGeneratorFunction, notGeneratorReason } from '../_internal/generator-function';
import type { MainFunction } from '../scheduler/run';
import { exploreResolved } from './explore';
import { type ExploreOptions, resolveExploreOptions } from './explore-options';
import { outcomeKey } from './outcome';
import type { ExploreReport } from './report';

/**
 * `explore` for tests: stops at the first failing schedule and throws an Error that says what
 * failed, with how many preemptions, the shrunk token, and the `replay(...)` line and CLI
 * command that rerun it. Returns the report when no schedule failed.
 *
 * @example
 * it('never loses an update', () => {
 *   assertSchedules(main, { strategy: 'exhaustive', preemptionBound: 2, check: (r) => r.value === 3 });
 * });
 */
export function assertSchedules<T>(main: MainFunction<T>, options?: ExploreOptions<T>): ExploreReport<T> {
  if (!isGeneratorFunction(main)) throw new TypeError(notGeneratorReason('assertSchedules(main, options): main', main));
  const o = resolveExploreOptions({ ...options, stopOnFailure: true });
  const report = exploreResolved(main, o);
  if (report.firstFailure !== null) throw new Error(failureMessage(report));
  return report;
}

/** The message of a failed `assertSchedules`: what, where, and how to see it again. */
export function failureMessage(report: ExploreReport): string {
  const f = report.firstFailure!;
  const r = f.result;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const shrunk =
    f.shrunk === f.schedule
      ? `${plural(f.preemptions, 'preemption')}, ${plural(r.steps, 'step')}`
      : `shrunk from ${plural(f.original.preemptions, 'preemption')} and ${plural(f.original.steps, 'step')} to ${plural(f.preemptions, 'preemption')} and ${plural(r.steps, 'step')}`;
  const lines = [
    `a schedule fails: ${f.reason}`,
    `outcome: ${outcomeKey(r)}`,
    `found by the ${report.strategy} search (seed ${JSON.stringify(report.seed)}) at run ${f.run + 1} of ${report.runs}; ${shrunk}.`,
    `schedule: ${f.shrunk}`,
    'reproduce it:',
    `  replay(main, '${f.shrunk}')`,
    `  npx interleave replay <file> ${f.shrunk}`,
  ];
  return lines.join('\n');
}
