import { invariant, who } from '../invariant';
import { RUNNABLE, type ThreadRecord } from '../thread-record';
import type { Rng, Strategy } from './strategy';

/**
 * Probabilistic Concurrency Testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS 2010).
 * Each thread gets a random priority above `depth` when it first becomes runnable; the
 * highest-priority runnable thread always runs. At d−1 change points, drawn uniformly from the
 * first `length` steps, the running thread drops to priority d−i, below every initial one. A
 * bug of depth d is then found with probability at least 1/(n·k^(d−1)).
 * Runnable threads live in a max-heap on priority, so a pick is O(log n).
 */
export class PctStrategy implements Strategy {
  /**
   * The runnable threads, a binary max-heap on (priority, then lower id). Invariants: no member
   * ranks above its parent (`h[(i - 1) >> 1]`); every thread appears at most once; every member
   * is runnable and has a priority (never 0, which marks a thread new to the strategy).
   */
  readonly #heap: ThreadRecord[] = [];
  readonly #rng: Rng;
  readonly #depth: number;
  /** The d − 1 change points (steps), ascending, each at least 1. */
  readonly #points: number[];
  /** How many change points have passed: 0 ≤ #nextPoint ≤ #points.length. */
  #nextPoint = 0;

  constructor(rng: Rng, depth: number, length: number) {
    this.#rng = rng;
    this.#depth = depth;
    const points: number[] = [];
    for (let i = 1; i < depth; i++) points.push(1 + Math.floor(rng() * Math.max(1, length)));
    this.#points = points.sort((a, b) => a - b);
  }

  get size(): number {
    return this.#heap.length;
  }

  add(t: ThreadRecord): void {
    // Records start at priority 0 and PCT never assigns one below 1 (initial ones are above
    // depth, change points give depth - i >= 1), so 0 means the thread is new to the strategy.
    if (t.priority === 0) t.priority = this.#depth + this.#rng();
    const h = this.#heap;
    let i = h.length;
    h.push(t);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!higher(t, h[p]!)) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = t;
  }

  pick(): ThreadRecord {
    return this.#removeAt(0);
  }

  #removeAt(at: number): ThreadRecord {
    const heap = this.#heap;
    const top = heap[at]!;
    const last = heap.pop()!;
    if (heap.length > at) {
      let i = at;
      const size = heap.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= size) break;
        const r = l + 1;
        const c = r < size && higher(heap[r]!, heap[l]!) ? r : l;
        if (!higher(heap[c]!, last)) break;
        heap[i] = heap[c]!;
        i = c;
      }
      // Out of the middle of the heap, the moved element may also belong higher up.
      while (i === at && i > 0 && higher(last, heap[(i - 1) >> 1]!)) {
        heap[i] = heap[(i - 1) >> 1]!;
        i = (i - 1) >> 1;
        at = i;
      }
      heap[i] = last;
    }
    return top;
  }

  /**
   * A timeout and a step at the same instant: the higher priority goes first, as for any two
   * threads (the timed-out thread against the best one that could step).
   */
  timerFirst(timer: ThreadRecord, running: ThreadRecord | null): boolean {
    const top = this.#heap[0];
    const rival = running === null ? top : top === undefined || higher(running, top) ? running : top;
    return rival === undefined || higher(timer, rival);
  }

  /**
   * A thread that yields (`sleep(0)`) waits for the others: it drops below every thread now
   * runnable, so a spin-wait does not hold the CPU against the thread it waits for.
   */
  yielded(t: ThreadRecord): void {
    let lowest = t.priority;
    for (const u of this.#heap) if (u.priority < lowest) lowest = u.priority;
    // 0 marks a thread new to the strategy (see add): skip it.
    t.priority = lowest - 1 === 0 ? -1 : lowest - 1;
  }

  /** The earliest change point not yet passed (the runtime forces a decision there). */
  nextChangePoint(): number {
    const p = this.#points[this.#nextPoint];
    return p === undefined ? Infinity : p;
  }

  changePoint(current: ThreadRecord): void {
    // The i-th change point (1-based) lowers the running thread to d - i: later ones go lower.
    this.#nextPoint++;
    // A thread that blocked in the step and was woken at once (sleep(0)) is in the heap already:
    // take it out before its key changes, or the heap order breaks. Rare, and at most d - 1 times.
    const at = this.#heap.indexOf(current);
    if (at >= 0) this.#removeAt(at);
    current.priority = this.#depth - this.#nextPoint;
    if (at >= 0) this.add(current);
    // Change points drawn at the same step apply one after the other.
    while (
      this.#points[this.#nextPoint] !== undefined &&
      this.#points[this.#nextPoint]! <= this.#points[this.#nextPoint - 1]!
    ) {
      this.#nextPoint++;
    }
  }

  /** Throws an `InvariantError` naming the first broken invariant of the heap or change points (tests only). */
  assertInvariants(): void {
    const heap = this.#heap;
    const seen = new Set<ThreadRecord>();
    for (let i = 0; i < heap.length; i++) {
      const t = heap[i]!;
      invariant(!seen.has(t), 'PCT heap', () => `${who(t)} appears twice`);
      seen.add(t);
      invariant(t.priority !== 0, 'PCT heap', () => `${who(t)} is in the heap without a priority`);
      invariant(t.state === RUNNABLE, 'PCT heap', () => `${who(t)} is in the heap but not runnable (state ${t.state})`);
      const parent = heap[(i - 1) >> 1];
      invariant(
        i === 0 || !higher(t, parent!),
        'PCT heap',
        () =>
          `${who(t)} (priority ${t.priority}) ranks above its parent ${who(parent!)} (priority ${parent!.priority})`,
      );
    }
    const points = this.#points;
    invariant(
      points.length === Math.max(0, this.#depth - 1),
      'PCT change points',
      () => `${points.length} for depth ${this.#depth}`,
    );
    for (let i = 0; i < points.length; i++)
      invariant(
        points[i]! >= 1 && (i === 0 || points[i - 1]! <= points[i]!),
        'PCT change points',
        () => `not ascending from 1: ${points.join(', ')}`,
      );
    invariant(
      this.#nextPoint <= points.length,
      'PCT change points',
      () => `${this.#nextPoint} passed of ${points.length}`,
    );
  }
}

function higher(a: ThreadRecord, b: ThreadRecord): boolean {
  return a.priority > b.priority || (a.priority === b.priority && a.id < b.id);
}
