import { ValueError } from '../errors';
import { type ExploreReport, ReportBuilder } from './report';

/**
 * Combines the reports of the n shards of one search (`shard: '1/n'` ... `'n/n'`, same seed,
 * strategy and options) into the report the whole search would have made: runs, failures and
 * histogram add up, the first failure is the one of the lowest run, and `distinct` counts the
 * union of the shards' schedules. Reports read back from JSON work too. With `stopOnFailure`
 * each shard stops at its own first failure, so the counts are those of the runs made.
 *
 * @example
 * const parts = [1, 2, 3].map((i) => explore(main, { runs: 3000, shard: `${i}/3` }));
 * const whole = mergeReports(parts); // equals explore(main, { runs: 3000 })
 */
export function mergeReports<T>(reports: readonly ExploreReport<T>[]): ExploreReport<T> {
  if (!Array.isArray(reports) || reports.length === 0)
    throw new ValueError('mergeReports needs a non-empty array of shard reports');
  const first = reports[0]!;
  const count = shardOf(first, 0).count;
  const seen = new Set<number>();
  reports.forEach((r, i) => {
    const s = shardOf(r, i);
    if (s.count !== count)
      throw new ValueError(`report ${i + 1} is shard ${r.shard} but report 1 is one of ${count} shards`);
    if (seen.has(s.index)) throw new ValueError(`shard ${r.shard} appears twice`);
    seen.add(s.index);
    for (const key of ['strategy', 'seed', 'budget', 'depth', 'pctLength'] as const) {
      if (r[key] !== first[key]) {
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

  const b = new ReportBuilder<T>();
  const union = new Set<string>();
  let stopped = false;
  for (const r of reports) {
    b.runs += r.runs;
    b.failures += r.failures;
    b.maxPreemptions = Math.max(b.maxPreemptions, r.maxPreemptions);
    b.pruned += r.pruned;
    if (r.runs > 0 && !r.noChoices) b.choicesSeen = true;
    if (r.firstFailure !== null && (b.first === null || r.firstFailure.run < b.first.run)) b.first = r.firstFailure;
    for (const [k, n] of Object.entries(r.outcomes)) b.addOutcome(k, n as number);
    for (const f of r.fingerprints!) union.add(f);
    stopped ||= r.stoppedOnFailure;
  }
  const complete = b.runs > 0 && !b.choicesSeen;
  return b.finish({
    strategy: first.strategy,
    seed: first.seed,
    budget: first.budget,
    complete,
    exhausted: !stopped && !complete,
    stoppedOnFailure: stopped,
    preemptionBound: first.preemptionBound,
    depth: first.depth,
    pctLength: first.pctLength,
    distinct: union.size,
    shard: null,
  });
}

function shardOf(r: ExploreReport, i: number): { index: number; count: number } {
  const m = typeof r?.shard === 'string' ? /^(\d+)\/(\d+)$/.exec(r.shard) : null;
  if (m === null || !Array.isArray(r.fingerprints)) {
    throw new ValueError(`report ${i + 1} is not a shard's report (run explore with shard: 'i/n' to make one)`);
  }
  return { index: Number(m[1]), count: Number(m[2]) };
}
