import { repr } from '../_internal/format';
import type { SourceLocation } from './source-location';
import type { SwitchReason, TraceEvent } from './trace';

const START = 0;
const END = 1;
const STEP = 2;
const SWITCH = 3;
const BLOCK = 4;
const WAKE = 5;
const TIMER = 6;
const PRINT = 7;
// An op has two kinds, by how its value is kept: as text already shown (or none), or as a
// primitive, shown when read.
const OP = 8;
const OP_PRIMITIVE = 9;

/** Numbers per event: kind, step, time, id, and two more that depend on the kind. */
const NUMS = 6;
/** Refs per event, by kind: strings, an op's value, a location (or null). */
const REFS = 5;
/** Events per chunk (a power of two): chunks are never copied, and stay small enough for the young generation. */
const CHUNK = 1024;
const SHIFT = 10;

/**
 * The events of a traced run, kept as numbers in a typed array and refs (strings, an op's value,
 * a source location) in a plain array while the run goes on, and made into `TraceEvent` objects
 * when read. No object or string is made per event: an event object made at every switch, block
 * and wake lived until the end of the run, so the young generation copied each, then promoted it.
 * An op's value is kept as it is when it cannot change (a primitive) and shown (Python's repr)
 * when read; an object's is shown at the op, as it is then, since the program may change it.
 */
export class TraceRecorder {
  readonly #nums: Float64Array[] = [];
  readonly #refs: Ref[][] = [];
  #length = 0;

  /** Events recorded so far. */
  get length(): number {
    return this.#length;
  }

  start(step: number, time: number, thread: string, id: number, by: string): void {
    this.#add(START, step, time, id, 0, 0, thread, by, null);
  }

  end(step: number, time: number, thread: string, id: number, error: string | null): void {
    this.#add(END, step, time, id, 0, 0, thread, error, null);
  }

  slice(step: number, time: number, thread: string, id: number, count: number, endTime: number): void {
    this.#add(STEP, step, time, id, count, endTime, thread, null, null);
  }

  switch(
    step: number,
    time: number,
    from: string | null,
    to: string,
    id: number,
    reason: SwitchReason,
    preempted: boolean,
  ): void {
    this.#add(SWITCH, step, time, id, preempted ? 1 : 0, 0, from, to, reason);
  }

  /** `timeout` null: the wait has no limit (a timeout is never NaN, which stands for null here). */
  block(
    step: number,
    time: number,
    thread: string,
    id: number,
    on: string,
    timeout: number | null,
    at: SourceLocation | null = null,
  ): void {
    this.#add(BLOCK, step, time, id, timeout === null ? NaN : timeout, 0, thread, on, null, null, at);
  }

  wake(step: number, time: number, thread: string, id: number, on: string, by: string | null, timedOut: boolean): void {
    this.#add(WAKE, step, time, id, timedOut ? 1 : 0, 0, thread, on, by);
  }

  timer(step: number, time: number, thread: string, id: number, on: string): void {
    this.#add(TIMER, step, time, id, 0, 0, thread, on, null);
  }

  print(step: number, time: number, thread: string, id: number, text: string, at: SourceLocation | null = null): void {
    this.#add(PRINT, step, time, id, 0, 0, thread, text, null, null, at);
  }

  /** An op whose value, if it has one, is already shown as Python's repr; `ok` null: it cannot fail (NaN stands for null here). */
  op(
    step: number,
    time: number,
    thread: string,
    id: number,
    op: string,
    on: string,
    value: string | null,
    ok: boolean | null,
    at: SourceLocation | null,
  ): void {
    this.#add(OP, step, time, id, okNumber(ok), 0, thread, on, op, value, at);
  }

  /**
   * An op with the value it read, wrote, put or got, shown as Python's repr when the trace is
   * read. A primitive is kept as it is; an object or a function is shown now, as it is at the op,
   * since the program may change it later.
   */
  opValue(
    step: number,
    time: number,
    thread: string,
    id: number,
    op: string,
    on: string,
    value: unknown,
    ok: boolean | null,
    at: SourceLocation | null,
  ): void {
    if (isPrimitive(value)) this.#add(OP_PRIMITIVE, step, time, id, okNumber(ok), 0, thread, on, op, value, at);
    else this.#add(OP, step, time, id, okNumber(ok), 0, thread, on, op, repr(value), at);
  }

  /** The events as new objects, in order. */
  events(): TraceEvent[] {
    const out: TraceEvent[] = new Array<TraceEvent>(this.#length);
    const values = new ValueTexts();
    for (let i = 0; i < this.#length; i++) {
      const n = this.#nums[i >> SHIFT]!;
      const r = this.#refs[i >> SHIFT]!;
      out[i] = readEvent(n, (i & (CHUNK - 1)) * NUMS, r, (i & (CHUNK - 1)) * REFS, values);
    }
    return out;
  }

  #add(
    kind: number,
    step: number,
    time: number,
    id: number,
    a: number,
    b: number,
    r0: Ref,
    r1: Ref,
    r2: Ref,
    r3: Ref = null,
    r4: Ref = null,
  ): void {
    const at = this.#length & (CHUNK - 1);
    if (at === 0) {
      this.#nums.push(new Float64Array(NUMS * CHUNK));
      // Not filled: #add writes every ref of an event, and fill(null) cost more than the stores.
      this.#refs.push(new Array<Ref>(REFS * CHUNK));
    }
    const nums = this.#nums[this.#length >> SHIFT]!;
    const refs = this.#refs[this.#length >> SHIFT]!;
    let k = at * NUMS;
    nums[k++] = kind;
    nums[k++] = step;
    nums[k++] = time;
    nums[k++] = id;
    nums[k++] = a;
    nums[k] = b;
    const j = at * REFS;
    refs[j] = r0;
    refs[j + 1] = r1;
    refs[j + 2] = r2;
    refs[j + 3] = r3;
    refs[j + 4] = r4;
    this.#length++;
  }
}

