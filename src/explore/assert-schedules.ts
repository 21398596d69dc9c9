import type { AssertSchedulesOptions } from '../types';
export type { AssertSchedulesOptions } from '../types';
import { TypeError, ValueError } from '../errors';
import { isGeneratorFunction, notGeneratorReason } from '../_internal/generator-function';
import type { MainFunction } from '../scheduler/run';
import { API_NAMES, incompleteNote } from './coverage';
import { exploreResolved } from './explore';
import { resolveExploreOptions } from './explore-options';
import { outcomeKey } from './outcome';
import type { ExploreReport } from './report';

/**
 * `explore` for tests: stops at the first failing schedule and throws an Error that says what
 * failed, with how many preemptions, the shrunk token, and the `replay(...)` line and CLI
 * command that rerun it. With `strategy: 'exhaustive'` it also throws when the budget ran out
 * before the search was complete, unless `allowIncomplete: true`. Returns the report otherwise.
 *
 * @example
 * it('never loses an update', () => {
 *   assertSchedules(main, { strategy: 'exhaustive', preemptionBound: 2, check: (r) => r.value === 3 });
 * });
 */
export function assertSchedules<T>(main: MainFunction<T>, options?: AssertSchedulesOptions<T>): ExploreReport<T> {
  if (!isGeneratorFunction(main)) throw new TypeError(notGeneratorReason('assertSchedules(main, options): main', main));
  // A non-object is refused by resolveExploreOptions with the usual message.
  const isObject = typeof options === 'object' && options !== null;
  const { allowIncomplete, ...rest } = isObject ? options : ({} as AssertSchedulesOptions<T>);
  if (allowIncomplete !== undefined && typeof allowIncomplete !== 'boolean') {
    throw new ValueError(`option 'allowIncomplete' must be true or false, got ${String(allowIncomplete)}`);
  }
  const resolved = resolveExploreOptions(
    isObject || options === undefined ? { ...rest, stopOnFailure: true } : options,
  );
  const report = exploreResolved(main, resolved);
  if (report.firstFailure !== null) throw new Error(failureMessage(report));
  const note = incompleteNote(report, API_NAMES);
  if (note !== null && allowIncomplete !== true) {
    throw new Error(
      `${note}\nNo schedule failed, but a search that stopped short proves nothing; pass allowIncomplete: true to accept it.`,
    );
  }
  return report;
}

/** The message of a failed `assertSchedules`: what, where, and how to see it again. */
export function failureMessage(report: ExploreReport): string {
  const failure = report.firstFailure!;
  const result = failure.result;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const shrunk =
    failure.shrunk === failure.schedule
      ? `${plural(failure.preemptions, 'preemption')}, ${plural(result.steps, 'step')}`
      : `shrunk from ${plural(failure.original.preemptions, 'preemption')} and ${plural(failure.original.steps, 'step')} to ${plural(failure.preemptions, 'preemption')} and ${plural(result.steps, 'step')}`;
  const lines = [
    `a schedule fails: ${failure.reason}`,
    `outcome: ${outcomeKey(result)}`,
    `found by the ${report.strategy} search (seed ${JSON.stringify(report.seed)}) at run ${failure.run + 1} of ${report.runs}; ${shrunk}.`,
    `schedule: ${failure.shrunk}`,
    'reproduce it:',
    `  replay(main, '${failure.shrunk}')`,
    `  npx interleave replay <file> ${failure.shrunk}`,
  ];
  return lines.join('\n');
}
