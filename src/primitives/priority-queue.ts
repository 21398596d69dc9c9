import { TypeError } from '../errors';
import { Queue } from './queue';

/**
 * A queue that returns its lowest item first (Python's `queue.PriorityQueue`). Items compare as
 * in Python: numbers (and bigints, booleans) by value, strings by code point, arrays element by
 * element like tuples, so `[priority, data]` entries work; any other value equals only itself,
 * and ordering values that cannot be compared raises TypeError. Unlike Python's `heapq`, equal
 * items come out in the order they were put (first in, first out).
 *
 * @example
 * const todo = new PriorityQueue<[number, string]>();
 * yield* todo.put([2, 'write']);
 * yield* todo.put([1, 'read']);
 * yield* todo.get(); // [1, 'read']
 */
export class PriorityQueue<T = unknown> extends Queue<T> {
  // A binary min-heap on (item, insertion number); the number makes equal items FIFO.
  readonly #heap: T[] = [];
  readonly #seqs: number[] = [];
  readonly #path: number[] = [];
  #nextSeq = 0;

  protected override _put(item: T): void {
    const heap = this.#heap;
    const seqs = this.#seqs;
    // Find the place before moving anything: a comparison may throw, and the heap must stay whole.
    let at = heap.length;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (comparePriority(item, heap[parent]) >= 0) break;
      at = parent;
    }
    for (let i = heap.length; i > at; ) {
      const parent = (i - 1) >> 1;
      heap[i] = heap[parent]!;
      seqs[i] = seqs[parent]!;
      i = parent;
    }
    heap[at] = item;
    seqs[at] = this.#nextSeq++;
  }

  protected override _get(): T {
    const heap = this.#heap;
    const seqs = this.#seqs;
    const top = heap[0]!;
    const size = heap.length - 1;
    const last = heap[size]!;
    const lastSeq = seqs[size]!;
    // Walk the sift-down path with comparisons only, then move: a throw leaves the heap intact.
    const path = this.#path;
    path.length = 0;
    for (let i = 0; ; ) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && before(heap[c + 1]!, seqs[c + 1]!, heap[c]!, seqs[c]!)) c++;
      if (!before(heap[c]!, seqs[c]!, last, lastSeq)) break;
      path.push(c);
      i = c;
    }
    heap.pop();
    seqs.pop();
    if (size > 0) {
      let i = 0;
      for (const c of path) {
        heap[i] = heap[c]!;
        seqs[i] = seqs[c]!;
        i = c;
      }
      heap[i] = last;
      seqs[i] = lastSeq;
    }
    return top;
  }

  protected override _snapshot(): T[] {
    const order = this.#heap.map((item, i) => ({ item, seq: this.#seqs[i]! }));
    order.sort((a, b) => (before(a.item, a.seq, b.item, b.seq) ? -1 : 1));
    return order.map((e) => e.item);
  }

  protected override _qsize(): number {
    return this.#heap.length;
  }
}

function before(a: unknown, seqA: number, b: unknown, seqB: number): boolean {
  const c = comparePriority(a, b);
  return c < 0 || (c === 0 && seqA < seqB);
}

/**
 * Python's ordering for the values a PriorityQueue holds: negative, zero or positive. Arrays
 * compare like tuples: the first unequal elements decide, else the shorter comes first.
 */
function comparePriority(left: unknown, right: unknown): number {
  if (left === right) return 0;
  const ka = kindOf(left);
  const kb = kindOf(right);
  if (ka === 'number' && kb === 'number')
    return (left as number) < (right as number) ? -1 : (left as number) > (right as number) ? 1 : 0;
  if (ka === 'string' && kb === 'string') return compareStrings(left as string, right as string);
  if (ka === 'array' && kb === 'array') {
    const x = left as readonly unknown[];
    const y = right as readonly unknown[];
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) {
      const c = comparePriority(x[i], y[i]);
      if (c !== 0) return c;
    }
    return x.length - y.length;
  }
  throw new TypeError(
    `'<' not supported between instances of '${typeName(left, ka)}' and '${typeName(right, kb)}': a PriorityQueue orders numbers, strings, and arrays compared element by element like Python tuples (e.g. [priority, data]); when the data cannot be compared, put a unique counter before it: [priority, count, data]`,
  );
}

type Kind = 'number' | 'string' | 'array' | 'other';

function kindOf(v: unknown): Kind {
  switch (typeof v) {
    case 'number':
    case 'bigint':
    case 'boolean':
      return 'number';
    case 'string':
      return 'string';
    default:
      return Array.isArray(v) ? 'array' : 'other';
  }
}

function typeName(v: unknown, kind: Kind): string {
  if (kind === 'array') return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}

/** Code point order, as Python compares str: a surrogate stands for a code point above U+FFFF. */
function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && x <= 0xdfff) x += 0x10000;
      if (y >= 0xd800 && y <= 0xdfff) y += 0x10000;
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length;
}
