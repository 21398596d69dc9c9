import type { ThreadRecord } from './thread-record';

/** A pending timeout: wakes `thread` at `time` if it is still in the same blocking wait. */
export interface TimerEntry {
  time: number;
  seq: number;
  thread: ThreadRecord;
  blockGen: number;
}

function before(a: TimerEntry, b: TimerEntry): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

/**
 * A binary min-heap of timeouts ordered by (time, insertion order). A timeout whose thread was
 * woken earlier is not removed (that would need a search); it is dropped when it reaches the top.
 */
export class TimerHeap {
  readonly #items: TimerEntry[] = [];
  #seq = 0;

  /** Number of entries, stale ones included. */
  get size(): number {
    return this.#items.length;
  }

  /** Time of the earliest entry, live or stale (call only when size > 0). */
  peekTime(): number {
    return this.#items[0]!.time;
  }

  /** Schedules a wake-up of `thread` at `time` for its wait number `blockGen`. */
  push(time: number, thread: ThreadRecord, blockGen: number): void {
    const items = this.#items;
    const e: TimerEntry = { time, seq: this.#seq++, thread, blockGen };
    let i = items.length;
    items.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = items[p]!;
      if (!before(e, parent)) break;
      items[i] = parent;
      i = p;
    }
    items[i] = e;
  }

  /** Drops stale entries from the top; returns the earliest live entry, or undefined. */
  peekLive(): TimerEntry | undefined {
    const items = this.#items;
    for (;;) {
      const top = items[0];
      if (top === undefined || isLive(top)) return top;
      this.pop();
    }
  }

  /** Removes and returns the earliest entry (live or not). */
  pop(): TimerEntry | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    const size = items.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const r = l + 1;
      const c = r < size && before(items[r]!, items[l]!) ? r : l;
      const child = items[c]!;
      if (!before(child, last)) break;
      items[i] = child;
      i = c;
    }
    items[i] = last;
    return top;
  }
}

/** True while the entry's thread is still in the wait that set it. */
export function isLive(e: TimerEntry): boolean {
  return e.thread.blockGen === e.blockGen && e.thread.state === 1 /* BLOCKED */;
}
