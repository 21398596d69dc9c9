import { availableParallelism } from 'node:os';
import { ValueError } from '../errors';
import { type ExploreOptions, type ResolvedExploreOptions, resolveExploreOptions } from '../explore/explore-options';
import type { ExploreReport } from '../explore/report';
import { calibratePct } from '../explore/search/sampling';
export type { ParallelExploreOptions } from '../types';
import type { ParallelExploreOptions } from '../types';
import type { WorkerReport, WorkerRuns, WorkerTask } from './explore-worker';
import { loadProgramModule, modulePath, type ProgramModule } from './load-module';
import { hookLibraryImports } from '../_internal/library-imports';
import { compiledPrograms } from '../_internal/program-hooks';
import { exploreResolved } from '../explore/explore';
import { mergeReports } from '../explore/merge-reports';
import type { MainFunction } from '../scheduler/run';
import { workerPool } from './worker-pool';
import { heartbeatBuffer } from './heartbeat';
import { DEFAULT_WATCHDOG_SECONDS } from './watchdog';
import { staysInThread, surelyInWorkers } from './break-even';
import { assemble, finishExhaustive, shrinkRun } from './assemble';
import { EarlyFirstFailure } from './early-first-failure';
import { RunRecords } from './run-log';
import { type Crew, spawn, StallError, type WorkerNews } from './worker-run';

/**
 * `explore` spread over worker threads, each loading the program from `module` (a file whose
 * default export is main, and whose `check` export, if any, is the property). The report equals
 * that of `explore(main, { ...options, check })`: random and PCT runs are dealt out by index
 * and put back in order, and the first failure is replayed and shrunk here (while the workers
 * still run, once it is known). An exhaustive search gives each worker a shard of its tree
 * (`shard: 'i/n'`) and merges their reports as `mergeReports` does. Workers are kept in a pool for the next call; a search too short to pay for
 * starting them runs in this thread (see `breakEven`).
 *
 * This is the library's only asynchronous code: it coordinates threads outside any run; every
 * run inside a worker is as synchronous and deterministic as with `explore`.
 *
 * @example
 * const report = await exploreParallel('./counter.js', { runs: 100_000, workers: 4 });
 */
export async function exploreParallel<T = unknown>(
  module: string,
  options?: ParallelExploreOptions,
): Promise<ExploreReport<T>> {
  const file = modulePath(module);
  const { workers, breakEven, watchdog, rest, resolved } = parallelOptions(options);
  const count = workerCount(resolved, workers);
  // Workers it will use whatever a probe says start now, while this thread loads the program.
  if (surelyInWorkers(resolved.strategy, count, watchdog, breakEven)) workerPool.prestart(count);
  // The program's primitives must meet this copy's runs, here as in the workers.
  hookLibraryImports();
  const program = loadProgramModule(file);
  const settings = resolveExploreOptions<T>({
    ...(rest as ExploreOptions<T>),
    check: (program.check ?? undefined) as ExploreOptions<T>['check'],
  });
  const main = program.main as MainFunction<T>;
  if (staysInThread(main, settings, count, watchdog, breakEven)) return exploreResolved(main, settings);
  const { onProgress: _progress, ...plain } = rest;
  const job: Job<T> = { file, program, o: settings, plain, watchdog };
  const report =
    settings.strategy === 'exhaustive' ? await exhaustiveInWorkers(job, count) : await sampledInWorkers(job, count);
  settings.onProgress?.(report.runs, settings.runs);
  return report;
}

/** Workers a search uses: at most one a run (an exhaustive search: one shard each). */
function workerCount(o: ResolvedExploreOptions, asked: number | undefined): number {
  return Math.max(1, Math.min(asked ?? availableParallelism(), o.runs));
}

/** One exploration handed to workers. */
interface Job<T> {
  file: string;
  program: ProgramModule;
  o: ResolvedExploreOptions<T>;
  /** The options as given, without functions (they cannot be sent to a worker). */
  plain: ExploreOptions;
  watchdog: number;
}

