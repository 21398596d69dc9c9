/**
 * Invariants checked after a run: on the trace (time, timeouts, FIFO wake-up), on the runtime
 * left behind (a deadlock is real, its cycle is a real cycle) and on the monitor's findings.
 * Each returns the violations it found, as sentences; an empty list means the run is sound.
 */
import type { RunResult, TraceEvent } from 'interleave-threads';
import type { Runtime } from '../../../src/scheduler/runtime';
import { BLOCKED, DONE, HOLDERS, NEW, RUNNABLE, type ThreadRecord } from '../../../src/scheduler/thread-record';
import type { Monitor } from './monitor';

/**
 * Time never goes backwards; a timeout fires at the first step boundary at or after its
 * deadline (exactly at it when the clock jumped there); a woken thread is the one that has
 * waited longest on that object (FIFO), unless it timed out. A woken thread that lost the race
 * (its first step after the wake blocks on the same object) waits again at the front.
 */
export function checkTrace(trace: readonly TraceEvent[], stepTime: number, gil: boolean): string[] {
  const out: string[] = [];
  let lastTime = 0;
  let lastStep = 0;
  /** Per waitable label: blocked threads in the order they blocked. */
  const queues = new Map<string, string[]>();
  const blockOf = new Map<string, Extract<TraceEvent, { type: 'block' }>>();
  /** Threads woken (not by a timeout): the object and the steps they ran since. */
  const woken = new Map<string, { on: string; steps: number }>();
  const drop = (thread: string): void => {
    const b = blockOf.get(thread);
    if (b === undefined) return;
    blockOf.delete(thread);
    const q = queues.get(key(b.on))!;
    q.splice(q.indexOf(thread), 1);
  };
  // Runs of steps are recorded when they close, so they are checked apart: they must tile the
  // steps 0..n in order, each starting no earlier than the previous one ended.
  let nextStep = 0;
  let stepsEnd = 0;
  let stepsStart = 0;
  for (const [i, e] of trace.entries()) {
    const at = `trace event ${i} (${e.type} of ${'thread' in e ? e.thread : e.to} at step ${e.step})`;
    if (e.type !== 'step') {
      if (e.time < lastTime) out.push(`${at}: time went back from ${lastTime} to ${e.time}`);
      if (e.step < lastStep) out.push(`${at}: step count went back from ${lastStep} to ${e.step}`);
      lastTime = Math.max(lastTime, e.time);
      lastStep = Math.max(lastStep, e.step);
    }
    switch (e.type) {
      case 'step': {
        if (e.step !== nextStep) out.push(`${at}: a run of steps starts at step ${e.step}, expected ${nextStep}`);
        // Without the GIL, the threads of one tick share its time span.
        if (e.time < (gil ? stepsEnd : stepsStart)) out.push(`${at}: time went back from ${stepsEnd} to ${e.time}`);
        if (!(e.endTime > e.time) || e.count < 1)
          out.push(`${at}: a run of ${e.count} steps from ${e.time} ends at ${e.endTime}`);
        nextStep = e.step + e.count;
        const w = woken.get(e.thread);
        if (w !== undefined) w.steps += e.count;
        stepsEnd = e.endTime;
        stepsStart = e.time;
        break;
      }
      case 'block': {
        if (blockOf.has(e.thread)) out.push(`${at}: ${e.thread} blocked twice without being woken`);
        blockOf.set(e.thread, e);
        const q = queues.get(key(e.on)) ?? [];
        const w = woken.get(e.thread);
        woken.delete(e.thread);
        if (w !== undefined && w.on === key(e.on) && w.steps <= 1) q.unshift(e.thread);
        else q.push(e.thread);
        queues.set(key(e.on), q);
        break;
      }
      case 'timer': {
        const b = blockOf.get(e.thread);
        if (b === undefined || b.timeout === null) {
          out.push(`${at}: a timeout fired for a thread that is not in a timed wait`);
          break;
        }
        const deadline = b.time + b.timeout;
        // A wait resumed after a lost race keeps its first deadline: its timeout is what was left of it.
        const slack = deadline * 1e-12;
        // The timer fires at the first step boundary at or after the deadline.
        if (e.time < deadline - slack)
          out.push(`${at}: timeout ${b.timeout} from ${b.time} fired early, at ${e.time} (deadline ${deadline})`);
        if (e.time - deadline >= stepTime * (1 + 1e-9))
          out.push(`${at}: timeout ${b.timeout} from ${b.time} fired late, at ${e.time} (deadline ${deadline})`);
        break;
      }
      case 'wake': {
        const b = blockOf.get(e.thread);
        if (b === undefined) {
          out.push(`${at}: woke a thread that was not blocked`);
          break;
        }
        if (key(b.on) !== key(e.on)) out.push(`${at}: woke ${e.thread} from ${e.on}, but it waits on ${b.on}`);
        if (!e.timedOut) {
          const head = queues.get(key(b.on))![0];
          if (head !== e.thread)
            out.push(
              `${at}: ${e.by ?? 'a timer'} woke ${e.thread} on ${e.on} before ${head}, which has waited longer (not FIFO)`,
            );
          woken.set(e.thread, { on: key(e.on), steps: 0 });
        } else {
          const prev = trace[i - 1];
          if (prev?.type !== 'timer' || prev.thread !== e.thread)
            out.push(`${at}: a timed-out wake without its timer event`);
        }
        drop(e.thread);
        break;
      }
      case 'end':
        drop(e.thread);
        break;
      case 'start':
      case 'switch':
      case 'print':
        break;
    }
  }
  return out;
}

/** What a wait is on, without the state some labels add (`Barrier 'B0' (1 of 3 parties arrived)`). */
function key(label: string): string {
  return /^[\w ]+? '[^']*'/.exec(label)?.[0] ?? label;
}