/** A string, a location, an op's primitive value, or null. */
type Ref = unknown;

/** `ok` as a number: NaN for null (an op that cannot fail so). */
function okNumber(ok: boolean | null): number {
  return ok === null ? NaN : ok ? 1 : 0;
}

/** A value that cannot change after the op, so it can be shown later. */
function isPrimitive(value: unknown): boolean {
  return (typeof value !== 'object' || value === null) && typeof value !== 'function';
}

// Readers: an event's object from its numbers `n` (from `k`) and refs `r` (from `j`), each field
// in the order `TraceEvent` lists it.

function readEvent(nums: Float64Array, k: number, refs: Ref[], j: number, values: ValueTexts): TraceEvent {
  switch (nums[k]) {
    case START:
      return readStart(nums, k, refs, j);
    case END:
      return readEnd(nums, k, refs, j);
    case STEP:
      return readStep(nums, k, refs, j);
    case SWITCH:
      return readSwitch(nums, k, refs, j);
    case BLOCK:
      return withAt(readBlock(nums, k, refs, j), refs[j + 4]);
    case WAKE:
      return readWake(nums, k, refs, j);
    case TIMER:
      return readTimer(nums, k, refs, j);
    case PRINT:
      return withAt(readPrint(nums, k, refs, j), refs[j + 4]);
    default:
      return withAt(readOp(nums, k, refs, j, values), refs[j + 4]);
  }
}

function readStart(n: Float64Array, k: number, r: Ref[], j: number): TraceEvent {
  return {
    type: 'start',
    step: n[k + 1]!,
    time: n[k + 2]!,
    thread: r[j] as string,
    id: n[k + 3]!,
    by: r[j + 1] as string,
  };
}

function readEnd(n: Float64Array, k: number, r: Ref[], j: number): TraceEvent {
  const error = r[j + 1] as string | null;
  return { type: 'end', step: n[k + 1]!, time: n[k + 2]!, thread: r[j] as string, id: n[k + 3]!, error };
}

function readStep(n: Float64Array, k: number, r: Ref[], j: number): TraceEvent {
  const thread = r[j] as string;
  return {
    type: 'step',
    step: n[k + 1]!,
    time: n[k + 2]!,
    thread,
    id: n[k + 3]!,
    count: n[k + 4]!,
    endTime: n[k + 5]!,
  };
}

function readSwitch(n: Float64Array, k: number, r: Ref[], j: number): TraceEvent {
  return {
    type: 'switch',
    step: n[k + 1]!,
    time: n[k + 2]!,
    from: r[j] as string | null,
    to: r[j + 1] as string,
    id: n[k + 3]!,
    reason: r[j + 2] as SwitchReason,
    preempted: n[k + 4] === 1,
  };
}

function readBlock(n: Float64Array, k: number, r: Ref[], j: number): TraceEvent {
  const timeout = n[k + 4]!;
  return {
    type: 'block',
    step: n[k + 1]!,
    time: n[k + 2]!,
    thread: r[j] as string,
    id: n[k + 3]!,
    on: r[j + 1] as string,
    timeout: Number.isNaN(timeout) ? null : timeout,
  };
}

function readWake(n: Float64Array, k: number, r: Ref[], j: number): TraceEvent {
  return {
    type: 'wake',
    step: n[k + 1]!,
    time: n[k + 2]!,
    thread: r[j] as string,
    id: n[k + 3]!,
    on: r[j + 1] as string,
    by: r[j + 2] as string | null,
    timedOut: n[k + 4] === 1,
  };
}

function readTimer(n: Float64Array, k: number, r: Ref[], j: number): TraceEvent {
  return {
    type: 'timer',
    step: n[k + 1]!,
    time: n[k + 2]!,
    thread: r[j] as string,
    id: n[k + 3]!,
    on: r[j + 1] as string,
  };
}

function readPrint(n: Float64Array, k: number, r: Ref[], j: number): TraceEvent {
  const text = r[j + 1] as string;
  return { type: 'print', step: n[k + 1]!, time: n[k + 2]!, thread: r[j] as string, id: n[k + 3]!, text };
}

function readOp(n: Float64Array, k: number, r: Ref[], j: number, values: ValueTexts): TraceEvent {
  const ok = n[k + 4]!;
  return {
    type: 'op',
    step: n[k + 1]!,
    time: n[k + 2]!,
    thread: r[j] as string,
    id: n[k + 3]!,
    op: r[j + 2] as string,
    on: r[j + 1] as string,
    value: n[k] === OP_PRIMITIVE ? values.text(r[j + 3]) : (r[j + 3] as string | null),
    ok: Number.isNaN(ok) ? null : ok === 1,
  };
}

/**
 * Op values as Python's repr shows them. The value a read returns is most often the one just
 * written, so the text of the last value is made once: equal primitives (`===`) show the same.
 */
class ValueTexts {
  #last: unknown = undefined;
  #text: string | null = null;

  text(value: unknown): string {
    if (this.#text === null || value !== this.#last) {
      this.#last = value;
      this.#text = repr(value);
    }
    return this.#text;
  }
}

/** The event with its source location, when one was recorded (the field is absent otherwise). */
function withAt<E extends TraceEvent>(event: E, at: Ref | undefined): E {
  if (at !== null && at !== undefined && typeof at === 'object')
    (event as { at?: SourceLocation }).at = at as SourceLocation;
  return event;
}