/** A random or PCT search dealt out to `count` workers by run index, its report assembled here. */
async function sampledInWorkers<T>(job: Job<T>, count: number): Promise<ExploreReport<T>> {
  const { program, o } = job;
  const pctLength = o.strategy === 'pct' ? (o.pctLength ?? calibratePct(program.main, o.run, o.run.seed)) : null;
  const pctCalibrated = o.pctLength === null ? pctLength : null;
  const early = new EarlyFirstFailure<T>(count, (k) => shrinkRun(program, o, k, pctLength));
  const stop = stopIndex();
  const tasks = Array.from({ length: count }, (_, w) => taskFor(job, w, count, stop, pctCalibrated));
  let progress = 0;
  const onNews = (w: number, m: WorkerNews): void => {
    if (m.kind === 'failed') early.failed(w, m.run);
    else o.onProgress?.((progress += m.runs), o.runs);
  };
  const results = (await runCrew(tasks, job.watchdog, onNews, (w) => early.finished(w))) as WorkerRuns[];
  const parts = results.map((r) => new RunRecords(r.keys, r.records));
  return assemble(o, parts, pctLength, (k) => early.get(k));
}

/** An exhaustive search, one shard of its tree a worker, merged; its first failure shrunk here. */
async function exhaustiveInWorkers<T>(job: Job<T>, count: number): Promise<ExploreReport<T>> {
  const stop = stopIndex();
  const tasks = Array.from({ length: count }, (_, w) => taskFor(job, w, count, stop, null));
  const results = (await runCrew(tasks, job.watchdog, () => undefined)) as WorkerReport[];
  const merged = results.length === 1 ? results[0]!.report : mergeReports(results.map((r) => r.report));
  return finishExhaustive(job.program, job.o, merged as ExploreReport<T>);
}

/** The task of the worker that makes runs `first`, `first + step`, ... */
function taskFor<T>(
  job: Job<T>,
  first: number,
  step: number,
  stop: SharedArrayBuffer,
  pctCalibrated: number | null,
): WorkerTask {
  const progress = job.o.onProgress !== null;
  return {
    file: job.file,
    options: job.plain,
    pctCalibrated,
    first,
    step,
    progress,
    stop,
    heartbeat: heartbeatBuffer(),
    locateAt: null,
    compiled: compiledPrograms(),
  };
}

/** The shared stop index of stopOnFailure: no failure yet. */
function stopIndex(): SharedArrayBuffer {
  const stop = new SharedArrayBuffer(4);
  new Int32Array(stop)[0] = 0x7fffffff;
  return stop;
}

/**
 * Runs the tasks, one a worker, all at once. A stall stops every worker, and its report, not
 * the stopped workers' missing results, is the error.
 */
async function runCrew(
  tasks: WorkerTask[],
  seconds: number,
  onNews: (w: number, m: WorkerNews) => void,
  onDone: (w: number) => void = () => undefined,
): Promise<(WorkerRuns | WorkerReport)[]> {
  const crew: Crew = new Set();
  const settled = await Promise.allSettled(
    tasks.map(async (task, w) => {
      const result = await spawn(task, (m) => onNews(w, m), crew, seconds);
      onDone(w);
      return result;
    }),
  );
  const failed = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  if (failed.length > 0) throw failed.find((e) => e instanceof StallError) ?? failed[0];
  return settled.map((s) => (s as PromiseFulfilledResult<WorkerRuns | WorkerReport>).value);
}

/** `exploreParallel`'s own options checked, apart from the rest (checked as `explore`'s). */
function parallelOptions(options: ParallelExploreOptions | undefined) {
  if (options !== undefined && (typeof options !== 'object' || options === null))
    throw new ValueError('exploreParallel options must be an object');
  const {
    workers,
    breakEven,
    watchdog = DEFAULT_WATCHDOG_SECONDS,
    ...rest
  } = (options ?? {}) as ParallelExploreOptions;
  if (!(typeof watchdog === 'number' && Number.isFinite(watchdog) && watchdog >= 0)) {
    throw new ValueError(
      `option 'watchdog' must be a number of seconds >= 0 (0 turns it off), got ${String(watchdog)}`,
    );
  }
  if ((rest as { check?: unknown }).check !== undefined) {
    throw new ValueError(
      `exploreParallel takes the check from the module ('export function check(result)'): a function cannot be sent to worker threads`,
    );
  }
  if (workers !== undefined && !(typeof workers === 'number' && Number.isInteger(workers) && workers >= 1)) {
    throw new ValueError(`option 'workers' must be an integer >= 1, got ${String(workers)}`);
  }
  return { workers, breakEven, watchdog, rest, resolved: resolveExploreOptions(rest) };
}

/** Ends the idle workers `exploreParallel` keeps between calls (they never keep the process alive). */
export function closeWorkerPool(): Promise<void> {
  return workerPool.close();
}