/** The result agrees with its own trace: steps, time, output. */
export function checkResultAgainstTrace(r: RunResult): string[] {
  const out: string[] = [];
  const trace = r.trace ?? [];
  let steps = 0;
  let time = 0;
  let text = '';
  for (const e of trace) {
    if (e.type === 'step') steps += e.count;
    if (e.type === 'print') text += e.text;
    time = Math.max(time, e.time, e.type === 'step' ? e.endTime : 0);
  }
  if (steps !== r.steps) out.push(`the trace has ${steps} steps but the result says ${r.steps}`);
  if (text !== r.output)
    out.push(`the trace's prints ${JSON.stringify(text)} differ from the output ${JSON.stringify(r.output)}`);
  if (time > r.time) out.push(`the trace reaches time ${time}, after the result's end time ${r.time}`);
  return out;
}

/**
 * A deadlock is real: nothing runnable, no live timer, the reported threads are exactly the
 * blocked ones, the reported cycle is a cycle of the wait-for graph, and when no cycle is
 * reported the graph has none. A run that ended 'ok' left no thread behind.
 */
export function checkEnd(r: RunResult, rt: Runtime, mon: Monitor | null): string[] {
  const out: string[] = [];
  const live = rt.threads.filter((t) => t.state !== NEW && t.state !== DONE);
  if (r.status === 'ok' || r.status === 'error') {
    const stuck = live.filter((t) => !t.daemon);
    if (stuck.length > 0) out.push(`status '${r.status}' but ${stuck.map((t) => t.name).join(', ')} never ended`);
  }
  if (r.status === 'ok' && mon !== null) {
    for (const t of mon.started) if (!mon.finished.has(t)) out.push(`status 'ok' but ${t} did not finish its script`);
    if (!mon.finished.has('MainThread')) out.push(`status 'ok' but MainThread did not finish its script`);
  }
  if (r.status !== 'deadlock') {
    if (r.deadlock !== null) out.push(`status '${r.status}' with a deadlock report`);
    return out;
  }
  const d = r.deadlock;
  if (d === null) return [...out, 'status deadlock without a report'];
  const runnable = rt.threads.filter((t) => t.state === RUNNABLE);
  if (runnable.length > 0) out.push(`deadlock reported while ${runnable.map((t) => t.name).join(', ')} could run`);
  if (rt.strategy.size !== 0) out.push(`deadlock reported with ${rt.strategy.size} thread(s) in the ready set`);
  const timer = rt.timers.peekLive();
  if (timer !== undefined) out.push(`deadlock reported with a timer pending for ${timer.thread.name} at ${timer.time}`);
  const blocked = rt.threads.filter((t) => t.state === BLOCKED);
  const names = blocked.map((t) => t.name).sort();
  const reported = d.threads.map((t) => t.thread).sort();
  if (names.join() !== reported.join())
    out.push(`deadlock report lists ${reported.join(', ')} but ${names.join(', ')} are blocked`);
  if (mon !== null) {
    const inside = [...mon.inside.keys()].sort();
    if (inside.join() !== names.join())
      out.push(
        `the program has ${inside.join(', ') || 'nobody'} inside blocking ops, but ${names.join(', ')} are blocked`,
      );
  }
  for (const entry of d.threads) {
    const t = blocked.find((b) => b.name === entry.thread);
    const holders = (t?.waitingOn?.[HOLDERS]() ?? []).map((h) => h.name);
    if (holders.join() !== entry.heldBy.join())
      out.push(
        `deadlock report says ${entry.thread}'s wait is held by ${entry.heldBy.join(', ')}, but it is held by ${holders.join(', ')}`,
      );
  }
  const edges = (t: ThreadRecord): ThreadRecord[] => (t.state === BLOCKED ? [...(t.waitingOn?.[HOLDERS]() ?? [])] : []);
  if (d.cycle !== null) {
    const c = d.cycle;
    if (c.length < 2 || c[0] !== c[c.length - 1]) out.push(`the reported cycle ${c.join(' → ')} does not close`);
    for (let i = 0; i + 1 < c.length; i++) {
      const a = rt.threads.find((t) => t.name === c[i]);
      if (a === undefined || !edges(a).some((h) => h.name === c[i + 1]))
        out.push(`the reported cycle has an edge ${c[i]} → ${c[i + 1]} that is not in the wait-for graph`);
    }
  } else if (hasCycle(blocked, edges)) out.push('the wait-for graph has a cycle but none was reported');
  if (!d.message.startsWith('Deadlock:')) out.push(`the deadlock message does not say what happened: ${d.message}`);
  return out;
}

function hasCycle(nodes: ThreadRecord[], edges: (t: ThreadRecord) => ThreadRecord[]): boolean {
  const color = new Map<ThreadRecord, number>();
  const visit = (t: ThreadRecord): boolean => {
    color.set(t, 1);
    for (const h of edges(t)) {
      if (color.get(h) === 1) return true;
      if (color.get(h) === undefined && visit(h)) return true;
    }
    color.set(t, 2);
    return false;
  };
  return nodes.some((t) => color.get(t) === undefined && visit(t));
}

/** A run, reduced to what determinism promises: everything it reports, errors by name and message. */
export function fingerprint(r: RunResult): string {
  return JSON.stringify({
    ...r,
    value: safeJson(r.value),
    errors: r.errors.map((e) => ({
      thread: e.thread,
      error: e.error instanceof Error ? `${e.error.name}: ${e.error.message}` : String(e.error),
    })),
  });
}

/** A program's return value as JSON when it can be, else as text (it may hold threads or cycles). */
function safeJson(v: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(v) ?? 'null') as unknown;
  } catch {
    return String(v);
  }
}
