import { decodeToken } from '../../scheduler/schedule-token';
import type { RunResult } from '../../scheduler/run-program';
import type { TraceEvent } from '../../scheduler/trace';

/** A stretch in which nothing could run and the clock jumped straight to the next timer. */
export interface TimeJump {
  /** The slot boundary where it happened: after slot `at - 1`, before slot `at`. */
  at: number;
  /** Virtual seconds when everyone fell asleep, and when the clock woke them. */
  from: number;
  to: number;
}

/**
 * The horizontal axis of the teaching views. A *slot* is one step with the GIL, one tick without
 * it (up to `cores` threads advance in the same tick). Events happen either inside a slot (a
 * print, a block, a wake by another thread) or at a boundary between slots (a timeout).
 */
export interface TraceAxis {
  readonly gil: boolean;
  readonly stepTime: number;
  readonly switchInterval: number;
  readonly cores: number;
  /** How many slots the run had. */
  readonly slots: number;
  readonly steps: number;
  readonly jumps: readonly TimeJump[];
  /** The slot step index `step` ran in. */
  slotOf(step: number): number;
  /** The boundary just before step index `step` (`slots` once every step has run). */
  boundaryOf(step: number): number;
  /** The first step index of slot `x` (`steps` for `x === slots`). */
  firstStep(x: number): number;
  /** Virtual seconds at the start of slot `x` (the run's end time for `x === slots`). */
  timeAt(x: number): number;
}

/** The trace of a run, or an Error saying how to get one. */
export function requireTrace(result: RunResult, view: string): readonly TraceEvent[] {
  if (result.trace === undefined) {
    throw new Error(`${view} needs the run's trace: run it with { trace: true } (RunResult.trace is missing)`);
  }
  return result.trace;
}

/**
 * Builds the axis of a traced run. Times come from the slot grid and the jumps rather than from
 * `step` events, whose start time is not reliable when one thread's slice goes on after a sleep.
 */
export function traceAxis(result: RunResult, trace: readonly TraceEvent[]): TraceAxis {
  const spec = decodeToken(result.schedule);
  const base = { stepTime: spec.stepTime, switchInterval: spec.switchInterval, cores: spec.cores, steps: result.steps };
  if (spec.gil) return gilAxis(base, trace, result.time);
  // With stepTime 0 the ticks of a run without the GIL share their times: one slot per step then.
  return spec.stepTime === 0
    ? { ...gilAxis(base, trace, result.time), gil: false }
    : tickAxis(base, trace, result.time);
}

interface AxisBase {
  stepTime: number;
  switchInterval: number;
  cores: number;
  steps: number;
}

/** With the GIL one slot is one step, and time is linear between the jumps the timers record. */
function gilAxis(base: AxisBase, trace: readonly TraceEvent[], end: number): TraceAxis {
  const st = base.stepTime;
  const jumps: TimeJump[] = [];
  let at = 0;
  let t0 = 0;
  for (const e of trace) {
    if (e.type !== 'timer') continue;
    const expected = t0 + (e.step - at) * st;
    if (e.time - expected > st / 2) {
      jumps.push({ at: e.step, from: expected, to: e.time });
      at = e.step;
      t0 = e.time;
    }
  }
  const timeAt = (x: number): number => {
    if (x >= base.steps) return end;
    const j = lastAtOrBefore(jumps, x);
    return j === null ? x * st : j.to + (x - j.at) * st;
  };
  const id = (n: number): number => n;
  return { ...base, gil: true, slots: base.steps, jumps, slotOf: id, boundaryOf: id, firstStep: id, timeAt };
}

/** Without the GIL the `step` events (one per thread per tick) carry their tick's time. */
function tickAxis(base: AxisBase, trace: readonly TraceEvent[], end: number): TraceAxis {
  const st = base.stepTime;
  const first: number[] = [];
  const times: number[] = [];
  for (const e of trace) {
    if (e.type !== 'step') continue;
    if (times.length === 0 || times[times.length - 1] !== e.time) {
      first.push(e.step);
      times.push(e.time);
    }
  }
  const jumps: TimeJump[] = [];
  for (let k = 1; k < times.length; k++) {
    const expected = times[k - 1]! + st;
    if (times[k]! - expected > st / 2) jumps.push({ at: k, from: expected, to: times[k]! });
  }
  const slots = times.length;
  const slotOf = (step: number): number => {
    let lo = 0;
    let hi = slots - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (first[mid]! <= step) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    ...base,
    gil: false,
    slots,
    jumps,
    slotOf,
    boundaryOf: (step) => (step >= base.steps ? slots : first[slotOf(step)] === step ? slotOf(step) : slotOf(step) + 1),
    firstStep: (x) => (x >= slots ? base.steps : first[x]!),
    timeAt: (x) => (x >= slots ? end : times[x]!),
  };
}

function lastAtOrBefore(jumps: readonly TimeJump[], x: number): TimeJump | null {
  let found: TimeJump | null = null;
  let lo = 0;
  let hi = jumps.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (jumps[mid]!.at <= x) {
      found = jumps[mid]!;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
