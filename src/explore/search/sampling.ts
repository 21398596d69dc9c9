import { runProgram, type RunProgramConfig, type ProgramRun, type RaceDetector } from '../../scheduler/run-program';
import type { ResolvedRunOptions } from '../../scheduler/options';
import type { PctLengths } from './pct-length';

/** The seed of run `k` of a random or PCT search seeded `seed`: `run(main, { seed: runSeed(s, k), ... })` remakes it alone. */
export function runSeed(seed: string, k: number): string {
  return `${seed}:${k}`;
}

/** How many random runs measure the run length for PCT's change points. */
export const PCT_CALIBRATION_RUNS = 4;

/**
 * PCT draws its d - 1 change points within the run's length, which it cannot know in advance:
 * start from the longest of a few random runs made before the search (seeds `seed:calibrate:j`);
 * `PctLengths` then grows it to the longest run the search has seen.
 */
export function calibratePct<T>(
  main: () => Generator<unknown, T, never>,
  options: ResolvedRunOptions,
  seed: string,
): number {
  const probe: ResolvedRunOptions = { ...options, strategy: 'random', trace: false, detectRaces: false };
  let longest = 1;
  for (let j = 0; j < PCT_CALIBRATION_RUNS; j++) {
    probe.seed = `${seed}:calibrate:${j}`;
    longest = Math.max(longest, runProgram(main, probe).result.steps);
  }
  return longest;
}

/** Runs of a random or PCT search: indices `first, first + step, ...` below `budget`. */
export interface SampledSearch<T> {
  main: () => Generator<unknown, T, never>;
  /** Options with `strategy` (and for PCT `pctLength`) set; `seed` is overwritten per run. */
  options: ResolvedRunOptions;
  seed: string;
  budget: number;
  first: number;
  step: number;
  detector: (() => RaceDetector) | null;
  /** PCT's growing run length (null: random, or a length the caller fixed). */
  pctLengths?: PctLengths | null;
  /** Another worker's first failure: runs after it need not be made (stopOnFailure). */
  stopAfter?: () => number;
  /** Sees each run in order; returning true stops the search. */
  onRun: (k: number, execution: ProgramRun<T>) => boolean;
}

/** Makes the runs of a slice of a random or PCT search; true when `onRun` stopped it. */
export function searchSampled<T>(search: SampledSearch<T>): boolean {
  const options = search.options;
  // One config for every run (a fresh race detector each, when there is one).
  const config: RunProgramConfig = { record: true, lazySchedule: true };
  for (let k = search.first; k < search.budget; k += search.step) {
    if (search.stopAfter !== undefined && k > search.stopAfter()) return false;
    options.seed = runSeed(search.seed, k);
    if (search.detector !== null) config.detector = search.detector();
    const lengths = search.pctLengths ?? null;
    if (lengths !== null) options.pctLength = lengths.lengthFor(k);
    const execution = runProgram(search.main, options, config);
    if (lengths !== null) lengths.seen(k, execution.result.steps);
    if (search.onRun(k, execution)) return true;
  }
  return false;
}
