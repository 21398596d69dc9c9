import { ValueError } from '../errors';
import { type ExploreReport, ReportBuilder } from './report';
import { compareOrder } from './search/tree-shard';

/** The fields every shard of one search has alike. */
const SAME = ['strategy', 'seed', 'budget', 'depth', 'pctLength', 'preemptionBound', 'delayBound'] as const;

/**
 * Combines the reports of the n shards of one search (`shard: '1/n'` ... `'n/n'`, same seed,
 * strategy and options) into the report of the whole search: runs, failures and histogram add
 * up. For random and PCT shards the merge equals the whole search's report: the first failure
 * is the one of the lowest run, and `distinct` counts the union of the shards' schedules. For
 * exhaustive shards (disjoint slices of the search tree) the merge is complete only when every
 * shard is, and keeps the first failure of the slice the whole search reaches first; docs/exhaustive.md
 * says which fields equal the unsharded search's. Reports read back from JSON work too. With
 * `stopOnFailure` each shard stops at its own first failure, so the counts are those of the runs made.
 *
 * @example
 * const parts = [1, 2, 3].map((i) => explore(main, { runs: 3000, shard: `${i}/3` }));
 * const whole = mergeReports(parts); // equals explore(main, { runs: 3000 })
 */
export function mergeReports<T>(reports: readonly ExploreReport<T>[]): ExploreReport<T> {
  if (!Array.isArray(reports) || reports.length === 0)
    throw new ValueError('mergeReports needs a non-empty array of shard reports');
  checkShards(reports);
  const builder = new ReportBuilder<T>();
  for (const r of reports) {
    builder.runs += r.runs;
    builder.failures += r.failures;
    builder.maxPreemptions = Math.max(builder.maxPreemptions, r.maxPreemptions);
    builder.pruned += r.pruned;
    if (r.runs > 0 && !r.noChoices) builder.choicesSeen = true;
    for (const [k, n] of Object.entries(r.outcomes)) builder.addOutcome(k, n as number);
  }
  const first = reports[0]!;
  const stopped = reports.some((r) => r.stoppedOnFailure);
  const exhaustive = first.strategy === 'exhaustive';
  const firstFailing: ExploreReport<T> | undefined = exhaustive ? firstOfSlices(reports) : firstOfRuns(reports);
  builder.first = firstFailing?.firstFailure ?? null;
  const complete = exhaustive ? reports.every((r) => r.complete) : builder.runs > 0 && !builder.choicesSeen;
  return builder.finish({
    strategy: first.strategy,
    seed: first.seed,
    budget: first.budget,
    complete,
    exhausted: exhaustive ? reports.some((r) => r.exhausted) : !stopped && !complete,
    stoppedOnFailure: stopped,
    preemptionBound: first.preemptionBound,
    depth: first.depth,
    pctLength: first.pctLength,
    distinct: exhaustive ? builder.runs : new Set(reports.flatMap((r) => r.fingerprints!)).size,
    shard: null,
    coveredPreemptions: exhaustive ? coveredByAll(reports) : null,
    delayBound: first.delayBound ?? null,
  });
}

/** Refuses reports that are not all n shards of one search, naming what is wrong. */
function checkShards(reports: readonly ExploreReport[]): void {
  const first = reports[0]!;
  const count = shardOf(first, 0).count;
  const seen = new Set<number>();
  reports.forEach((r, i) => {
    const s = shardOf(r, i);
    if (s.count !== count)
      throw new ValueError(`report ${i + 1} is shard ${r.shard} but report 1 is one of ${count} shards`);
    if (seen.has(s.index)) throw new ValueError(`shard ${r.shard} appears twice`);
    seen.add(s.index);
    for (const key of SAME) {
      if ((r[key] ?? null) !== (first[key] ?? null)) {
        throw new ValueError(
          `report ${i + 1} has ${key} ${JSON.stringify(r[key])} but report 1 has ${key} ${JSON.stringify(first[key])}: the shards are not of one search`,
        );
      }
    }
  });
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0)
    throw new ValueError(
      `shards ${missing.map((i) => `${i}/${count}`).join(', ')} are missing; merge all ${count} shards`,
    );
}

/** Random and PCT shards: the failing run of the lowest index. */
function firstOfRuns<T>(reports: readonly ExploreReport<T>[]): ExploreReport<T> | undefined {
  const failing = reports.filter((r) => r.firstFailure !== null);
  return failing.sort((a, b) => a.firstFailure!.run - b.firstFailure!.run)[0];
}

/** Exhaustive shards: the failure of the slice the whole search reaches first. */
function firstOfSlices<T>(reports: readonly ExploreReport<T>[]): ExploreReport<T> | undefined {
  const failing = reports.filter((r) => r.firstFailure !== null);
  return failing.sort((a, b) => compareOrder(a.firstFailureOrder ?? [], b.firstFailureOrder ?? []))[0];
}

/** The preemption levels every shard finished (null: a shard's search does not go by levels). */
function coveredByAll(reports: readonly ExploreReport[]): number | null {
  let covered = Infinity;
  for (const r of reports) {
    if (r.complete) continue;
    if (r.coveredPreemptions === null || r.coveredPreemptions === undefined) return null;
    covered = Math.min(covered, r.coveredPreemptions);
  }
  return covered === Infinity ? null : covered;
}

function shardOf(r: ExploreReport, i: number): { index: number; count: number } {
  const m = typeof r?.shard === 'string' ? /^(\d+)\/(\d+)$/.exec(r.shard) : null;
  if (m === null || !Array.isArray(r.fingerprints)) {
    throw new ValueError(`report ${i + 1} is not a shard's report (run explore with shard: 'i/n' to make one)`);
  }
  return { index: Number(m[1]), count: Number(m[2]) };
}
