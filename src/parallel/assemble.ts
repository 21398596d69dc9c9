import { RuntimeError } from '../errors';
import { runProgram } from '../scheduler/run-program';
import { ChoiceStrategy } from '../scheduler/strategies/choice';
import type { ResolvedExploreOptions } from '../explore/explore-options';
import { firstFailure } from '../explore/shrink/first-failure';
import { judge } from '../explore/outcome';
import { VectorClockDetector } from '../scheduler/race-detector';
import { ReplayChooser } from '../explore/replay';
import { type ExploreReport, type FirstFailure, ReportBuilder } from '../explore/report';
import { PctLengths } from '../explore/search/pct-length';
import { runSeed } from '../explore/search/sampling';
import { decodeToken } from '../scheduler/schedule-token';
import type { ProgramModule } from './load-module';
import type { RunRecords } from './run-log';

/**
 * Puts the workers' runs back in index order and builds the report `explore` would have made;
 * `shrunk` gives the first failure, replayed and shrunk here (see EarlyFirstFailure).
 */
export function assemble<T>(
  settings: ResolvedExploreOptions<T>,
  parts: readonly RunRecords[],
  pctLength: number | null,
  shrunk: (run: number) => FirstFailure<T>,
): ExploreReport<T> {
  const builder = new ReportBuilder<T>();
  const failing = countRuns(builder, settings, parts);
  if (failing >= 0) builder.first = shrunk(failing);
  const stopped = settings.stopOnFailure && failing >= 0;
  const complete = builder.runs > 0 && !builder.choicesSeen;
  return builder.finish({
    strategy: settings.strategy,
    seed: settings.run.seed,
    budget: settings.runs,
    complete,
    exhausted: !stopped && !complete,
    stoppedOnFailure: stopped,
    preemptionBound: null,
    depth: settings.strategy === 'pct' ? settings.run.depth : null,
    pctLength,
    distinct: builder.fingerprints.size,
    shard: null,
  });
}

/**
 * Adds the runs up in index order (run k is entry k / workers of part k mod workers), up to the
 * first failure with stopOnFailure; returns the first failing run, or -1.
 */
function countRuns<T>(
  builder: ReportBuilder<T>,
  settings: ResolvedExploreOptions<T>,
  parts: readonly RunRecords[],
): number {
  const step = parts.length;
  let failing = -1;
  for (let k = 0; k < settings.runs; k++) {
    const part = parts[k % step]!;
    const i = Math.floor(k / step);
    // A worker told to stop (another found an earlier failure) made no runs after it.
    if (i >= part.length) break;
    builder.runs++;
    if (part.choices(i)) builder.choicesSeen = true;
    builder.maxPreemptions = Math.max(builder.maxPreemptions, part.preemptions(i));
    builder.addOutcome(part.key(i));
    builder.fingerprints.add(part.fingerprint(i));
    if (part.failed(i)) {
      builder.failures++;
      if (failing < 0) failing = k;
      if (settings.stopOnFailure) break;
    }
  }
  return failing;
}

/**
 * Run `k` of a random or PCT search made again here, and its failure shrunk, as `explore`
 * reports it. `pctLength` is the calibrated start of PCT's length (null for random).
 */
export function shrinkRun<T>(
  program: ProgramModule,
  settings: ResolvedExploreOptions<T>,
  k: number,
  pctLength: number | null,
): FirstFailure<T> {
  const main = program.main as () => Generator<unknown, T, never>;
  const seed = runSeed(settings.run.seed, k);
  // PCT's length for this run, as the worker that made it computed it.
  const grows = settings.strategy === 'pct' && settings.pctLength === null;
  const grown = grows ? new PctLengths(main, settings.run, settings.run.seed, pctLength!).lengthFor(k) : null;
  const strategy = settings.strategy as 'random' | 'pct';
  const options = { ...settings.run, seed, strategy, pctLength: grown ?? pctLength ?? settings.run.pctLength };
  const detector = settings.run.detectRaces ? () => new VectorClockDetector() : null;
  const execution = runProgram(main, options, { record: true, detector: detector?.() });
  const verdict = judge(execution.result, settings.check);
  if (verdict === null)
    throw new RuntimeError(
      `exploreParallel: run ${k} failed in its worker but not when run again here; is the program deterministic?`,
    );
  return firstFailure(main, settings, k, seed, execution, verdict, detector);
}

/** The worker's exhaustive report, with its first failure replayed and shrunk here. */
export function finishExhaustive<T>(
  program: ProgramModule,
  settings: ResolvedExploreOptions<T>,
  report: ExploreReport<T>,
): ExploreReport<T> {
  const failure = report.firstFailure;
  if (failure === null) return report;
  const main = program.main as () => Generator<unknown, T, never>;
  const spec = decodeToken(failure.schedule);
  const detector = settings.run.detectRaces ? () => new VectorClockDetector() : null;
  const execution = runProgram(
    main,
    { ...settings.run, strategy: 'round-robin' },
    { strategy: new ChoiceStrategy(new ReplayChooser(spec.choices ?? [])), detector: detector?.() },
  );
  const verdict = judge(execution.result, settings.check);
  if (verdict === null)
    throw new RuntimeError(
      'exploreParallel: the failing schedule did not fail when replayed here; is the program deterministic?',
    );
  return {
    ...report,
    firstFailure: firstFailure(main, settings, failure.run, settings.run.seed, execution, verdict, detector),
  };
}
