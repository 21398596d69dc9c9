/**
 * A hash table from 64-bit state fingerprints (two 32-bit lanes) to small counts, in flat typed
 * arrays with linear probing: no allocation per entry, so a search that remembers a million
 * states does not keep the garbage collector busy. It grows by doubling up to `limit` entries,
 * and past that stops remembering (a search then stays sound, it only prunes less).
 */
export class StateTable {
  #keysA: Int32Array;
  #keysB: Int32Array;
  #values: Int32Array;
  #mask: number;
  #size = 0;
  readonly #limit: number;

  constructor(limit: number, initial = 1 << 12) {
    this.#limit = limit;
    this.#keysA = new Int32Array(initial);
    this.#keysB = new Int32Array(initial);
    this.#values = new Int32Array(initial).fill(-1);
    this.#mask = initial - 1;
  }

  get size(): number {
    return this.#size;
  }

  /** The value stored for (a, b), or -1. */
  get(a: number, b: number): number {
    const mask = this.#mask;
    for (let i = slot(a, b) & mask; ; i = (i + 1) & mask) {
      const v = this.#values[i]!;
      if (v < 0) return -1;
      if (this.#keysA[i] === a && this.#keysB[i] === b) return v;
    }
  }

  /** Stores `value` (>= 0) for (a, b); ignored for a new key once the table is full. */
  set(keyA: number, keyB: number, value: number): void {
    if ((this.#size + 1) * 2 > this.#values.length) {
      if (this.#values.length < this.#limit * 2) this.#grow();
      else if (this.get(keyA, keyB) < 0) return;
    }
    const mask = this.#mask;
    for (let i = slot(keyA, keyB) & mask; ; i = (i + 1) & mask) {
      if (this.#values[i]! < 0) {
        this.#keysA[i] = keyA;
        this.#keysB[i] = keyB;
        this.#values[i] = value;
        this.#size++;
        return;
      }
      if (this.#keysA[i] === keyA && this.#keysB[i] === keyB) {
        this.#values[i] = value;
        return;
      }
    }
  }

  #grow(): void {
    const a = this.#keysA;
    const b = this.#keysB;
    const v = this.#values;
    const n = v.length * 2;
    this.#keysA = new Int32Array(n);
    this.#keysB = new Int32Array(n);
    this.#values = new Int32Array(n).fill(-1);
    this.#mask = n - 1;
    this.#size = 0;
    for (let i = 0; i < v.length; i++) if (v[i]! >= 0) this.set(a[i]!, b[i]!, v[i]!);
  }
}

function slot(a: number, b: number): number {
  return (Math.imul(a ^ (b >>> 7), 0x9e3779b1) ^ b) >>> 0;
}
