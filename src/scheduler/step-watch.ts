import type { ThreadRecord } from './thread-record';

/**
 * An observer of the step loop for a watchdog in another thread (the CLI's, exploreParallel's):
 * JavaScript cannot interrupt a thread body that loops without `yield`, so a watcher outside
 * sees that steps stopped starting and ends the worker.
 *
 * It belongs to the JavaScript thread that hosts runs, not to one run: a worker that runs a whole
 * command (every run of an exploration, a replay, a step session) installs one before starting,
 * and every Runtime made afterwards in that thread reports to it. With none installed the step
 * loop pays one null check per step.
 */
export interface StepWatch {
  /** A run's step loop starts. */
  runStarted(): void;
  /** `thread` is about to run one step (its generator is resumed next). */
  step(thread: ThreadRecord): void;
  /** A run's step loop has ended. */
  runEnded(): void;
}

let installed: StepWatch | null = null;

/** Installs (or, with null, removes) the watch of this JavaScript thread's runs. */
export function installStepWatch(watch: StepWatch | null): void {
  installed = watch;
}

/** The watch installed in this JavaScript thread, or null. */
export function currentStepWatch(): StepWatch | null {
  return installed;
}
