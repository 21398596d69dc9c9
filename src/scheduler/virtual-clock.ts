/**
 * Virtual time. It advances by a fixed amount per tick and jumps forward to the next timer when
 * nothing can run; it never goes back. Time is kept as `base + ticks * stepTime` rather than a
 * running sum, so a million ticks do not accumulate rounding error.
 */
export class VirtualClock {
  #base = 0;
  #ticks = 0;
  readonly #stepTime: number;

  constructor(stepTime: number) {
    this.#stepTime = stepTime;
  }

  /** Virtual seconds now. */
  now(): number {
    return this.#ticks === 0 ? this.#base : this.#base + this.#ticks * this.#stepTime;
  }

  /** What `now()` will be after the next tick (the end of the step running now). */
  afterTick(): number {
    return this.#base + (this.#ticks + 1) * this.#stepTime;
  }

  /** One tick of running code. */
  tick(): void {
    this.#ticks++;
  }

  /** Jumps to `t`, which must not be in the past. */
  jumpTo(t: number): void {
    const now = this.now();
    if (t < now) throw new Error(`internal: the virtual clock cannot go back from ${now} to ${t}`);
    this.#base = t;
    this.#ticks = 0;
  }
}
