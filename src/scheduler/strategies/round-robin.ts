import { invariant, who } from '../invariant';
import { RUNNABLE, type ThreadRecord } from '../thread-record';
import type { Strategy } from './strategy';

/**
 * First in, first out: the thread that became runnable earliest runs next. A thread whose slice
 * ran out goes to the back, so with `switchInterval: 1` two threads alternate exactly. The queue
 * is a growable ring buffer: O(1) per operation, no allocation once it has grown.
 */
export class RoundRobin implements Strategy {
  /**
   * The queue, `#size` threads from `#head` on, wrapping. Invariants: the length is a power of
   * two (indices wrap with a mask); `#size` ≤ length; the slots in the window hold runnable
   * threads, each once, and every slot outside it is empty (a picked thread is not kept alive).
   */
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

  /** Throws an `InvariantError` naming the first broken invariant of the ring (tests only). */
  assertInvariants(): void {
    const ring = this.#ring;
    const mask = ring.length - 1;
    invariant((ring.length & mask) === 0, 'round-robin ring', () => `length ${ring.length} is not a power of two`);
    invariant(this.#size <= ring.length, 'round-robin ring', () => `size ${this.#size} exceeds length ${ring.length}`);
    const seen = new Set<ThreadRecord>();
    for (let slot = 0; slot < ring.length; slot++) {
      const t = ring[slot];
      const inWindow = ((slot - this.#head) & mask) < this.#size;
      invariant(inWindow === (t !== undefined), 'round-robin ring', () =>
        inWindow ? `slot ${slot} in the queue is empty` : `slot ${slot} outside the queue still holds a thread`,
      );
      if (t === undefined) continue;
      invariant(!seen.has(t), 'round-robin ring', () => `${who(t)} is queued twice`);
      seen.add(t);
      invariant(
        t.state === RUNNABLE,
        'round-robin ring',
        () => `${who(t)} is queued but not runnable (state ${t.state})`,
      );
    }
  }

  #grow(): void {
    const old = this.#ring;
    const ring: (ThreadRecord | undefined)[] = new Array(old.length * 2);
    for (let i = 0; i < this.#size; i++) ring[i] = old[(this.#head + i) & (old.length - 1)];
    this.#ring = ring;
    this.#head = 0;
  }
}
