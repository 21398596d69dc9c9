import { runProgram } from '../../scheduler/run-program';
import type { ResolvedRunOptions } from '../../scheduler/options';
import { runSeed } from './sampling';

/** Every run below this index is a checkpoint; after it, only runs at powers of two are. */
export const PCT_DENSE_CHECKPOINTS = 16;

/** Whether run `k`'s length feeds the length that later runs draw their change points in. */
export function isCheckpoint(k: number): boolean {
  return k < PCT_DENSE_CHECKPOINTS || (k & (k - 1)) === 0;
}

/**
 * PCT's run length as the search goes: published PCT draws its change points within the
 * longest run it has seen, and a PCT run (which lets one thread run on) is often much longer than
 * the random runs that first measured it. Run k draws within the longest of the calibration and
 * of the checkpoint runs before k: runs 0 to 15, then 16, 32, 64, and so on. Only checkpoints
 * count so that any slice of the search (a shard, a worker) computes the same length for run k
 * as the whole search does: a slice remakes the few checkpoint runs that are not its own
 * (at most 16 + log2(runs)), so run k is still reproducible alone and reports still merge.
 */
export class PctLengths {
  readonly #main: () => Generator<unknown, unknown, never>;
  readonly #options: ResolvedRunOptions;
  readonly #seed: string;
  /** Steps of each checkpoint run, by index, as far as known. */
  readonly #steps = new Map<number, number>();
  /** The length for runs after the checkpoints up to `#upTo` (exclusive) are counted. */
  #longest: number;
  #upTo = 0;

  constructor(
    main: () => Generator<unknown, unknown, never>,
    options: ResolvedRunOptions,
    seed: string,
    calibrated: number,
  ) {
    this.#main = main;
    this.#options = { ...options, strategy: 'pct', trace: false, detectRaces: false };
    this.#seed = seed;
    this.#longest = calibrated;
  }

  /** The run length run `k` draws its change points in. */
  lengthFor(k: number): number {
    while (this.#upTo < k) {
      const c = this.#upTo;
      if (isCheckpoint(c)) this.#longest = Math.max(this.#longest, this.#steps.get(c) ?? this.#remake(c));
      this.#upTo++;
      // Between sparse checkpoints nothing changes: jump to the next one.
      if (this.#upTo >= PCT_DENSE_CHECKPOINTS && !isCheckpoint(this.#upTo)) {
        this.#upTo = Math.min(k, nextPowerOfTwo(this.#upTo));
      }
    }
    return this.#longest;
  }

  /** Run `k` was made (with `lengthFor(k)`) and took `steps`: saves remaking it. */
  seen(k: number, steps: number): void {
    if (isCheckpoint(k)) this.#steps.set(k, steps);
  }

  #remake(k: number): number {
    const options = { ...this.#options, seed: runSeed(this.#seed, k), pctLength: this.lengthFor(k) };
    return runProgram(this.#main, options).result.steps;
  }
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p <= n) p *= 2;
  return p;
}
