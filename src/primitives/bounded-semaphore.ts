import { ValueError } from '../errors';
import type { PrimitiveOptions } from '../_internal/run-bound';
import { checkReleaseCount, Semaphore } from './semaphore';

/**
 * A semaphore that may not be released above its initial value (Python's
 * `threading.BoundedSemaphore`). An over-release is almost always a bug, so it raises
 * ValueError and changes nothing: for `release(n)`, no unit is given back at all.
 *
 * @example
 * const slots = new BoundedSemaphore(3, { name: 'slots' });
 * yield* slots.acquire();
 * slots.release();
 * slots.release(); // ValueError: Semaphore released too many times
 */
export class BoundedSemaphore extends Semaphore {
  protected static override readonly kind: string = 'BoundedSemaphore';
  readonly #initial: number;

  constructor(value = 1, options?: PrimitiveOptions) {
    super(value, options);
    this.#initial = value;
  }

  /** Like `Semaphore.release`, but raises ValueError when the value would exceed the initial one. */
  override release(n = 1): void {
    this.rt('release');
    checkReleaseCount(n);
    // A unit freed for a woken waiter that has not run yet is still free, as in CPython.
    const given = this.value;
    if (given + n > this.#initial) {
      throw new ValueError(
        `Semaphore released too many times: BoundedSemaphore '${this.name}' has ${given} of ${this.#initial} units given back, so release(${n}) would go above its initial value. Release only what you acquired.`,
      );
    }
    super.release(n);
  }

  /** `<BoundedSemaphore 'slots' value=2/3>`, like Python's repr. */
  override toString(): string {
    return `<BoundedSemaphore '${this.name}' value=${this.value}/${this.#initial}>`;
  }
}
