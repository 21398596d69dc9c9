import type { FirstFailure } from '../explore/report';

/** A shrunk first failure, or what shrinking it threw. */
type Shrunk<T> = { run: number; failure: FirstFailure<T> } | { run: number; error: unknown };

/**
 * Shrinks a parallel search's first failure while the workers still run. Each worker says at
 * once which of its runs failed first (its runs go in increasing order); once every worker has
 * said so or finished without a failure, the lowest of those runs is the search's first failure,
 * whatever the workers find later. Shrinking it then, in the coordinating thread that would
 * otherwise wait, takes it off the end of the search.
 */
export class EarlyFirstFailure<T> {
  /** Per worker: its first failing run, Infinity when it finished without one, NaN while unknown. */
  readonly #first: number[];
  #shrunk: Shrunk<T> | null = null;

  constructor(
    workers: number,
    readonly shrink: (run: number) => FirstFailure<T>,
  ) {
    this.#first = new Array<number>(workers).fill(Number.NaN);
  }

  /** Worker `w` failed first at `run`. */
  failed(w: number, run: number): void {
    if (Number.isNaN(this.#first[w]!)) this.#first[w] = run;
    this.#shrinkWhenKnown();
  }

  /** Worker `w` answered (after its `failed`, if it had one). */
  finished(w: number): void {
    if (Number.isNaN(this.#first[w]!)) this.#first[w] = Number.POSITIVE_INFINITY;
    this.#shrinkWhenKnown();
  }

  /** The shrunk failure of `run`: the one made early when it is that run, else made now. */
  get(run: number): FirstFailure<T> {
    const s = this.#shrunk;
    if (s === null || s.run !== run) return this.shrink(run);
    if ('error' in s) throw s.error;
    return s.failure;
  }

  #shrinkWhenKnown(): void {
    if (this.#shrunk !== null || this.#first.some(Number.isNaN)) return;
    const run = Math.min(...this.#first);
    if (run === Number.POSITIVE_INFINITY) return;
    try {
      this.#shrunk = { run, failure: this.shrink(run) };
    } catch (error) {
      // Called from a worker's message: the error belongs to the search's promise, not to the event loop.
      this.#shrunk = { run, error };
    }
  }
}
