import type { TraceEvent } from '../scheduler/trace';
import type { TraceAxis } from './timeline-axis';

/** One wait of a thread: it was blocked during slots [from, to). */
export interface LaneWait {
  from: number;
  to: number;
  /** What it waited on, as the trace names it (`Lock 'lockA'`, `sleep(1)`). */
  on: string;
  /** A sleep or a Timer's interval: waiting for time, not for another thread. */
  sleep: boolean;
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
}

/** A block, wake or failure in words, for the list under the lanes. */
export interface LaneNote {
  /** The step it happened in (or, for a timeout, the step it happened before). */
  step: number;
  time: number;
  text: string;
}

/** Reads the lanes and the notes off a trace, in one pass. */
export function buildLanes(trace: readonly TraceEvent[], axis: TraceAxis): { lanes: Lane[]; notes: LaneNote[] } {
  const byId = new Map<number, Lane>();
  const open = new Map<number, LaneWait>();
  const notes: LaneNote[] = [];
  // Events stamped with step p that happen inside a step belong to step p - 1.
  const after = (p: number): number => axis.slotOf(Math.max(0, p - 1)) + 1;
  const lane = (id: number, name: string): Lane => {
    let l = byId.get(id);
    if (l === undefined) {
      l = { id, name, from: 0, to: -1, ended: false, error: null, runs: [], waits: [], blockedAtEnd: null, prints: [] };
      byId.set(id, l);
    }
    l.name = name;
    return l;
  };
  for (const e of trace) {
    switch (e.type) {
      case 'start':
        lane(e.id, e.thread).from = e.by === '' ? 0 : after(e.step);
        break;
      case 'step': {
        const l = lane(e.id, e.thread);
        if (axis.gil) addRun(l.runs, e.step, e.step + e.count);
        else addRun(l.runs, axis.slotOf(e.step), axis.slotOf(e.step) + 1);
        break;
      }
      case 'print':
        if (e.text.replace(/\n/g, '') !== '') lane(e.id, e.thread).prints.push(axis.slotOf(Math.max(0, e.step - 1)));
        break;
      case 'block': {
        const w: LaneWait = { from: after(e.step), to: -1, on: e.on, sleep: isTimeWait(e.on) };
        lane(e.id, e.thread).waits.push(w);
        open.set(e.id, w);
        const limit = e.timeout !== null && !w.sleep ? ` (timeout ${e.timeout} s)` : '';
        notes.push({ step: e.step - 1, time: e.time, text: `${e.thread} blocks on ${e.on}${limit}` });
        break;
      }
      case 'wake': {
        const w = open.get(e.id);
        open.delete(e.id);
        if (e.by !== null) {
          if (w !== undefined) w.to = after(e.step);
          notes.push({ step: e.step - 1, time: e.time, text: `${e.thread} is woken by ${e.by} (${e.on})` });
        } else {
          if (w !== undefined) w.to = axis.boundaryOf(e.step);
          const what = isTimeWait(e.on) ? `wakes after ${e.on}` : `times out waiting for ${e.on}`;
          notes.push({ step: e.step, time: e.time, text: `${e.thread} ${what}` });
        }
        break;
      }
      case 'end': {
        const l = lane(e.id, e.thread);
        l.to = after(e.step);
        l.ended = true;
        l.error = e.error;
        const w = open.get(e.id);
        open.delete(e.id);
        if (w !== undefined) w.to = l.to;
        if (e.error !== null) notes.push({ step: e.step - 1, time: e.time, text: `${e.thread} ends with ${e.error}` });
        break;
      }
      case 'switch':
      case 'timer':
        break;
    }
  }
  for (const [id, w] of open) {
    w.to = axis.slots;
    byId.get(id)!.blockedAtEnd = w;
  }
  const lanes = [...byId.values()].sort((a, b) => a.id - b.id);
  for (const l of lanes) if (!l.ended) l.to = axis.slots;
  return { lanes, notes };
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

function addRun(runs: number[], x0: number, x1: number): void {
  const n = runs.length;
  if (n > 0 && runs[n - 1]! >= x0) runs[n - 1] = Math.max(runs[n - 1]!, x1);
  else runs.push(x0, x1);
}
