import type { Worker } from 'node:worker_threads';
import { RuntimeError } from '../errors';
import type { WorkerMessage, WorkerReport, WorkerRuns, WorkerTask } from './explore-worker';
import { heartbeatBuffer, HeartbeatView, type StallSite } from './heartbeat';
import { stallMessage, Watchdog } from './watchdog';
import { workerPool } from './worker-pool';

/** The workers of one exploration, so that a stall in one ends them all. */
export type Crew = Set<Worker>;

/** What a worker says while it works: progress, and its first failing run. */
export type WorkerNews = Extract<WorkerMessage, { kind: 'progress' | 'failed' }>;

/**
 * Runs one task on a pooled worker under the watchdog (`seconds`, 0 for none) and resolves to
 * its answer. When the watchdog stops it, every worker of the crew is stopped and the task is
 * run again, stopped just before the step that hangs, so that the error names the thread and
 * the line where it last yielded.
 */
export async function spawn(
  task: WorkerTask,
  onNews: (m: WorkerNews) => void,
  crew: Crew,
  seconds: number,
): Promise<WorkerRuns | WorkerReport> {
  const outcome = await runWorker(task, onNews, crew, seconds);
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
export class StallError extends RuntimeError {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeError';
  }
}

/** A worker the watchdog stopped: its steps stopped at `beats` (a thread that never yields). */
class Stalled {
  constructor(
    readonly task: WorkerTask,
    readonly beats: number,
  ) {}
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
  onNews: (m: WorkerNews) => void,
  crew: Crew,
  seconds: number,
): Promise<WorkerRuns | WorkerReport | Stalled | Located> {
  const worker = workerPool.take();
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
      if (m.kind === 'ready') return;
      if (m.kind === 'progress' || m.kind === 'failed') onNews(m);
      else if (m.kind === 'located') {
        ended ??= new Located(m.site);
        void worker.terminate();
      } else if (ended === null) {
        settle();
        workerPool.give(worker);
        if (m.kind === 'error') reject(new RuntimeError(`exploreParallel: a worker failed: ${m.message}`));
        else resolve(m);
      }
    };
    worker.postMessage(task);
  });
}
