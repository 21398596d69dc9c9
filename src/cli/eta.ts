/**
 * Estimates the time left of long work from a moving rate: an exponentially weighted average of
 * the rate measured over windows of at least `window` seconds, so one slow or fast stretch moves
 * the estimate a little instead of making it jump. The clock is injected (tests pass their own).
 */
export class Eta {
  #rate: number | null = null;
  #lastDone = 0;
  #lastAt: number;

  constructor(
    readonly now: () => number = Date.now,
    /** Seconds a rate sample spans at least. */
    readonly window = 0.5,
    /** Weight of the newest sample (0..1). */
    readonly weight = 0.3,
  ) {
    this.#lastAt = now();
  }

  /** Records progress; returns the estimate of seconds left, or null while there is no rate yet. */
  update(done: number, total: number): number | null {
    const at = this.now();
    const dt = (at - this.#lastAt) / 1000;
    if (dt >= this.window && done > this.#lastDone) {
      const rate = (done - this.#lastDone) / dt;
      this.#rate = this.#rate === null ? rate : this.weight * rate + (1 - this.weight) * this.#rate;
      this.#lastDone = done;
      this.#lastAt = at;
    }
    return this.#rate === null ? null : Math.max(0, (total - done) / this.#rate);
  }
}

/** `45s`, `2m05s`, `1h02m`; `…` when unknown. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '…';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
