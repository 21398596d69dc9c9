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

/** Records one run; true asks the search to stop. */
type OnRun<T> = (k: number, execution: ProgramRun<T>) => boolean;

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
  options: ResolvedExploreOptions<T>,
  detector: (() => RaceDetector) | null,
  dpor: boolean,
  startedBefore: number,
): ExploreReport<T> {
  const builder = new ReportBuilder<T>();
  const found: FirstFound<T> = { failing: null };
  const onRun = runRecorder(builder, options, found);
  const end =
    options.strategy === 'exhaustive'
      ? searchEvery(main, options, builder, detector, onRun, { dpor, startedBefore })
      : searchSome(main, options, builder, detector, onRun);
  const failing = found.failing;
  if (failing !== null)
    builder.first = firstFailure(main, options, failing.k, failing.seed, failing.execution, failing.verdict, detector);
  return builder.finish({
    strategy: options.strategy,
    seed: options.run.seed,
    budget: options.runs,
    complete: end.complete,
    exhausted: end.exhausted,
    stoppedOnFailure: end.stopped,
    preemptionBound:
      options.strategy === 'exhaustive' && options.preemptionBound !== Infinity ? options.preemptionBound : null,
    depth: options.strategy === 'pct' ? options.run.depth : null,
    pctLength: end.pctLength,
    distinct: options.strategy !== 'exhaustive' ? builder.fingerprints.size : builder.runs,
    shard: options.shard === null ? null : `${options.shard.index}/${options.shard.count}`,
    coveredPreemptions: end.coveredPreemptions,
    delayBound: options.strategy === 'exhaustive' ? options.delayBound : null,
  });
}

/** The per-run bookkeeping: counts, outcomes, fingerprints, and the first failure, kept in `found`. */
function runRecorder<T>(builder: ReportBuilder<T>, options: ResolvedExploreOptions<T>, found: FirstFound<T>): OnRun<T> {
  const sampled = options.strategy !== 'exhaustive';
  const keys = new OutcomeKeys();
  return (k, execution) => {
    const result = execution.result;
    const choices = execution.choices ?? [];
    builder.runs++;
    if (choices.length > 0) builder.choicesSeen = true;
    if (result.preemptions > builder.maxPreemptions) builder.maxPreemptions = result.preemptions;
    builder.addOutcome(keys.of(result));
    if (sampled) builder.fingerprints.add(fingerprintChoices(choices));
    const verdict = judge(result, options.check);
    let stop = false;
    if (verdict !== null) {
      builder.failures++;
      // Run k of a random or PCT search ran with seed `seed:k`; made only for the first failure.
      found.failing ??= { k, seed: sampled ? runSeed(options.run.seed, k) : options.run.seed, execution, verdict };
      stop = options.stopOnFailure;
    }
    options.onProgress?.(builder.runs, options.runs);
    return stop;
  };
}

/** A random or PCT search: seeded runs `seed:k` over the budget (or this shard's slice of it). */
function searchSome<T>(
  main: MainFunction<T>,
  resolved: ResolvedExploreOptions<T>,
  builder: ReportBuilder<T>,
  detector: (() => RaceDetector) | null,
  onRun: OnRun<T>,
): SearchEnd {
  const seed = resolved.run.seed;
  let pctLength: number | null = null;
  const options = { ...resolved.run, strategy: resolved.strategy as 'random' | 'pct' };
  if (resolved.strategy === 'pct')
    options.pctLength = pctLength = resolved.pctLength ?? calibratePct(main, resolved.run, seed);
  const shard = resolved.shard;
  const stopped = searchSampled<T>({
    main,
    options,
    seed,
    budget: resolved.runs,
    first: shard === null ? 0 : shard.index - 1,
    step: shard === null ? 1 : shard.count,
    detector,
    pctLengths:
      resolved.strategy === 'pct' && resolved.pctLength === null
        ? new PctLengths(main, resolved.run, seed, options.pctLength)
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
  options: ResolvedExploreOptions<T>,
  builder: ReportBuilder<T>,
  detector: (() => RaceDetector) | null,
  onRun: OnRun<T>,
  how: { dpor: boolean; startedBefore: number },
): SearchEnd {
  const end = searchExhaustive<T>({
    main,
    options: { ...options.run, strategy: 'round-robin' },
    bound: options.delayBound ?? options.preemptionBound,
    delays: options.delayBound !== null,
    budget: options.runs,
    reduction: options.reduction,
    dpor: how.dpor,
    detector,
    onRun: (e) => onRun(builder.runs, e),
  });
  builder.pruned = end.pruned + how.startedBefore;
  const { complete, exhausted, stopped, coveredPreemptions } = end;
  return { complete, exhausted, stopped, pctLength: null, coveredPreemptions };
}
