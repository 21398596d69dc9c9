import { parentPort, workerData } from 'node:worker_threads';
import { exploreResolved } from '../explore/explore';
import { type ExploreOptions, type ResolvedExploreOptions, resolveExploreOptions } from '../explore/explore-options';
import { fingerprintChoices } from '../explore/search/hash';
import { loadProgramModule, type ProgramModule } from './load-module';
import { judge, OutcomeKeys } from '../explore/outcome';
import { VectorClockDetector } from '../scheduler/race-detector';
import type { ProgramRun } from '../scheduler/run-program';
import type { ExploreReport } from '../explore/report';
import { PctLengths } from '../explore/search/pct-length';
import { type SampledSearch, searchSampled } from '../explore/search/sampling';
import { hookLibraryImports } from '../_internal/library-imports';
import { type CompiledProgram, reuseCompiledPrograms } from '../_internal/program-hooks';
import { installStepWatch } from '../scheduler/step-watch';
import { Heartbeat, type StallSite } from './heartbeat';
import { RunLog } from './run-log';

/** What the coordinator hands a worker. */
export interface WorkerTask {
  file: string;
  /** Plain explore options (no functions). */
  options: ExploreOptions;
  /** PCT's calibrated starting length (measured once by the coordinator), or null. */
  pctCalibrated: number | null;
  /** This worker makes runs first, first + step, ... */
  first: number;
  step: number;
  /** Whether to report progress (only when the caller watches it: each report is a message). */
  progress: boolean;
  /** One Int32: the lowest failing run index any worker has seen (stopOnFailure). */
  stop: SharedArrayBuffer;
  /** Where this worker's steps beat for the watchdog (heartbeat.ts). */
  heartbeat: SharedArrayBuffer;
  /** In a watchdog's diagnostic re-run: the step count at which the first run stalled. */
  locateAt: number | null;
  /** The program files as the coordinator compiled them (reused when unchanged: no transpiler to load). */
  compiled: [string, CompiledProgram][];
}

/** A worker's runs, in its own order (run first + step * i is entry i): see RunLog. */
export interface WorkerRuns {
  kind: 'runs';
  keys: string[];
  records: Float64Array;
}

/** The exhaustive search, or this worker's shard of it (its first failure not yet shrunk). */
export interface WorkerReport {
  kind: 'report';
  report: ExploreReport;
}

export type WorkerMessage =
  | WorkerRuns
  | WorkerReport
  | { kind: 'progress'; runs: number }
  /** This worker's first failing run (sent at once, so the coordinator can shrink while the rest run). */
  | { kind: 'failed'; run: number }
  | { kind: 'error'; message: string }
  | { kind: 'ready' }
  | { kind: 'located'; site: StallSite };

const PROGRESS_EVERY = 64;

function post(message: WorkerMessage): void {
  parentPort!.postMessage(message);
}

/** One task: the worker's slice of a random or PCT search, or a whole exhaustive search. */
function work(task: WorkerTask): WorkerRuns | WorkerReport {
  const program = prepare(task);
  const o = resolveExploreOptions({ ...task.options, check: program.check ?? undefined });
  if (o.strategy === 'exhaustive') {
    return { kind: 'report', report: exploreResolved(program.main, { ...o, shrink: false, shard: shardOf(task) }) };
  }
  const log = new RunLog();
  searchSampled({ ...sampledSearch(program, o, task), onRun: runRecorder(o, task, log) });
  return { kind: 'runs', keys: log.keys, records: log.finish() };
}

/** The heartbeat installed and the program loaded, as a task needs them. */
function prepare(task: WorkerTask): ProgramModule {
  if (task.locateAt !== null) process.setSourceMapsEnabled(true);
  installStepWatch(new Heartbeat(task.heartbeat, task.locateAt, (site) => post({ kind: 'located', site })));
  hookLibraryImports();
  reuseCompiledPrograms(task.compiled);
  return loadProgramModule(task.file);
}

/** This worker's slice of the search (without its per-run callback). */
function sampledSearch(
  program: ProgramModule,
  settings: ResolvedExploreOptions,
  task: WorkerTask,
): Omit<SampledSearch<unknown>, 'onRun'> {
  const calibrated = task.pctCalibrated;
  const stop = new Int32Array(task.stop);
  return {
    main: program.main,
    options: {
      ...settings.run,
      strategy: settings.strategy as 'random' | 'pct',
      pctLength: settings.pctLength ?? calibrated ?? settings.run.pctLength,
    },
    pctLengths: calibrated === null ? null : new PctLengths(program.main, settings.run, settings.run.seed, calibrated),
    seed: settings.run.seed,
    budget: settings.runs,
    first: task.first,
    step: task.step,
    detector: settings.run.detectRaces ? () => new VectorClockDetector() : null,
    stopAfter: settings.stopOnFailure ? () => Atomics.load(stop, 0) : undefined,
  };
}

/** Logs each run; reports progress and this worker's first failure; true stops the search. */
function runRecorder(settings: ResolvedExploreOptions, task: WorkerTask, log: RunLog) {
  const keys = new OutcomeKeys();
  const stop = new Int32Array(task.stop);
  let failedYet = false;
  return (k: number, e: ProgramRun<unknown>): boolean => {
    const r = e.result;
    const failed = judge(r, settings.check) !== null;
    const choices = e.choices ?? [];
    log.add(keys.of(r), fingerprintChoices(choices), r.preemptions, failed, choices.length > 0);
    if (task.progress && log.length % PROGRESS_EVERY === 0) post({ kind: 'progress', runs: PROGRESS_EVERY });
    if (!failed) return false;
    if (!failedYet) post({ kind: 'failed', run: k });
    failedYet = true;
    if (!settings.stopOnFailure) return false;
    lowerStop(stop, k);
    return true;
  };
}

/** Lowers the shared stop index to k if k is lower: runs after the first failure are not needed. */
function lowerStop(stop: Int32Array, k: number): void {
  for (let cur = Atomics.load(stop, 0); k < cur; cur = Atomics.load(stop, 0)) {
    if (Atomics.compareExchange(stop, 0, cur, k) === cur) break;
  }
}

/** The worker's shard of an exhaustive search: the j-th of the workers, each one slice of the tree. */
function shardOf(task: WorkerTask): { index: number; count: number } | null {
  return task.step > 1 ? { index: task.first + 1, count: task.step } : null;
}

// A pooled worker answers one task per message and stays for the next.
if (
  parentPort !== null &&
  workerData !== null &&
  typeof workerData === 'object' &&
  (workerData as { pooled?: boolean }).pooled === true
) {
  const port = parentPort;
  port.postMessage({ kind: 'ready' } satisfies WorkerMessage);
  port.on('message', (task: WorkerTask) => {
    let message: WorkerMessage;
    try {
      message = work(task);
    } catch (e) {
      message = { kind: 'error', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
    // The run log's buffer moves to the coordinator instead of being copied.
    port.postMessage(message, message.kind === 'runs' ? [message.records.buffer as ArrayBuffer] : []);
  });
}
