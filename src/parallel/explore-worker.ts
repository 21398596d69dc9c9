import { parentPort, workerData } from 'node:worker_threads';
import { exploreResolved } from '../explore/explore';
import { type ExploreOptions, resolveExploreOptions } from '../explore/explore-options';
import { fingerprintChoices } from '../explore/search/hash';
import { loadProgramModule } from './load-module';
import { judge, OutcomeKeys } from '../explore/outcome';
import { VectorClockDetector } from '../scheduler/race-detector';
import type { ExploreReport } from '../explore/report';
import { PctLengths } from '../explore/search/pct-length';
import { searchSampled } from '../explore/search/sampling';
import { hookLibraryImports } from '../_internal/library-imports';
import { installStepWatch } from '../scheduler/step-watch';
import { Heartbeat, type StallSite } from './heartbeat';

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
  /** One Int32: the lowest failing run index any worker has seen (stopOnFailure). */
  stop: SharedArrayBuffer;
  /** Where this worker's steps beat for the watchdog (heartbeat.ts). */
  heartbeat: SharedArrayBuffer;
  /** In a watchdog's diagnostic re-run: the step count at which the first run stalled. */
  locateAt: number | null;
}

/** A worker's runs, in its own order (run first + step * i is entry i). */
export interface WorkerRuns {
  kind: 'runs';
  keys: string[];
  key: number[];
  failed: number[];
  fingerprint: number[];
  preemptions: number[];
  choices: number[];
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
  | { kind: 'error'; message: string }
  | { kind: 'ready' }
  | { kind: 'located'; site: StallSite };

const PROGRESS_EVERY = 64;

function work(task: WorkerTask): WorkerRuns | WorkerReport {
  if (task.locateAt !== null) process.setSourceMapsEnabled(true);
  installStepWatch(
    new Heartbeat(task.heartbeat, task.locateAt, (site) =>
      parentPort!.postMessage({ kind: 'located', site } satisfies WorkerMessage),
    ),
  );
  hookLibraryImports();
  const program = loadProgramModule(task.file);
  const o = resolveExploreOptions({ ...task.options, check: program.check ?? undefined });
  if (o.strategy === 'exhaustive') {
    return { kind: 'report', report: exploreResolved(program.main, { ...o, shrink: false, shard: shardOf(task) }) };
  }
  const stop = new Int32Array(task.stop);
  const out: WorkerRuns = {
    kind: 'runs',
    keys: [],
    key: [],
    failed: [],
    fingerprint: [],
    preemptions: [],
    choices: [],
  };
  const index = new Map<string, number>();
  const keys = new OutcomeKeys();
  const calibrated = task.pctCalibrated;
  searchSampled({
    main: program.main,
    options: {
      ...o.run,
      strategy: o.strategy as 'random' | 'pct',
      pctLength: o.pctLength ?? calibrated ?? o.run.pctLength,
    },
    pctLengths: calibrated === null ? null : new PctLengths(program.main, o.run, o.run.seed, calibrated),
    seed: o.run.seed,
    budget: o.runs,
    first: task.first,
    step: task.step,
    detector: o.run.detectRaces ? () => new VectorClockDetector() : null,
    stopAfter: o.stopOnFailure ? () => Atomics.load(stop, 0) : undefined,
    onRun: (k, e) => {
      const r = e.result;
      const key = keys.of(r);
      let i = index.get(key);
      if (i === undefined) index.set(key, (i = out.keys.push(key) - 1));
      const failed = judge(r, o.check) !== null;
      out.key.push(i);
      out.failed.push(failed ? 1 : 0);
      out.fingerprint.push(fingerprintChoices(e.choices ?? []));
      out.preemptions.push(r.preemptions);
      out.choices.push((e.choices?.length ?? 0) > 0 ? 1 : 0);
      if (out.key.length % PROGRESS_EVERY === 0)
        parentPort!.postMessage({ kind: 'progress', runs: PROGRESS_EVERY } satisfies WorkerMessage);
      if (failed && o.stopOnFailure) {
        // Lower the shared stop index to k if k is lower: runs after the first failure are not needed.
        for (let cur = Atomics.load(stop, 0); k < cur; cur = Atomics.load(stop, 0)) {
          if (Atomics.compareExchange(stop, 0, cur, k) === cur) break;
        }
        return true;
      }
      return false;
    },
  });
  return out;
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
    port.postMessage(message);
  });
}
