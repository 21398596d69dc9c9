import { invariant, who } from './invariant';
import { BLOCKED, type ThreadRecord } from './thread-record';

/**
 * A FIFO of blocked threads (a thread waiting again after losing a race goes back to the front), intrusive: the links live on the thread records, because a thread
 * waits on at most one queue at a time. Push, shift and removal (a timeout) are all O(1) and
 * allocate nothing.
 */
export class WaitQueue {
  /**
   * The ends of the list. Invariants: `head` and `tail` are both null or both set, with nothing
   * before `head` (`waitPrev === null`) and nothing after `tail`; following `waitNext` from
   * `head` reaches `tail` in exactly `size` records, each `waitNext` mirrored by a `waitPrev`;
   * every record on the list names this queue in `waitQueue` and is blocked.
   */
  head: ThreadRecord | null = null;
  tail: ThreadRecord | null = null;
  /** The number of records linked from `head` (kept, so a count needs no walk). */
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

  /** Throws an `InvariantError` naming the first broken invariant of the links (tests only). */
  assertInvariants(): void {
    invariant((this.head === null) === (this.tail === null), 'wait queue', () => 'one end is set and the other null');
    invariant(this.head?.waitPrev == null, 'wait queue', () => `the head ${who(this.head!)} has a waitPrev`);
    invariant(this.tail?.waitNext == null, 'wait queue', () => `the tail ${who(this.tail!)} has a waitNext`);
    let count = 0;
    let last: ThreadRecord | null = null;
    // The walk stops after size + 1 records, so a cycle is reported rather than followed for ever.
    for (let record = this.head; record !== null && count <= this.size; record = record.waitNext) {
      const at = record;
      invariant(at.waitQueue === this, 'wait queue', () => `${who(at)} is linked in but its waitQueue names another`);
      invariant(
        at.waitPrev === last,
        'wait queue',
        () => `${who(at)}'s waitPrev does not point back to the record before it`,
      );
      invariant(
        at.state === BLOCKED,
        'wait queue',
        () => `${who(at)} is linked in but not blocked (state ${at.state})`,
      );
      last = at;
      count++;
    }
    invariant(
      count === this.size,
      'wait queue',
      () => `size is ${this.size} but ${count > this.size ? 'more' : count} records are linked`,
    );
    invariant(last === this.tail, 'wait queue', () => 'the walk from head does not end at tail');
  }
}

/**
 * Checks the wait-queue links of a run's threads (tests only): every queue any thread names is
 * sound, and every thread that names a queue is linked in it (a thread waits on one queue at most).
 */
export function assertWaitQueueLinks(threads: Iterable<ThreadRecord>): void {
  const members = new Map<WaitQueue, Set<ThreadRecord>>();
  for (const t of threads) {
    const q = t.waitQueue;
    if (q === null) continue;
    let linked = members.get(q);
    if (linked === undefined) {
      q.assertInvariants();
      members.set(q, (linked = new Set(q.toArray())));
    }
    invariant(linked.has(t), 'wait queue', () => `${who(t)} names a queue it is not linked in`);
  }
}
