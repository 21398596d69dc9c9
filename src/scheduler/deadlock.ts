import type { Runtime } from './runtime';
import { BLOCKED, DESCRIBE, DONE, FREED_BY, HOLDERS, type ThreadRecord } from './thread-record';
import type { DeadlockReport, DeadlockThread } from '../types';
export type { DeadlockReport, DeadlockThread } from '../types';

/** Builds the report once the run has found that nothing can run and no timer is pending. */
export function deadlockReport(rt: Runtime): DeadlockReport {
  const blocked = rt.threads.filter((t) => t.state === BLOCKED);
  const threads: DeadlockThread[] = blocked.map((t) => ({
    thread: t.name,
    waitingFor: t.waitingOn?.[DESCRIBE]() ?? 'nothing known',
    heldBy: (t.waitingOn?.[HOLDERS]() ?? []).map((h) => h.name),
  }));
  const cycle = findCycle(blocked);
  return { threads, cycle: cycle?.map((t) => t.name) ?? null, message: describe(blocked, cycle) };
}

/** A cycle in the wait-for graph (thread → threads holding what it waits for), by depth-first search. */
function findCycle(blocked: ThreadRecord[]): ThreadRecord[] | null {
  const state = new Map<ThreadRecord, 1 | 2>();
  const path: ThreadRecord[] = [];
  const visit = (t: ThreadRecord): ThreadRecord[] | null => {
    state.set(t, 1);
    path.push(t);
    for (const h of t.state === BLOCKED ? (t.waitingOn?.[HOLDERS]() ?? []) : []) {
      const s = state.get(h);
      if (s === 1) return [...path.slice(path.indexOf(h)), h];
      if (s === undefined) {
        const c = visit(h);
        if (c !== null) return c;
      }
    }
    path.pop();
    state.set(t, 2);
    return null;
  };
  for (const t of blocked) {
    if (state.has(t)) continue;
    const c = visit(t);
    if (c !== null) return c;
  }
  return null;
}

function describe(blocked: ThreadRecord[], cycle: ThreadRecord[] | null): string {
  const parts = blocked.map((thread) => {
    const on = thread.waitingOn?.[DESCRIBE]() ?? 'something';
    const holders = thread.waitingOn?.[HOLDERS]() ?? [];
    let line = `${thread.name} waits for ${on}`;
    if (holders.length > 0) {
      line += `, held by ${holders
        .map((h) =>
          h.state === DONE
            ? `${h.name}, which has already ended${h.failed ? ' with an uncaught error' : ''} without releasing it`
            : h.name,
        )
        .join(' and ')}`;
    } else {
      line += `, which no running thread will ever ${thread.waitingOn?.[FREED_BY] ?? 'release'}`;
    }
    return line;
  });
  let msg = `Deadlock: no thread can run and no timer is pending. ${parts.join('; ')}.`;
  if (cycle !== null) {
    msg += ` The threads wait for each other in a cycle: ${cycle.map((t) => t.name).join(' → ')}. None can go on until another does, so none ever will.`;
  }
  return msg;
}
