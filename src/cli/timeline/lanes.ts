import type { TraceEvent } from '../../scheduler/trace';
import type { TraceAxis } from './axis';

/** One wait of a thread: it was blocked during slots [from, to). */
export interface LaneWait {
  from: number;
  to: number;
  /** What it waited on, as the trace names it (`Lock 'lockA'`, `sleep(1)`). */
  on: string;
  /** A sleep or a Timer's interval: waiting for time, not for another thread. */
  sleep: boolean;
  /** A wait with a timeout (a sleep, or a timed acquire or wait): time alone can end it. */
  timed: boolean;
}

/** Everything the timeline draws for one thread, in slots of the axis. */
export interface Lane {
  id: number;
  /** The thread's name (the last one it had, as names are writable). */
  name: string;
  /** Alive during slots [from, to). */
  from: number;
  to: number;
  ended: boolean;
  /** The uncaught error it ended with (`Name: message`), or null. */
  error: string | null;
  /** Slot ranges it ran in, as flat pairs [x0, x1, x0, x1, ...], sorted and merged. */
  runs: number[];
  waits: LaneWait[];
  /** Still waiting when the run ended (a deadlock, an abandoned daemon). */
  blockedAtEnd: LaneWait | null;
  /** Slots in which it printed text (newline-only writes are not marked). */
  prints: number[];
  /** Its reads and writes of shared cells, by slot, in order. */
  accesses: { slot: number; write: boolean }[];
}

/** A block, wake, shared read or write, or failure in words, for the list under the lanes. */
export interface LaneNote {
  /** The step it happened in (or, for a timeout, the step it happened before). */
  step: number;
  time: number;
  text: string;
}

/** Reads the lanes and the notes off a trace, in one pass. */
export function buildLanes(trace: readonly TraceEvent[], axis: TraceAxis): { lanes: Lane[]; notes: LaneNote[] } {
  const b = new LaneBuilder(axis);
  for (const e of trace) b.add(e);
  return b.done();
}

/** The state of one pass over a trace: lanes by thread id, waits still open, notes so far. */
class LaneBuilder {
  readonly #byId = new Map<number, Lane>();
  readonly #open = new Map<number, LaneWait>();
  readonly notes: LaneNote[] = [];

  constructor(readonly axis: TraceAxis) {}

