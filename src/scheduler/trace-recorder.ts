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
const OP = 8;

/** Numbers per event: kind, step, time, id, and two more that depend on the kind. */
const NUMS = 6;
/** Strings, locations (or null) per event, by kind. */
const REFS = 5;
/** Events per chunk (a power of two): chunks are never copied, and stay small enough for the young generation. */
const CHUNK = 1024;
const SHIFT = 10;

/**
 * The events of a traced run, kept as numbers in a typed array and strings in a plain array
 * while the run goes on, and made into `TraceEvent` objects once it ends. An event object made
 * at every switch, block and wake lived until the end of the run, so the young generation
 * copied each, then promoted it: that was half the cost of `trace: true` (a lock-contention
 * run: about 600 ns per step kept as objects, 290 not kept at all).
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

  /** `ok` null: the op cannot fail (NaN stands for null here). */
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
    this.#add(OP, step, time, id, ok === null ? NaN : ok ? 1 : 0, 0, thread, on, op, value, at);
  }

  /** The events as objects, in order (each kind's fields in the order `TraceEvent` lists them). */
  events(): TraceEvent[] {
    const out: TraceEvent[] = new Array<TraceEvent>(this.#length);
    for (let i = 0; i < this.#length; i++) {
      const n = this.#nums[i >> SHIFT]!;
      const r = this.#refs[i >> SHIFT]!;
      const k = (i & (CHUNK - 1)) * NUMS;
      const j = (i & (CHUNK - 1)) * REFS;
      const step = n[k + 1]!;
      const time = n[k + 2]!;
      const id = n[k + 3]!;
      const a = n[k + 4]!;
      switch (n[k]) {
        case START:
          out[i] = { type: 'start', step, time, thread: r[j] as string, id, by: r[j + 1] as string };
          break;
        case END:
          out[i] = { type: 'end', step, time, thread: r[j] as string, id, error: (r[j + 1] as string | null) ?? null };
          break;
        case STEP:
          out[i] = { type: 'step', step, time, thread: r[j] as string, id, count: a, endTime: n[k + 5]! };
          break;
        case SWITCH:
          out[i] = {
            type: 'switch',
            step,
            time,
            from: (r[j] as string | null) ?? null,
            to: r[j + 1] as string,
            id,
            reason: r[j + 2] as SwitchReason,
            preempted: a === 1,
          };
          break;
        case BLOCK:
          out[i] = withAt(
            {
              type: 'block',
              step,
              time,
              thread: r[j] as string,
              id,
              on: r[j + 1] as string,
              timeout: Number.isNaN(a) ? null : a,
            },
            r[j + 4],
          );
          break;
        case OP:
          out[i] = withAt(
            {
              type: 'op',
              step,
              time,
              thread: r[j] as string,
              id,
              op: r[j + 2] as string,
              on: r[j + 1] as string,
              value: (r[j + 3] as string | null) ?? null,
              ok: Number.isNaN(a) ? null : a === 1,
            },
            r[j + 4],
          );
          break;
        case WAKE:
          out[i] = {
            type: 'wake',
            step,
            time,
            thread: r[j] as string,
            id,
            on: r[j + 1] as string,
            by: (r[j + 2] as string | null) ?? null,
            timedOut: a === 1,
          };
          break;
        case TIMER:
          out[i] = { type: 'timer', step, time, thread: r[j] as string, id, on: r[j + 1] as string };
          break;
        default:
          out[i] = withAt(
            { type: 'print', step, time, thread: r[j] as string, id, text: r[j + 1] as string },
            r[j + 4],
          );
      }
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
      this.#refs.push(new Array<Ref>(REFS * CHUNK).fill(null));
    }
    const n = this.#nums[this.#length >> SHIFT]!;
    const r = this.#refs[this.#length >> SHIFT]!;
    let k = at * NUMS;
    n[k++] = kind;
    n[k++] = step;
    n[k++] = time;
    n[k++] = id;
    n[k++] = a;
    n[k] = b;
    const j = at * REFS;
    r[j] = r0;
    r[j + 1] = r1;
    r[j + 2] = r2;
    r[j + 3] = r3;
    r[j + 4] = r4;
    this.#length++;
  }
}

type Ref = string | SourceLocation | null;

/** The event with its source location, when one was recorded (the field is absent otherwise). */
function withAt<E extends TraceEvent>(event: E, at: Ref | undefined): E {
  if (at !== null && at !== undefined && typeof at === 'object') (event as { at?: SourceLocation }).at = at;
  return event;
}
