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
  o: ResolvedExploreOptions<T>,
  parts: readonly RunRecords[],
  pctLength: number | null,
  shrunk: (run: number) => FirstFailure<T>,
): ExploreReport<T> {
  const b = new ReportBuilder<T>();
  const failing = countRuns(b, o, parts);
  if (failing >= 0) b.first = shrunk(failing);
  const stopped = o.stopOnFailure && failing >= 0;
  const complete = b.runs > 0 && !b.choicesSeen;
  return b.finish({
    strategy: o.strategy,
    seed: o.run.seed,
    budget: o.runs,
    complete,
    exhausted: !stopped && !complete,
    stoppedOnFailure: stopped,
    preemptionBound: null,
    depth: o.strategy === 'pct' ? o.run.depth : null,
    pctLength,
    distinct: b.fingerprints.size,
    shard: null,
  });
}

/**
 * Adds the runs up in index order (run k is entry k / workers of part k mod workers), up to the
 * first failure with stopOnFailure; returns the first failing run, or -1.
 */
function countRuns<T>(b: ReportBuilder<T>, o: ResolvedExploreOptions<T>, parts: readonly RunRecords[]): number {
  const step = parts.length;
  let failing = -1;
  for (let k = 0; k < o.runs; k++) {
    const part = parts[k % step]!;
    const i = Math.floor(k / step);
    // A worker told to stop (another found an earlier failure) made no runs after it.
    if (i >= part.length) break;
    b.runs++;
    if (part.choices(i)) b.choicesSeen = true;
    b.maxPreemptions = Math.max(b.maxPreemptions, part.preemptions(i));
    b.addOutcome(part.key(i));
    b.fingerprints.add(part.fingerprint(i));
    if (part.failed(i)) {
      b.failures++;
      if (failing < 0) failing = k;
      if (o.stopOnFailure) break;
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
  o: ResolvedExploreOptions<T>,
  k: number,
  pctLength: number | null,
): FirstFailure<T> {
  const main = program.main as () => Generator<unknown, T, never>;
  const seed = runSeed(o.run.seed, k);
  // PCT's length for this run, as the worker that made it computed it.
  const grows = o.strategy === 'pct' && o.pctLength === null;
  const grown = grows ? new PctLengths(main, o.run, o.run.seed, pctLength!).lengthFor(k) : null;
  const strategy = o.strategy as 'random' | 'pct';
  const options = { ...o.run, seed, strategy, pctLength: grown ?? pctLength ?? o.run.pctLength };
  const detector = o.run.detectRaces ? () => new VectorClockDetector() : null;
  const execution = runProgram(main, options, { record: true, detector: detector?.() });
  const verdict = judge(execution.result, o.check);
  if (verdict === null)
    throw new RuntimeError(
      `exploreParallel: run ${k} failed in its worker but not when run again here; is the program deterministic?`,
    );
  return firstFailure(main, o, k, seed, execution, verdict, detector);
}

/** The worker's exhaustive report, with its first failure replayed and shrunk here. */
export function finishExhaustive<T>(
  program: ProgramModule,
  o: ResolvedExploreOptions<T>,
  report: ExploreReport<T>,
): ExploreReport<T> {
  const f = report.firstFailure;
  if (f === null) return report;
  const main = program.main as () => Generator<unknown, T, never>;
  const spec = decodeToken(f.schedule);
  const detector = o.run.detectRaces ? () => new VectorClockDetector() : null;
  const execution = runProgram(
    main,
    { ...o.run, strategy: 'round-robin' },
    { strategy: new ChoiceStrategy(new ReplayChooser(spec.choices ?? [])), detector: detector?.() },
  );
  const verdict = judge(execution.result, o.check);
  if (verdict === null)
    throw new RuntimeError(
      'exploreParallel: the failing schedule did not fail when replayed here; is the program deterministic?',
    );
  return { ...report, firstFailure: firstFailure(main, o, f.run, o.run.seed, execution, verdict, detector) };
}