  /** Events stamped with step p that happen inside a step belong to step p - 1. */
  #after(p: number): number {
    return this.axis.slotOf(Math.max(0, p - 1)) + 1;
  }

  /** The slot of the step an event stamped with step p happened in. */
  #slotIn(p: number): number {
    return this.axis.slotOf(Math.max(0, p - 1));
  }

  #lane(id: number, name: string): Lane {
    let l = this.#byId.get(id);
    if (l === undefined) {
      l = newLane(id, name);
      this.#byId.set(id, l);
    }
    l.name = name;
    return l;
  }

  add(event: TraceEvent): void {
    switch (event.type) {
      case 'start':
        this.#lane(event.id, event.thread).from = event.by === '' ? 0 : this.#after(event.step);
        break;
      case 'step':
        this.#slice(event);
        break;
      case 'print':
        if (event.text.replace(/\n/g, '') !== '')
          this.#lane(event.id, event.thread).prints.push(this.#slotIn(event.step));
        break;
      case 'op':
        this.#op(event);
        break;
      case 'block':
        this.#block(event);
        break;
      case 'wake':
        this.#wake(event);
        break;
      case 'end':
        this.#end(event);
        break;
      case 'switch':
      case 'timer':
        break;
    }
  }

  #slice(e: Extract<TraceEvent, { type: 'step' }>): void {
    const l = this.#lane(e.id, e.thread);
    if (this.axis.gil) addRun(l.runs, e.step, e.step + e.count);
    else addRun(l.runs, this.axis.slotOf(e.step), this.axis.slotOf(e.step) + 1);
  }

  /** A read or write of a shared cell: a mark in the lane and a note with the cell and the value. */
  #op(e: Extract<TraceEvent, { type: 'op' }>): void {
    if (e.op !== 'read' && e.op !== 'write') return;
    const write = e.op === 'write';
    this.#lane(e.id, e.thread).accesses.push({ slot: this.#slotIn(e.step), write });
    const cell = shortLabel(e.on);
    const value = e.value ?? '';
    const text = write ? `${e.thread} writes ${cell} ← ${value}` : `${e.thread} reads ${cell} → ${value}`;
    this.notes.push({ step: e.step - 1, time: e.time, text });
  }

  #block(e: Extract<TraceEvent, { type: 'block' }>): void {
    const sleep = isTimeWait(e.on);
    const w: LaneWait = { from: this.#after(e.step), to: -1, on: e.on, sleep, timed: sleep || e.timeout !== null };
    this.#lane(e.id, e.thread).waits.push(w);
    this.#open.set(e.id, w);
    const limit = e.timeout !== null && !w.sleep ? ` (timeout ${e.timeout} s)` : '';
    this.notes.push({ step: e.step - 1, time: e.time, text: `${e.thread} blocks on ${e.on}${limit}` });
  }

  #wake(e: Extract<TraceEvent, { type: 'wake' }>): void {
    const w = this.#open.get(e.id);
    this.#open.delete(e.id);
    if (e.by !== null) {
      if (w !== undefined) w.to = this.#after(e.step);
      this.notes.push({ step: e.step - 1, time: e.time, text: `${e.thread} is woken by ${e.by} (${e.on})` });
      return;
    }
    if (w !== undefined) w.to = this.axis.boundaryOf(e.step);
    const what = isTimeWait(e.on) ? `wakes after ${e.on}` : `times out waiting for ${e.on}`;
    this.notes.push({ step: e.step, time: e.time, text: `${e.thread} ${what}` });
  }

  #end(e: Extract<TraceEvent, { type: 'end' }>): void {
    const l = this.#lane(e.id, e.thread);
    l.to = this.#after(e.step);
    l.ended = true;
    l.error = e.error;
    const w = this.#open.get(e.id);
    this.#open.delete(e.id);
    if (w !== undefined) w.to = l.to;
    if (e.error !== null) this.notes.push({ step: e.step - 1, time: e.time, text: `${e.thread} ends with ${e.error}` });
  }

  /** Closes the waits still open at the end (a deadlock, an abandoned daemon) and orders the lanes. */
  done(): { lanes: Lane[]; notes: LaneNote[] } {
    for (const [id, w] of this.#open) {
      w.to = this.axis.slots;
      this.#byId.get(id)!.blockedAtEnd = w;
    }
    const lanes = [...this.#byId.values()].sort((a, b) => a.id - b.id);
    for (const l of lanes) if (!l.ended) l.to = this.axis.slots;
    return { lanes, notes: this.notes };
  }
}

/** Waits that only time ends: `sleep(1)`, a Timer's interval. */
export function isTimeWait(on: string): boolean {
  return on.startsWith('sleep(') || on.endsWith('(Timer)');
}

/** A label short enough to write inside a lane: `lockA` for `Lock 'lockA'`. */
export function shortLabel(on: string): string {
  if (on.startsWith('sleep(')) return 'sleep';
  if (on.endsWith('(Timer)')) return 'timer';
  const named = /^[\w ]+ '(.+)'$/.exec(on);
  if (named !== null) return named[1]!;
  const join = /^(.+) to end \(join\)$/.exec(on);
  if (join !== null) return `join ${join[1]!}`;
  return on;
}

function newLane(id: number, name: string): Lane {
  const blank = { ended: false, error: null, runs: [], waits: [], blockedAtEnd: null, prints: [], accesses: [] };
  return { id, name, from: 0, to: -1, ...blank };
}

function addRun(runs: number[], x0: number, x1: number): void {
  const n = runs.length;
  if (n > 0 && runs[n - 1]! >= x0) runs[n - 1] = Math.max(runs[n - 1]!, x1);
  else runs.push(x0, x1);
}
