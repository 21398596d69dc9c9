import { TypeError } from '../errors';
import { isGeneratorFunction, notGeneratorReason } from '../_internal/generator-function';
import type { ProgramRun, RaceDetector } from '../scheduler/run-program';
import type { MainFunction } from '../scheduler/run';
import { DporUnsupported } from './search/dpor-strategy';
import { searchExhaustive } from './search/exhaustive';
import { type ExploreOptions, type ResolvedExploreOptions, resolveExploreOptions } from './explore-options';
import { firstFailure } from './shrink/first-failure';
import { fingerprintChoices } from './search/hash';
import { judge, OutcomeKeys, type Verdict } from './outcome';
import { VectorClockDetector } from '../scheduler/race-detector';
import { type ExploreReport, ReportBuilder } from './report';
import { PctLengths } from './search/pct-length';
import { calibratePct, runSeed, searchSampled } from './search/sampling';
import { shardBudget, TreeShard } from './search/tree-shard';

/**
 * Runs `main` under many schedules and reports what happened: how many runs failed the check,
 * the first failing schedule with a shrunk token that replays it, and a histogram of outcomes.
 * `'random'` and `'pct'` runs are seeded `seed:k`, so run k is reproducible alone;
 * `'exhaustive'` walks every schedule (up to reordering of independent steps) by preemption count.
 *
 * @example
 * const report = explore(main, { strategy: 'pct', runs: 500, check: (r) => r.value === 10 });
 * report.outcomes;            // { 'ok: value=10': 431, 'ok: value=9': 69 }
 * report.firstFailure?.shrunk; // replay(main, token) reruns the smallest failing schedule found
 */
export function explore<T>(main: MainFunction<T>, options?: ExploreOptions<T>): ExploreReport<T> {
  if (!isGeneratorFunction(main)) throw new TypeError(notGeneratorReason('explore(main, options): main', main));
  return exploreResolved(main, resolveExploreOptions(options));
}

/** One search's first failure before it is shrunk. */
interface Failing<T> {
  k: number;
  seed: string;
  execution: ProgramRun<T>;
  verdict: Verdict;
  /** For an exhaustive shard: where the run lies among the slices of the tree. */
  order: readonly number[];
}

/** How a search ended, in the report's terms. */
interface SearchEnd {
  complete: boolean;
  exhausted: boolean;
  stopped: boolean;
  pctLength: number | null;
  coveredPreemptions: number | null;
}

/** Where the run recorder keeps the search's first failure. */
interface FirstFound<T> {
  failing: Failing<T> | null;
}

/** Records one run (`order`: see `Failing`); true asks the search to stop. */
type OnRun<T> = (k: number, execution: ProgramRun<T>, order?: readonly number[]) => boolean;

/** `explore` with settled options (the parallel workers come in here too). */
export function exploreResolved<T>(main: MainFunction<T>, o: ResolvedExploreOptions<T>): ExploreReport<T> {
  const detector: (() => RaceDetector) | null = o.run.detectRaces ? () => new VectorClockDetector() : null;
  try {
    return exploreWith(main, o, detector, true, 0);
  } catch (e) {
    if (!(e instanceof DporUnsupported)) throw e;
    // Timeouts make time a choice, which the partial-order reduction does not model: start
    // again with the state cache, keeping the runs already started in the count.
    return exploreWith(main, o, detector, false, e.started);
  }
}

/** One search and its report; `dpor` picks the exhaustive search's reduction. */
function exploreWith<T>(
  main: MainFunction<T>,
  settings: ResolvedExploreOptions<T>,
  detector: (() => RaceDetector) | null,
  dpor: boolean,
  startedBefore: number,
): ExploreReport<T> {
  const builder = new ReportBuilder<T>();
  const found: FirstFound<T> = { failing: null };
  const onRun = runRecorder(builder, settings, found);
  const end =
    settings.strategy === 'exhaustive'
      ? searchEvery(main, settings, builder, detector, onRun, { dpor, startedBefore })
      : searchSome(main, settings, builder, detector, onRun);
  const failing = found.failing;
  if (failing !== null)
    builder.first = firstFailure(main, settings, failing.k, failing.seed, failing.execution, failing.verdict, detector);
  const report = builder.finish({
    strategy: settings.strategy,
    seed: settings.run.seed,
    budget: settings.runs,
    complete: end.complete,
    exhausted: end.exhausted,
    stoppedOnFailure: end.stopped,
    preemptionBound:
      settings.strategy === 'exhaustive' && settings.preemptionBound !== Infinity ? settings.preemptionBound : null,
    depth: settings.strategy === 'pct' ? settings.run.depth : null,
    pctLength: end.pctLength,
    distinct: settings.strategy !== 'exhaustive' ? builder.fingerprints.size : builder.runs,
    shard: settings.shard === null ? null : `${settings.shard.index}/${settings.shard.count}`,
    coveredPreemptions: end.coveredPreemptions,
    delayBound: settings.strategy === 'exhaustive' ? settings.delayBound : null,
  });
  // A merge of exhaustive shards keeps the first failure of the lowest slice.
  if (settings.shard !== null && settings.strategy === 'exhaustive' && failing !== null)
    report.firstFailureOrder = [...failing.order];
  return report;
}

