import type { ThreadRecord } from '../thread-record';
import { ReadySet } from './ready-set';
import type { Rng, Strategy } from './strategy';

/** At each decision point, any runnable thread (the current one included) with equal chance. */
export class RandomStrategy implements Strategy {
  readonly #ready = new ReadySet();
  readonly #rng: Rng;

  constructor(rng: Rng) {
    this.#rng = rng;
  }

  get size(): number {
    return this.#ready.size;
  }

  add(t: ThreadRecord): void {
    this.#ready.add(t);
  }

  /** A timeout and a step at the same instant: either goes first, with equal chance. */
  timerFirst(): boolean {
    return this.#rng() < 0.5;
  }

  pick(): ThreadRecord {
    const n = this.#ready.size;
    return this.#ready.removeAt(n === 1 ? 0 : Math.floor(this.#rng() * n));
  }

  assertInvariants(): void {
    this.#ready.assertInvariants();
  }
}
