import { describeError } from '../scheduler/thread-errors';
import type { Runtime } from '../scheduler/runtime';
import { BLOCKED, DESCRIBE, DONE, HOLDERS, NEW, type ThreadRecord } from '../scheduler/thread-record';
import type { TraceEvent } from '../scheduler/trace';
import { eventWords, nextStepWords } from './describe-step';
import { holdersOf, statePanel } from './state-panel';
import type { StepMark } from './step-recorder';
import type { StepBlocked, StepEvent, StepState, StepThread } from './step-state';

function blockedView(t: ThreadRecord): StepBlocked {
  return {
    thread: t.name,
    waitingFor: t.waitingOn?.[DESCRIBE]() ?? 'something',
    heldBy: (t.waitingOn?.[HOLDERS]() ?? []).map((h) => h.name),
    at: t.at,
  };
}

function threadView(thread: ThreadRecord, ids: readonly number[]): StepThread {
  const i = ids.indexOf(thread.id);
  if (thread.state === DONE) {
    const doing = thread.failed ? `failed: ${describeError(thread.error).split('\n')[0]!}` : 'done';
    return { thread: thread.name, state: thread.failed ? 'failed' : 'done', number: null, doing, at: thread.at };
  }
  if (thread.state === BLOCKED) {
    const b = blockedView(thread);
    const held = b.heldBy.length > 0 && !b.waitingFor.endsWith('(join)') ? ` (held by ${b.heldBy.join(' and ')})` : '';
    const sleep = /^sleep\((.*)\)$/.exec(b.waitingFor);
    const until = sleep === null ? '' : (thread.blockedAt + Number(sleep[1])).toFixed(6);
    const what = sleep !== null ? `${b.waitingFor}, until ${until} s` : `waits for ${b.waitingFor}${held}`;
    return { thread: thread.name, state: 'blocked', number: null, doing: what, at: thread.at };
  }
  return {
    thread: thread.name,
    state: 'runnable',
    number: i < 0 ? null : i + 1,
    doing: nextStepWords(thread),
    at: thread.at,
  };
}

/** The lines for the steps that began at or after `fromStep` (1-based), in order. */
export function happenedSince(rt: Runtime, marks: readonly StepMark[], fromStep: number): StepEvent[] {
  const events = rt.trace!.events();
  const holders = (on: string): string[] => holdersOf(rt, on);
  const out: StepEvent[] = [];
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i]!;
    if (m.step < fromStep) continue;
    const end = marks[i + 1]?.traceAt ?? events.length;
    let own = false;
    for (let k = m.traceAt; k < end; k++) {
      const line = lineOf(events[k]!, m.step, holders);
      if (line === null) continue;
      if (line.thread === m.thread.name) own = true;
      out.push(line);
    }
    if (!own) out.push({ step: m.step, thread: m.thread.name, at: null, text: 'runs its own code' });
  }
  return squeezeOwnCode(out);
}

function lineOf(e: TraceEvent, step: number, holders: (on: string) => string[]): StepEvent | null {
  if (e.type === 'start') return e.by === '' ? null : { step, thread: e.by, at: null, text: `starts ${e.thread}` };
  if (!('thread' in e)) return null;
  const text = eventWords(e, holders);
  if (text === null) return null;
  return { step, thread: e.thread, at: 'at' in e ? (e.at ?? null) : null, text };
}

/** Consecutive own-code steps of one thread become one line: `ran its own code (5 steps)`. */
function squeezeOwnCode(lines: StepEvent[]): StepEvent[] {
  const out: StepEvent[] = [];
  let run = 0;
  for (const l of lines) {
    const last = out[out.length - 1];
    const again = last !== undefined && last.thread === l.thread && /^ran its own code/.test(last.text);
    if (l.text === 'runs its own code' && again) {
      run++;
      out[out.length - 1] = { ...last, text: `ran its own code (${run} steps)` };
      continue;
    }
    run = 1;
    out.push(l.text === 'runs its own code' ? { ...l, text: 'ran its own code (1 step)' } : l);
  }
  return out;
}

/** What a screen shows at a decision (`ids` runnable, in order) or at the end (`ids` empty). */
export function stateOf(
  rt: Runtime,
  ids: readonly number[],
  marks: readonly StepMark[],
  fromStep: number,
): Omit<StepState, 'finished'> {
  const started = rt.threads.filter((t) => t.state !== NEW);
  return {
    runnable: ids.map((id, i) => {
      const t = rt.threads[id]!;
      return { number: i + 1, thread: t.name, next: nextStepWords(t), at: t.at };
    }),
    blocked: started.filter((t) => t.state === BLOCKED).map(blockedView),
    threads: started.map((t) => threadView(t, ids)),
    panel: statePanel(rt),
    happened: happenedSince(rt, marks, fromStep),
    output: rt.output.join(''),
    steps: rt.steps,
    time: rt.clock.now(),
    preemptions: rt.preemptions,
  };
}