/** The per-run bookkeeping: counts, outcomes, fingerprints, and the first failure, kept in `found`. */
function runRecorder<T>(
  builder: ReportBuilder<T>,
  settings: ResolvedExploreOptions<T>,
  found: FirstFound<T>,
): OnRun<T> {
  const sampled = settings.strategy !== 'exhaustive';
  const keys = new OutcomeKeys();
  return (k, execution, order = []) => {
    const result = execution.result;
    const choices = execution.choices ?? [];
    builder.runs++;
    if (choices.length > 0) builder.choicesSeen = true;
    if (result.preemptions > builder.maxPreemptions) builder.maxPreemptions = result.preemptions;
    builder.addOutcome(keys.of(result));
    if (sampled) builder.fingerprints.add(fingerprintChoices(choices));
    const verdict = judge(result, settings.check);
    let stop = false;
    if (verdict !== null) {
      builder.failures++;
      // Run k of a random or PCT search ran with seed `seed:k`; made only for the first failure.
      found.failing ??= {
        k,
        seed: sampled ? runSeed(settings.run.seed, k) : settings.run.seed,
        execution,
        verdict,
        order,
      };
      stop = settings.stopOnFailure;
    }
    settings.onProgress?.(builder.runs, settings.runs);
    return stop;
  };
}

/** A random or PCT search: seeded runs `seed:k` over the budget (or this shard's slice of it). */
function searchSome<T>(
  main: MainFunction<T>,
  settings: ResolvedExploreOptions<T>,
  builder: ReportBuilder<T>,
  detector: (() => RaceDetector) | null,
  onRun: OnRun<T>,
): SearchEnd {
  const seed = settings.run.seed;
  let pctLength: number | null = null;
  const options = { ...settings.run, strategy: settings.strategy as 'random' | 'pct' };
  if (settings.strategy === 'pct')
    options.pctLength = pctLength = settings.pctLength ?? calibratePct(main, settings.run, seed);
  const shard = settings.shard;
  const stopped = searchSampled<T>({
    main,
    options,
    seed,
    budget: settings.runs,
    first: shard === null ? 0 : shard.index - 1,
    step: shard === null ? 1 : shard.count,
    detector,
    pctLengths:
      settings.strategy === 'pct' && settings.pctLength === null
        ? new PctLengths(main, settings.run, seed, options.pctLength)
        : null,
    onRun,
  });
  // One possible schedule, and it was run: that is the whole space.
  const complete = builder.runs > 0 && !builder.choicesSeen;
  return { complete, exhausted: !stopped && !complete, stopped, pctLength, coveredPreemptions: null };
}

/** An exhaustive search: every schedule up to the bound, by preemption (or delay) count. */
function searchEvery<T>(
  main: MainFunction<T>,
  settings: ResolvedExploreOptions<T>,
  builder: ReportBuilder<T>,
  detector: (() => RaceDetector) | null,
  onRun: OnRun<T>,
  how: { dpor: boolean; startedBefore: number },
): SearchEnd {
  const end = searchExhaustive<T>({
    main,
    options: { ...settings.run, strategy: 'round-robin' },
    bound: settings.delayBound ?? settings.preemptionBound,
    delays: settings.delayBound !== null,
    budget:
      settings.shard === null ? settings.runs : shardBudget(settings.runs, settings.shard.index, settings.shard.count),
    reduction: settings.reduction,
    dpor: how.dpor,
    detector,
    onRun: (e, order) => onRun(builder.runs, e, order),
    shard: settings.shard === null ? null : new TreeShard(settings.shard.index, settings.shard.count),
  });
  builder.pruned = end.pruned + how.startedBefore;
  const { complete, exhausted, stopped, coveredPreemptions } = end;
  return { complete, exhausted, stopped, pctLength: null, coveredPreemptions };
}
