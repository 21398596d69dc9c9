import { invariant, who } from '../invariant';
import { RUNNABLE, type ThreadRecord } from '../thread-record';

/**
 * An unordered set of runnable threads with O(1) add, remove and pick-by-index: removal swaps
 * the last element into the hole and the position lives on the record (`readyIndex`).
 */
export class ReadySet {
  /**
   * The members, in no order. Invariants: every member knows its slot (`items[i].readyIndex ===
   * i`), so no thread is here twice; every member is runnable.
   */
  readonly items: ThreadRecord[] = [];

  get size(): number {
    return this.items.length;
  }

  add(t: ThreadRecord): void {
    t.readyIndex = this.items.length;
    this.items.push(t);
  }

  has(t: ThreadRecord): boolean {
    return t.readyIndex >= 0 && this.items[t.readyIndex] === t;
  }

  remove(t: ThreadRecord): void {
    const items = this.items;
    const i = t.readyIndex;
    const last = items.pop()!;
    if (last !== t) {
      items[i] = last;
      last.readyIndex = i;
    }
    t.readyIndex = -1;
  }

  removeAt(i: number): ThreadRecord {
    const t = this.items[i]!;
    this.remove(t);
    return t;
  }

  /** Throws an `InvariantError` naming the first invariant of `items` that does not hold (tests only). */
  assertInvariants(): void {
    const items = this.items;
    for (let i = 0; i < items.length; i++) {
      const t = items[i]!;
      invariant(
        t.readyIndex === i,
        'ready set',
        () => `${who(t)} is in slot ${i} but its readyIndex is ${t.readyIndex}`,
      );
      invariant(t.state === RUNNABLE, 'ready set', () => `${who(t)} is a member but not runnable (state ${t.state})`);
    }
  }
}
