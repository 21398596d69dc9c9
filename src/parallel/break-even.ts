import { exploreResolved } from '../explore/explore';
import {
  type ExploreOptions,
  type ExploreStrategyName,
  type ResolvedExploreOptions,
  resolveExploreOptions,
} from '../explore/explore-options';
import type { MainFunction } from '../scheduler/run';
import { currentStepWatch } from '../scheduler/step-watch';
import { hookLibraryImports } from '../_internal/library-imports';
import { loadProgramModule, modulePath } from './load-module';
import { workerPool } from './worker-pool';

/** Until a worker has been started and timed: what starting one is taken to cost, in milliseconds. */
export const ASSUMED_STARTUP_MS = 80;
/** Runs timed in this thread to estimate the cost of one. */
export const PROBE_RUNS = 32;

/** What the break-even weighs, and the budget below which a search stays in this thread. */
export interface BreakEven {
  /** A worker's start-up: the last one measured, or ASSUMED_STARTUP_MS. */
  startupMs: number;
  /** One run of the program in this thread, timed on the probe runs. */
  perRunMs: number;
  /** Budgets up to this many runs stay in this thread (with every worker still to start). */
  runs: number;
}

/**
 * Whether `exploreParallel` runs the search in this thread: only when `breakEven` is not false,
 * when a run that never yields cannot go unnoticed here (the watchdog is off, or this thread's
 * steps are already watched from outside, as in the `interleave` command's worker), and when the
 * search is too short to pay for starting the workers the pool lacks (cheaperInThread).
 */
export function staysInThread<T>(
  main: MainFunction<T>,
  o: ResolvedExploreOptions<T>,
  count: number,
  watchdog: number,
  breakEven: boolean | undefined,
): boolean {
  return !surelyInWorkers(o.strategy, count, watchdog, breakEven) && cheaperInThread(main, o, count);
}

/**
 * True when the search goes to workers whatever a probe would say: an exhaustive search,
 * `breakEven: false`, the watchdog on in a thread nothing else watches, or every worker it needs
 * already warm. Known before the program is loaded, so those workers can start at once.
 */
export function surelyInWorkers(
  strategy: ExploreStrategyName,
  count: number,
  watchdog: number,
  breakEven: boolean | undefined,
): boolean {
  // Nothing here could stop a thread body that loops without yielding: only a watched thread may run it.
  const unwatched = watchdog > 0 && currentStepWatch() === null;
  return strategy === 'exhaustive' || breakEven === false || unwatched || (count > 1 && workerPool.warm >= count);
}

/**
 * True when the search is short enough that starting the workers it lacks would cost more than
 * the time they save: `perRun × runs × (1 − 1/workers) ≤ start-up`. It times a few runs here
 * (outside any run, so the wall clock is allowed) against the last measured start-up of a worker.
 */
function cheaperInThread<T>(main: MainFunction<T>, o: ResolvedExploreOptions<T>, count: number): boolean {
  if (count <= 1) return true;
  const saved = probeRunMs(main, o) * o.runs * (1 - 1 / count);
  return saved <= startupMs();
}

function startupMs(): number {
  return workerPool.startupMs ?? ASSUMED_STARTUP_MS;
}

/** Milliseconds a run of the search takes in this thread, timed on its first PROBE_RUNS runs. */
function probeRunMs<T>(main: MainFunction<T>, o: ResolvedExploreOptions<T>): number {
  const probe = Math.min(o.runs, PROBE_RUNS);
  const t0 = performance.now();
  exploreResolved(main, { ...o, runs: probe, shard: null, shrink: false, stopOnFailure: false, onProgress: null });
  return (performance.now() - t0) / probe;
}

/**
 * The break-even `exploreParallel` would weigh now for the program in `module` (its check taken
 * from the module) with `workers` workers none of which is warm: for the bench and the docs.
 */
export function breakEvenEstimate(module: string, options: ExploreOptions & { workers: number }): BreakEven {
  const { workers, ...rest } = options;
  hookLibraryImports();
  const program = loadProgramModule(modulePath(module));
  const o = resolveExploreOptions({ ...rest, check: program.check ?? undefined });
  const perRunMs = probeRunMs(program.main, { ...o, runs: PROBE_RUNS });
  const startup = startupMs();
  return { startupMs: startup, perRunMs, runs: Math.floor(startup / (perRunMs * (1 - 1 / workers))) };
}
