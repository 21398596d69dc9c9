import type { RunResult } from '../scheduler/run-program';
import type { ExploreStrategyName } from './explore-options';

/** The first failing run of a search, and the shrunk schedule that fails the same way. */
export interface FirstFailure<T = unknown> {
  /** The failing run's index in the search (0-based; run k of a random search has seed `seed:k`). */
  run: number;
  /** Why it failed, in words. */
  reason: string;
  /** The failing run's token: `replay(main, schedule)` reruns it. */
  schedule: string;
  /** A `'choices'` token that fails the same way with as few preemptions (then steps) as found. */
  shrunk: string;
  /** The shrunk run's result. */
  result: RunResult<T>;
  /** Preemptions of the shrunk run. */
  preemptions: number;
  /** Preemptions and steps of the failing run before shrinking. */
  original: { preemptions: number; steps: number };
}

/** What a search found. */
export interface ExploreReport<T = unknown> {
  strategy: ExploreStrategyName;
  /** The search's seed (random and PCT runs derive theirs from it). */
  seed: string;
  /** Runs made. */
  runs: number;
  /** The budget asked for (`runs` option). */
  budget: number;
  /** How many runs failed. */
  failures: number;
  firstFailure: FirstFailure<T> | null;
  /** Histogram: a readable key of each outcome, mapped to how many runs ended so (most frequent first). */
  outcomes: Record<string, number>;
  /** How many different schedules the runs were. */
  distinct: number;
  /** Every schedule (within the preemption bound, up to reordering of independent steps) was run. */
  complete: boolean;
  /** The search stopped because the budget ran out, not because it covered its space or failed. */
  exhausted: boolean;
  /** No run had a scheduling choice to make: there was one schedule to test, whatever the budget. */
  noChoices: boolean;
  /** The search stopped at its first failure (`stopOnFailure`). */
  stoppedOnFailure: boolean;
  /** The most preemptions any run made. */
  maxPreemptions: number;
  /** For `'exhaustive'`: the bound (null when none). */
  preemptionBound: number | null;
  /**
   * For an `'exhaustive'` search that is not complete: every schedule with at most this many
   * preemptions (delays, with `delayBound`) was run (-1: not even all those with none). Null
   * otherwise, and for an unbounded search with partial-order reduction, which does not go level by level.
   */
  coveredPreemptions?: number | null;
  /** For `'exhaustive'` with `delayBound`: the bound (the search's levels are then delays). */
  delayBound?: number | null;
  /** For `'exhaustive'`: schedules abandoned because an equivalent one had been run (reduction). */
  pruned: number;
  /** For `'pct'`: d, and the run length its change points were drawn within. */
  depth: number | null;
  pctLength: number | null;
  /** Set on a shard's report: `'i/n'`; `mergeReports` combines all n. */
  shard?: string;
  /** On a shard's report: fingerprints of its distinct schedules, so a merge can count the union. */
  fingerprints?: string[];
  /**
   * On an exhaustive shard's report with a failure: where the first failing run lies in the
   * search tree (its preemption level for a bounded search, then its choices above the shards'
   * cut), so that a merge keeps the failure the whole search would reach first.
   */
  firstFailureOrder?: number[];
}

/** Accumulates runs in order; `finish` makes the report (explore, shards and merges share it). */
export class ReportBuilder<T> {
  runs = 0;
  failures = 0;
  maxPreemptions = 0;
  pruned = 0;
  choicesSeen = false;
  first: FirstFailure<T> | null = null;
  readonly histogram = new Map<string, number>();
  readonly fingerprints = new Set<number>();

  addOutcome(key: string, count = 1): void {
    this.histogram.set(key, (this.histogram.get(key) ?? 0) + count);
  }

  finish(fields: {
    strategy: ExploreStrategyName;
    seed: string;
    budget: number;
    complete: boolean;
    exhausted: boolean;
    stoppedOnFailure: boolean;
    preemptionBound: number | null;
    depth: number | null;
    pctLength: number | null;
    distinct: number;
    shard: string | null;
    coveredPreemptions?: number | null;
    delayBound?: number | null;
  }): ExploreReport<T> {
    const outcomes: Record<string, number> = {};
    const sorted = [...this.histogram].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [k, count] of sorted) outcomes[k] = count;
    const report: ExploreReport<T> = {
      strategy: fields.strategy,
      seed: fields.seed,
      runs: this.runs,
      budget: fields.budget,
      failures: this.failures,
      firstFailure: this.first,
      outcomes,
      distinct: fields.distinct,
      complete: fields.complete,
      exhausted: fields.exhausted,
      noChoices: this.runs > 0 && !this.choicesSeen,
      stoppedOnFailure: fields.stoppedOnFailure,
      maxPreemptions: this.maxPreemptions,
      preemptionBound: fields.preemptionBound,
      pruned: this.pruned,
      depth: fields.depth,
      pctLength: fields.pctLength,
    };
    if (fields.strategy === 'exhaustive') {
      report.coveredPreemptions = fields.complete ? null : (fields.coveredPreemptions ?? null);
      if (fields.delayBound !== undefined && fields.delayBound !== null) report.delayBound = fields.delayBound;
    }
    if (fields.shard !== null) {
      report.shard = fields.shard;
      report.fingerprints = [...this.fingerprints].sort((a, b) => a - b).map((f) => f.toString(36));
    }
    return report;
  }
}
