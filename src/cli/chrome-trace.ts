import type { RunResult } from '../scheduler/run-program';
import { shortLocation, type SourceLocation } from '../scheduler/source-location';
import type { TraceEvent } from '../scheduler/trace';
import { requireTrace, traceAxis, type TraceAxis } from './timeline/axis';
import { buildLanes, isTimeWait, type Lane } from './timeline/lanes';

/** A run in the Chrome trace-event JSON format (the object form), ready for `JSON.stringify`. */
export interface ChromeTrace {
  traceEvents: object[];
  displayTimeUnit: string;
}

/** Every event of the export sits in this one process. */
const PID = 1;
const TEXT_MAX = 60;

/**
 * Converts a traced run to the Chrome trace-event format, which Perfetto (ui.perfetto.dev) and
 * chrome://tracing open: one track per thread (named by `thread_name` metadata, in id order),
 * a complete event (`X`) for each run of steps, instant events (`i`) for prints, blocks, wakes,
 * ops (a read with the value it returned, a write with what it stored, acquires, queue items)
 * and uncaught errors, each with its program line in `args.at` when the run had `locations`, and a flow arrow (`s` → `f`) from each thread that woke another (a
 * release, a set, a notify, an end joined on) to where the woken thread next ran. Timestamps are
 * virtual microseconds. Throws an Error when the run was not traced.
 *
 * @example
 * const result = run(main, { trace: true });
 * fs.writeFileSync('run.json', JSON.stringify(toChromeTrace(result)));
 */
export function toChromeTrace(result: RunResult): ChromeTrace {
  const trace = requireTrace(result, 'toChromeTrace');
  const axis = traceAxis(result, trace);
  const { lanes } = buildLanes(trace, axis);
  const events: object[] = [
    { ph: 'M', name: 'process_name', pid: PID, tid: 0, ts: 0, args: { name: `interleave run (${result.status})` } },
  ];
  for (const lane of lanes) {
    events.push({ ph: 'M', name: 'thread_name', pid: PID, tid: tid(lane.id), ts: 0, args: { name: lane.name } });
    events.push({
      ph: 'M',
      name: 'thread_sort_index',
      pid: PID,
      tid: tid(lane.id),
      ts: 0,
      args: { sort_index: lane.id },
    });
  }
  for (const lane of lanes) events.push(...completeEvents(lane, axis));
  events.push(...instantsAndFlows(trace, axis, lanes));
  return { traceEvents: events, displayTimeUnit: 'ms' };
}

/** Track ids start at 1: MainThread's `ident`, and clear of tid 0, which some viewers treat specially. */
function tid(id: number): number {
  return id + 1;
}

/** Virtual seconds to microseconds, rounded to the nanosecond so that float noise never shows. */
function us(seconds: number): number {
  return Math.round(seconds * 1e9) / 1e3;
}

/** One `X` per run of slots, split where the clock jumped (time is linear only between jumps). */
function completeEvents(lane: Lane, axis: TraceAxis): object[] {
  const out: object[] = [];
  const emit = (a: number, b: number): void => {
    const args = axis.gil ? { firstStep: axis.firstStep(a), steps: b - a } : { firstTick: a, ticks: b - a };
    out.push({
      ph: 'X',
      name: 'running',
      cat: 'step',
      pid: PID,
      tid: tid(lane.id),
      ts: us(axis.timeAt(a)),
      dur: us((b - a) * axis.stepTime),
      args,
    });
  };
  let j = 0;
  for (let i = 0; i < lane.runs.length; i += 2) {
    let a = lane.runs[i]!;
    const b = lane.runs[i + 1]!;
    while (j < axis.jumps.length && axis.jumps[j]!.at <= a) j++;
    for (; j < axis.jumps.length && axis.jumps[j]!.at < b; j++) {
      emit(a, axis.jumps[j]!.at);
      a = axis.jumps[j]!.at;
    }
    emit(a, b);
  }
  return out;
}

/** What the instant and flow events of one trace share while they are made. */
interface InstantContext {
  readonly axis: TraceAxis;
  readonly out: object[];
  readonly idByName: Map<string, number>;
  readonly laneById: Map<number, Lane>;
  flow: number;
}

