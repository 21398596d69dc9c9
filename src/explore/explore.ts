import { TypeError } from '../errors';
import { isGeneratorFunction, notGeneratorReason } from '../_internal/generator-function';
import type { Execution, RaceDetector } from '../scheduler/execute';
import type { MainFunction } from '../scheduler/run';
import { DporUnsupported } from './dpor-strategy';
import { type ExhaustiveEnd, searchExhaustive } from './exhaustive';
import { type ExploreOptions, type ResolvedExploreOptions, resolveExploreOptions } from './explore-options';
import { firstFailure } from './first-failure';
import { fingerprintChoices } from './hash';
import { judge, OutcomeKeys, type Verdict } from './outcome';
import { VectorClockDetector } from '../scheduler/race-detector';
import { type ExploreReport, ReportBuilder } from './report';
import { PctLengths } from './pct-length';
import { calibratePct, runSeed, searchSampled } from './sampling';

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
  execution: Execution<T>;
  verdict: Verdict;
}

/** `explore` with settled options (the parallel workers come in here too). */
export function exploreResolved<T>(main: MainFunction<T>, o: ResolvedExploreOptions<T>): ExploreReport<T> {
  const detector: (() => RaceDetector) | null = o.run.detectRaces ? () => new VectorClockDetector() : null;
  let b = new ReportBuilder<T>();
  let failing: Failing<T> | null = null;
  const seed = o.run.seed;
  const budget = o.runs;
  const sampled = o.strategy !== 'exhaustive';

  let keys = new OutcomeKeys();
  const onRun = (k: number, execution: Execution<T>): boolean => {
    const r = execution.result;
    const choices = execution.choices ?? [];
    b.runs++;
    if (choices.length > 0) b.choicesSeen = true;
    if (r.preemptions > b.maxPreemptions) b.maxPreemptions = r.preemptions;
    b.addOutcome(keys.of(r));
    if (sampled) b.fingerprints.add(fingerprintChoices(choices));
    const verdict = judge(r, o.check);
    let stop = false;
    if (verdict !== null) {
      b.failures++;
      // Run k of a random or PCT search ran with seed `seed:k`; made only for the first failure.
      failing ??= { k, seed: sampled ? runSeed(seed, k) : seed, execution, verdict };
      stop = o.stopOnFailure;
    }
    o.onProgress?.(b.runs, budget);
    return stop;
  };

  let complete: boolean;
  let exhausted: boolean;
  let stopped: boolean;
  let pctLength: number | null = null;
  let coveredPreemptions: number | null = null;
  if (sampled) {
    const options = { ...o.run, strategy: o.strategy as 'random' | 'pct' };
    if (o.strategy === 'pct') options.pctLength = pctLength = o.pctLength ?? calibratePct(main, o.run, seed);
    const shard = o.shard;
    stopped = searchSampled<T>({
      main,
      options,
      seed,
      budget,
      first: shard === null ? 0 : shard.index - 1,
      step: shard === null ? 1 : shard.count,
      detector,
      pctLengths: o.strategy === 'pct' && o.pctLength === null ? new PctLengths(main, o.run, seed, options.pctLength) : null,
      onRun,
    });
    // One possible schedule, and it was run: that is the whole space.
    complete = b.runs > 0 && !b.choicesSeen;
    exhausted = !stopped && !complete;
  } else {
    const search = {
      main,
      options: { ...o.run, strategy: 'round-robin' as const },
      bound: o.delayBound ?? o.preemptionBound,
      delays: o.delayBound !== null,
      budget,
      reduction: o.reduction,
      dpor: true,
      detector,
      onRun: (e: Execution<T>) => onRun(b.runs, e),
    };
    let end: ExhaustiveEnd;
    let before = 0;
    try {
      end = searchExhaustive<T>(search);
    } catch (e) {
      if (!(e instanceof DporUnsupported)) throw e;
      // Timeouts make time a choice, which the partial-order reduction does not model: start
      // again with the state cache, keeping the runs already started in the count.
      before = e.started;
      b = new ReportBuilder<T>();
      keys = new OutcomeKeys();
      failing = null;
      end = searchExhaustive<T>({ ...search, dpor: false });
    }
    b.pruned = end.pruned + before;
    complete = end.complete;
    exhausted = end.exhausted;
    stopped = end.stopped;
    coveredPreemptions = end.coveredPreemptions;
  }
  const f = failing as Failing<T> | null;
  if (f !== null) b.first = firstFailure(main, o, f.k, f.seed, f.execution, f.verdict, detector);
  return b.finish({
    strategy: o.strategy,
    seed,
    budget,
    complete,
    exhausted,
    stoppedOnFailure: stopped,
    preemptionBound: o.strategy === 'exhaustive' && o.preemptionBound !== Infinity ? o.preemptionBound : null,
    depth: o.strategy === 'pct' ? o.run.depth : null,
    pctLength,
    distinct: sampled ? b.fingerprints.size : b.runs,
    shard: o.shard === null ? null : `${o.shard.index}/${o.shard.count}`,
    coveredPreemptions,
    delayBound: o.strategy === 'exhaustive' ? o.delayBound : null,
  });
}
