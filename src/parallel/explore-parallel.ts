import type { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { RuntimeError, ValueError } from '../errors';
import { runProgram } from '../scheduler/run-program';
import { ChoiceStrategy } from '../scheduler/strategies/choice';
import { type ExploreOptions, type ResolvedExploreOptions, resolveExploreOptions } from '../explore/explore-options';
import { firstFailure } from '../explore/shrink/first-failure';
import { judge } from '../explore/outcome';
import { VectorClockDetector } from '../scheduler/race-detector';
import { ReplayChooser } from '../explore/replay';
import { type ExploreReport, ReportBuilder } from '../explore/report';
import { PctLengths } from '../explore/search/pct-length';
import { calibratePct, runSeed } from '../explore/search/sampling';
import { decodeToken } from '../scheduler/schedule-token';
import type { WorkerMessage, WorkerReport, WorkerRuns, WorkerTask } from './explore-worker';
import { loadProgramModule, modulePath, type ProgramModule } from './load-module';
import { hookLibraryImports } from '../_internal/library-imports';
import { exploreResolved } from '../explore/explore';
import { mergeReports } from '../explore/merge-reports';
import type { MainFunction } from '../scheduler/run';
import { WorkerPool } from './worker-pool';
import { heartbeatBuffer, HeartbeatView, type StallSite } from './heartbeat';
import { DEFAULT_WATCHDOG_SECONDS, stallMessage, Watchdog } from './watchdog';

/** Options of `exploreParallel`: those of `explore` (the check comes from the module), plus `workers`. */
export interface ParallelExploreOptions extends Omit<ExploreOptions, 'check'> {
  /** Worker threads to use. Default: the machine's available parallelism. */
  workers?: number;
  /**
   * Default true: when the search is too short to pay for starting the workers it needs (timed
   * on a few runs against a worker's measured start-up), it runs in this thread instead; the
   * report is the same. False always uses workers.
   */
  breakEven?: boolean;
  /**
   * Seconds a worker's run may go without finishing a step (a thread body looping without
   * `yield`) before every worker is stopped and the promise rejects naming the thread and the
   * line where it last yielded. Default 5; 0 turns the watchdog off.
   */
  watchdog?: number;
}

/**
 * `explore` spread over worker threads, each loading the program from `module` (a file whose
 * default export is main, and whose `check` export, if any, is the property). The report equals
 * that of `explore(main, { ...options, check })`: random and PCT runs are dealt out by index
 * and put back in order, and the first failure is replayed and shrunk here. An exhaustive search
 * gives each worker a shard of its tree (`shard: 'i/n'`) and merges their reports as `mergeReports` does.
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
  const { workers: asked, breakEven, watchdog, rest } = parallelOptions(options);
  // The program's primitives must meet this copy's runs, here as in the workers.
  hookLibraryImports();
  const program = loadProgramModule(file);
  const o = resolveExploreOptions<T>({
    ...(rest as ExploreOptions<T>),
    check: (program.check ?? undefined) as ExploreOptions<T>['check'],
  });
  const count = Math.max(1, Math.min(asked ?? availableParallelism(), o.runs));
  const main = program.main as MainFunction<T>;
  // A run in this thread cannot be stopped by the watchdog, so the in-thread shortcut needs it off.
  const inThread =
    o.strategy !== 'exhaustive' && breakEven !== false && watchdog === 0 && cheaperInThread(main, o, count);
  if (inThread) return exploreResolved(main, o);
  const { onProgress: _progress, ...plain } = rest;
  const taskOptions: ExploreOptions = { ...plain };
  let pctLength: number | null = null;
  if (o.strategy === 'pct') pctLength = o.pctLength ?? calibratePct(program.main, o.run, o.run.seed);
  const pctCalibrated = o.strategy === 'pct' && o.pctLength === null ? pctLength : null;

  const stop = new SharedArrayBuffer(4);
  new Int32Array(stop)[0] = 0x7fffffff;
  let progress = 0;
  const onMessage = (m: WorkerMessage): void => {
    if (m.kind === 'progress' && o.onProgress !== null) o.onProgress((progress += m.runs), o.runs);
  };
  const crew: Crew = new Set();
  const settled = await Promise.allSettled(
    Array.from({ length: count }, (_, j) =>
      spawn(
        {
          file,
          options: taskOptions,
          pctCalibrated,
          first: j,
          step: count,
          stop,
          heartbeat: heartbeatBuffer(),
          locateAt: null,
        },
        onMessage,
        crew,
        watchdog,
      ),
    ),
  );
  const failed = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  // A stall stops every worker: its report, not the stopped workers' missing results, is the error.
  if (failed.length > 0) throw failed.find((e) => e instanceof StallError) ?? failed[0];
  const results = settled.map((s) => (s as PromiseFulfilledResult<WorkerRuns | WorkerReport>).value);
  const report =
    o.strategy === 'exhaustive'
      ? finishExhaustive(program, o, mergeShards(results as WorkerReport[]) as ExploreReport<T>)
      : assemble(program, o, results as WorkerRuns[], pctLength);
  o.onProgress?.(report.runs, o.runs);
  return report;
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
  resolveExploreOptions(rest);
  return { workers, breakEven, watchdog, rest };
}

/** Puts the workers' runs back in index order and builds the report `explore` would have. */
function assemble<T>(
  program: ProgramModule,
  o: ResolvedExploreOptions<T>,
  parts: WorkerRuns[],
  pctLength: number | null,
): ExploreReport<T> {
  const b = new ReportBuilder<T>();
  const step = parts.length;
  let failing = -1;
  for (let k = 0; k < o.runs; k++) {
    const part = parts[k % step]!;
    const i = Math.floor(k / step);
    if (i >= part.key.length) break;
    b.runs++;
    if (part.choices[i] === 1) b.choicesSeen = true;
    b.maxPreemptions = Math.max(b.maxPreemptions, part.preemptions[i]!);
    b.addOutcome(part.keys[part.key[i]!]!);
    b.fingerprints.add(part.fingerprint[i]!);
    if (part.failed[i] === 1) {
      b.failures++;
      if (failing < 0) failing = k;
      if (o.stopOnFailure) break;
    }
  }
  const stopped = o.stopOnFailure && failing >= 0;
  if (failing >= 0) {
    const seed = runSeed(o.run.seed, failing);
    // PCT's length for this run, as the worker that made it computed it.
    const grows = o.strategy === 'pct' && o.pctLength === null;
    const grown = grows ? new PctLengths(program.main, o.run, o.run.seed, pctLength!).lengthFor(failing) : null;
    const strategy = o.strategy as 'random' | 'pct';
    const options = { ...o.run, seed, strategy, pctLength: grown ?? pctLength ?? o.run.pctLength };
    const detector = o.run.detectRaces ? () => new VectorClockDetector() : null;
    const execution = runProgram(program.main as () => Generator<unknown, T, never>, options, {
      record: true,
      detector: detector?.(),
    });
    const verdict = judge(execution.result, o.check);
    if (verdict === null)
      throw new RuntimeError(
        `exploreParallel: run ${failing} failed in its worker but not when run again here; is the program deterministic?`,
      );
    b.first = firstFailure(
      program.main as () => Generator<unknown, T, never>,
      o,
      failing,
      seed,
      execution,
      verdict,
      detector,
    );
  }
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

/** One worker's exhaustive report, or the merge of the shards the workers ran. */
function mergeShards(results: WorkerReport[]): ExploreReport {
  return results.length === 1 ? results[0]!.report : mergeReports(results.map((r) => r.report));
}

/** The worker's exhaustive report, with its first failure replayed and shrunk here. */
function finishExhaustive<T>(
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

/** The workers kept between calls (see WorkerPool). */
const POOL = new WorkerPool();

/** Ends the idle workers `exploreParallel` keeps between calls (they never keep the process alive). */
export function closeWorkerPool(): Promise<void> {
  return POOL.close();
}

/** Until a worker has been started and timed: what starting one is taken to cost, in milliseconds. */
const ASSUMED_STARTUP_MS = 80;
/** Runs timed in this thread to estimate the cost of one. */
const PROBE_RUNS = 32;

/**
 * The break-even: true when the search is short enough that starting the workers it lacks would
 * cost more than the time they save. It times a few runs here (outside any run, so the wall
 * clock is allowed) against the last measured start-up of a worker.
 */
function cheaperInThread<T>(main: MainFunction<T>, o: ResolvedExploreOptions<T>, count: number): boolean {
  if (count <= 1) return true;
  const missing = Math.max(0, count - POOL.warm);
  if (missing === 0) return false;
  const probe = Math.min(o.runs, PROBE_RUNS);
  const t0 = performance.now();
  exploreResolved(main, { ...o, runs: probe, shard: null, shrink: false, stopOnFailure: false, onProgress: null });
  const perRun = (performance.now() - t0) / probe;
  const saved = perRun * o.runs * (1 - 1 / count);
  return saved <= (POOL.startupMs ?? ASSUMED_STARTUP_MS);
}

/** A worker the watchdog stopped: its steps stopped at `beats` (a thread that never yields). */
class Stalled {
  constructor(
    readonly task: WorkerTask,
    readonly beats: number,
  ) {}
}

/** The workers of one exploration, so that a stall in one ends them all. */
type Crew = Set<Worker>;

async function spawn(
  task: WorkerTask,
  onMessage: (m: WorkerMessage) => void,
  crew: Crew,
  seconds: number,
): Promise<WorkerRuns | WorkerReport> {
  const outcome = await runWorker(task, onMessage, crew, seconds);
  if (outcome instanceof Located)
    throw new RuntimeError('exploreParallel: a worker reported a stall it was not asked to find');
  if (!(outcome instanceof Stalled)) return outcome;
  for (const w of crew) void w.terminate();
  // Deterministic: the same task again, stopped just before the step that hangs, tells where.
  const again = await runWorker(
    { ...outcome.task, heartbeat: heartbeatBuffer(), locateAt: outcome.beats },
    () => undefined,
    new Set(),
    Math.max(seconds, 10) * 2,
  );
  const site = again instanceof Located ? again.site : null;
  throw new StallError(`exploreParallel stopped a worker: ${stallMessage(seconds, site).trimEnd()}`);
}

/** The watchdog's report (a RuntimeError, as the public error classes have no class of their own for it). */
class StallError extends RuntimeError {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeError';
  }
}

/** What a diagnostic re-run reports. */
class Located {
  constructor(readonly site: StallSite) {}
}

/** The watchdog over a task's heartbeat, started; null when it is off (0 seconds). */
function watchdogFor(task: WorkerTask, seconds: number, onStall: (beats: number) => void): Watchdog | null {
  return seconds > 0 ? new Watchdog(new HeartbeatView(task.heartbeat), seconds, onStall).start() : null;
}

/**
 * Runs one task on a pooled worker under the watchdog. A worker that answered goes back to the
 * pool; one the watchdog stopped, or that found where a stall happens, is ended (its run cannot
 * be resumed) and leaves the pool.
 */
function runWorker(
  task: WorkerTask,
  onMessage: (m: WorkerMessage) => void,
  crew: Crew,
  seconds: number,
): Promise<WorkerRuns | WorkerReport | Stalled | Located> {
  const { worker, fresh } = POOL.take();
  const started = performance.now();
  crew.add(worker);
  return new Promise((resolve, reject) => {
    let ended: Stalled | Located | null = null;
    const dog = watchdogFor(task, seconds, (beats) => {
      ended ??= new Stalled(task, beats);
      void worker.terminate();
    });
    const settle = (): void => {
      dog?.stop();
      crew.delete(worker);
      worker.off('exit', onExit);
    };
    const onExit = (code: number): void => {
      settle();
      if (ended !== null) resolve(ended);
      else reject(new RuntimeError(`exploreParallel: a worker exited (code ${code}) without a result`));
    };
    worker.once('exit', onExit);
    worker.on('error', (e) => {
      settle();
      reject(e);
    });
    worker.on('message', (m: WorkerMessage) => onWorkerMessage(m));
    const onWorkerMessage = (m: WorkerMessage): void => {
      if (m.kind === 'ready') {
        if (fresh) POOL.startupMs = performance.now() - started;
      } else if (m.kind === 'progress') onMessage(m);
      else if (m.kind === 'located') {
        ended ??= new Located(m.site);
        void worker.terminate();
      } else if (ended === null) {
        settle();
        POOL.give(worker);
        if (m.kind === 'error') reject(new RuntimeError(`exploreParallel: a worker failed: ${m.message}`));
        else resolve(m);
      }
    };
    worker.postMessage(task);
  });
}