function instantsAndFlows(trace: readonly TraceEvent[], axis: TraceAxis, lanes: readonly Lane[]): object[] {
  const laneById = new Map(lanes.map((l) => [l.id, l]));
  const ctx: InstantContext = { axis, out: [], idByName: new Map(), laneById, flow: 0 };
  for (const event of trace) {
    switch (event.type) {
      case 'start':
        ctx.idByName.set(event.thread, event.id);
        break;
      case 'print':
        instant(ctx, event, inStep(ctx, event.step), `print ${clip(JSON.stringify(event.text))}`, {
          text: event.text,
          ...where(event.at),
        });
        break;
      case 'block':
        instant(ctx, event, inStep(ctx, event.step), `block on ${event.on}`, {
          on: event.on,
          timeout: event.timeout,
          ...where(event.at),
        });
        break;
      case 'op':
        instant(ctx, event, inStep(ctx, event.step), opName(event), {
          op: event.op,
          on: event.on,
          value: event.value,
          ok: event.ok,
          ...where(event.at),
        });
        break;
      case 'wake':
        wakeEvents(ctx, event);
        break;
      case 'end':
        if (event.error !== null)
          instant(ctx, event, inStep(ctx, event.step), `error: ${clip(event.error)}`, { error: event.error });
        break;
      case 'step':
      case 'switch':
      case 'timer':
        break;
    }
  }
  return ctx.out;
}

/** Events inside a step are stamped with the step's start, exactly as its `X` is. */
function inStep(ctx: InstantContext, step: number): number {
  return us(ctx.axis.timeAt(ctx.axis.slotOf(Math.max(0, step - 1))));
}

function instant(ctx: InstantContext, e: TraceEvent & { id: number }, ts: number, name: string, args: object): void {
  ctx.out.push({ ph: 'i', s: 't', name, cat: e.type, pid: PID, tid: tid(e.id), ts, args });
}

/** The source location as `args` fields (`at: 'race.ts:21'` shows in Perfetto's panel), when recorded. */
function where(at: SourceLocation | undefined): object {
  return at === undefined ? {} : { at: shortLocation(at), file: at.file, line: at.line, column: at.column };
}

/** `read count → 3`, `write count ← 4`, `acquire Lock 'lockA' (timed out)`. */
function opName(e: Extract<TraceEvent, { type: 'op' }>): string {
  const name = /^\S+ '(.*)'$/.exec(e.on)?.[1] ?? e.on;
  if (e.op === 'read' || e.op === 'get') return `${e.op} ${name} → ${clip(e.value ?? '')}`;
  if (e.op === 'write' || e.op === 'put') return `${e.op} ${name} ← ${clip(e.value ?? '')}`;
  return `${e.op} ${e.on}${e.ok === false ? ' (timed out)' : ''}`;
}

/** A wake: an instant on the woken thread and, when a thread woke it, a flow arrow from the waker. */
function wakeEvents(ctx: InstantContext, wake: Extract<TraceEvent, { type: 'wake' }>): void {
  const axis = ctx.axis;
  if (wake.by === null) {
    const ts = us(axis.timeAt(axis.boundaryOf(wake.step)));
    const what = isTimeWait(wake.on) ? `wakes after ${wake.on}` : `times out waiting for ${wake.on}`;
    instant(ctx, wake, ts, what, { on: wake.on, timedOut: wake.timedOut });
    return;
  }
  const ts = inStep(ctx, wake.step);
  instant(ctx, wake, ts, `woken by ${wake.by} (${wake.on})`, { on: wake.on, by: wake.by });
  const waker = ctx.idByName.get(wake.by);
  const next = nextRun(ctx.laneById.get(wake.id), axis.slotOf(Math.max(0, wake.step - 1)) + 1);
  if (waker === undefined || next === null) return;
  const common = { name: 'wake', cat: 'wake', id: ++ctx.flow, pid: PID, args: { on: wake.on } };
  ctx.out.push({ ph: 's', ...common, tid: tid(waker), ts });
  ctx.out.push({ ph: 'f', bp: 'e', ...common, tid: tid(wake.id), ts: us(axis.timeAt(next)) });
}

/** The first slot at or after `from` in which the thread ran, or null if it never ran again. */
function nextRun(lane: Lane | undefined, from: number): number | null {
  if (lane === undefined) return null;
  const runs = lane.runs;
  let lo = 0;
  let hi = runs.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[2 * mid + 1]! > from) hi = mid;
    else lo = mid + 1;
  }
  return lo < runs.length / 2 ? Math.max(from, runs[2 * lo]!) : null;
}

function clip(text: string): string {
  return text.length <= TEXT_MAX ? text : `${text.slice(0, TEXT_MAX - 1)}…`;
}
