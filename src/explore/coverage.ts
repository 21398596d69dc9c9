import type { ExploreReport } from './report';

/** How the options that widen a search are spelled where the note is shown (API or CLI). */
export interface OptionNames {
  runs: string;
  /** A setting of the preemption bound to `k`, as the reader would write it. */
  preemptionBound(k: number): string;
  /** The same for the delay bound. */
  delayBound(k: number): string;
}

/** The option names of the API (`explore`, `assertSchedules`). */
export const API_NAMES: OptionNames = {
  runs: 'runs',
  preemptionBound: (k) => `preemptionBound: ${k}`,
  delayBound: (k) => `delayBound: ${k}`,
};

/**
 * What an exhaustive search that stopped short did not cover, in one sentence that starts
 * `NOT complete:`; null when there is nothing to say (the search is complete, is not exhaustive,
 * or stopped at a failure, which the report shows instead). A search that stops short must
 * never read as a pass.
 */
export function incompleteNote(report: ExploreReport, names: OptionNames): string | null {
  if (report.strategy !== 'exhaustive' || report.complete || !report.exhausted) return null;
  const budget = `the budget of ${runsText(report.budget)} ran out first`;
  const unbounded = report.preemptionBound === null && (report.delayBound ?? null) === null;
  if (unbounded && report.coveredPreemptions === null) return unboundedNote(report, budget, names);
  const covered = report.coveredPreemptions ?? -1;
  if (covered < 0) {
    return (
      `NOT complete: ${budget}, before even the schedules without ${delays0(report)} were all run ` +
      `(${runsText(report.runs)} made). Raise ${names.runs}.`
    );
  }
  const delays = report.delayBound !== undefined && report.delayBound !== null;
  const bound = delays ? report.delayBound! : report.preemptionBound;
  const unit = (k: number): string =>
    delays ? (k === 1 ? 'delay' : 'delays') : k === 1 ? 'preemption' : 'preemptions';
  const next = bound === null || bound === Infinity ? `with more` : `with ${covered + 1} to ${bound}`;
  const setting = delays ? names.delayBound(covered) : names.preemptionBound(covered);
  return (
    `NOT complete: ${budget}; only schedules with ≤ ${covered} ${unit(covered)} ` +
    `were all covered (up to reordering of independent steps), not those ${next}. ` +
    `Raise ${names.runs}, or set ${setting} to make what was covered the whole search.`
  );
}

/**
 * The unbounded search with partial-order reduction does not go level by level: it runs one
 * schedule of each class of equivalent schedules, depth first, so what it covered is not a
 * preemption level but the runs it made.
 */
function unboundedNote(report: ExploreReport, budget: string, names: OptionNames): string {
  const started = report.runs + report.pruned;
  const abandoned = report.pruned === 0 ? '' : `, ${runsText(report.pruned)} abandoned as equivalent to runs made`;
  return (
    `NOT complete: ${budget} (${runsText(report.runs)} made${abandoned}: ${runsText(started)} started). ` +
    `This unbounded search (partial-order reduction) runs one schedule of every class of equivalent schedules, ` +
    `depth first; it had not reached every class, so a failure may lie in those it did not run. ` +
    `Raise ${names.runs}, or bound it (${names.preemptionBound(2)} or ${names.delayBound(2)}) to run the schedules ` +
    `with few preemptions first.`
  );
}

function delays0(report: ExploreReport): string {
  return report.delayBound !== undefined && report.delayBound !== null ? 'delay' : 'preemption';
}

function runsText(n: number): string {
  const digits = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${digits} ${n === 1 ? 'run' : 'runs'}`;
}
