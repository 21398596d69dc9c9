/** Numbers a worker keeps per run: outcome key index, schedule fingerprint, preemptions, flags. */
const FIELDS = 4;
const FAILED = 1;
const CHOICES = 2;

/**
 * A worker's runs as it makes them, in one growing Float64Array (a fingerprint needs 53 bits):
 * the array's buffer is moved to the coordinating thread, not copied, and holds no objects for
 * the worker's garbage collector to trace. Outcome keys, which repeat, are kept once each.
 */
export class RunLog {
  /** Each distinct outcome key, in order of first appearance. */
  readonly keys: string[] = [];
  readonly #index = new Map<string, number>();
  #data = new Float64Array(FIELDS * 1024);
  #length = 0;

  /** Runs logged so far. */
  get length(): number {
    return this.#length;
  }

  add(key: string, fingerprint: number, preemptions: number, failed: boolean, choices: boolean): void {
    let i = this.#index.get(key);
    if (i === undefined) this.#index.set(key, (i = this.keys.push(key) - 1));
    if ((this.#length + 1) * FIELDS > this.#data.length) this.#grow();
    const at = this.#length++ * FIELDS;
    this.#data[at] = i;
    this.#data[at + 1] = fingerprint;
    this.#data[at + 2] = preemptions;
    this.#data[at + 3] = (failed ? FAILED : 0) | (choices ? CHOICES : 0);
  }

  /** The logged runs, in an array of their own (its buffer may be transferred). */
  finish(): Float64Array {
    return this.#data.slice(0, this.#length * FIELDS);
  }

  #grow(): void {
    const bigger = new Float64Array(this.#data.length * 2);
    bigger.set(this.#data);
    this.#data = bigger;
  }
}

/** Reads the runs of a finished RunLog (entry i is the worker's i-th run). */
export class RunRecords {
  constructor(
    readonly keys: readonly string[],
    readonly data: Float64Array,
  ) {}

  get length(): number {
    return this.data.length / FIELDS;
  }

  key(i: number): string {
    return this.keys[this.data[i * FIELDS]!]!;
  }

  fingerprint(i: number): number {
    return this.data[i * FIELDS + 1]!;
  }

  preemptions(i: number): number {
    return this.data[i * FIELDS + 2]!;
  }

  failed(i: number): boolean {
    return (this.data[i * FIELDS + 3]! & FAILED) !== 0;
  }

  choices(i: number): boolean {
    return (this.data[i * FIELDS + 3]! & CHOICES) !== 0;
  }
}
