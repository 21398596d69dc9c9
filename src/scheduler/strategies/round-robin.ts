import type { ThreadRecord } from '../thread-record';
import type { Strategy } from './strategy';

/**
 * First in, first out: the thread that became runnable earliest runs next. A thread whose slice
 * ran out goes to the back, so with `switchInterval: 1` two threads alternate exactly. The queue
 * is a growable ring buffer: O(1) per operation, no allocation once it has grown.
 */
export class RoundRobin implements Strategy {
  #ring: (ThreadRecord | undefined)[] = new Array(16);
  #head = 0;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  add(t: ThreadRecord): void {
    if (this.#size === this.#ring.length) this.#grow();
    this.#ring[(this.#head + this.#size) & (this.#ring.length - 1)] = t;
    this.#size++;
  }

  pick(): ThreadRecord {
    const t = this.#ring[this.#head]!;
    this.#ring[this.#head] = undefined;
    this.#head = (this.#head + 1) & (this.#ring.length - 1);
    this.#size--;
    return t;
  }

  #grow(): void {
    const old = this.#ring;
    const ring: (ThreadRecord | undefined)[] = new Array(old.length * 2);
    for (let i = 0; i < this.#size; i++) ring[i] = old[(this.#head + i) & (old.length - 1)];
    this.#ring = ring;
    this.#head = 0;
  }
}
