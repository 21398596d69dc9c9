import type { ThreadRecord } from './thread-record';

/**
 * A FIFO of blocked threads (a thread waiting again after losing a race goes back to the front), intrusive: the links live on the thread records, because a thread
 * waits on at most one queue at a time. Push, shift and removal (a timeout) are all O(1) and
 * allocate nothing.
 */
export class WaitQueue {
  head: ThreadRecord | null = null;
  tail: ThreadRecord | null = null;
  size = 0;

  /** Appends a thread at the back. */
  push(t: ThreadRecord): void {
    t.waitQueue = this;
    t.waitPrev = this.tail;
    t.waitNext = null;
    if (this.tail === null) this.head = t;
    else this.tail.waitNext = t;
    this.tail = t;
    this.size++;
  }

  /** Puts a thread at the front (a woken waiter that lost the race waits again as the longest waiter). */
  unshift(t: ThreadRecord): void {
    t.waitQueue = this;
    t.waitPrev = null;
    t.waitNext = this.head;
    if (this.head === null) this.tail = t;
    else this.head.waitPrev = t;
    this.head = t;
    this.size++;
  }

  /** Removes and returns the front thread, or null. */
  shift(): ThreadRecord | null {
    const t = this.head;
    if (t !== null) this.remove(t);
    return t;
  }

  /** Unlinks a thread that is in this queue. */
  remove(t: ThreadRecord): void {
    if (t.waitPrev === null) this.head = t.waitNext;
    else t.waitPrev.waitNext = t.waitNext;
    if (t.waitNext === null) this.tail = t.waitPrev;
    else t.waitNext.waitPrev = t.waitPrev;
    t.waitPrev = t.waitNext = null;
    t.waitQueue = null;
    this.size--;
  }

  /** The waiting threads, front first (for reports; not on the hot path). */
  toArray(): ThreadRecord[] {
    const out: ThreadRecord[] = [];
    for (let t = this.head; t !== null; t = t.waitNext) out.push(t);
    return out;
  }
}
