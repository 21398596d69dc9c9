import { repr } from '../_internal/format';
import { PEEK } from '../_internal/peek';
import { Barrier } from '../primitives/barrier';
import { Condition } from '../primitives/condition';
import { Event } from '../primitives/event';
import { Lock } from '../primitives/lock';
import { Queue } from '../primitives/queue';
import { RLock } from '../primitives/rlock';
import { Semaphore } from '../primitives/semaphore';
import { Shared } from '../primitives/shared';
import type { Runtime } from '../scheduler/runtime';
import { BLOCKED, DESCRIBE, HOLDERS, type Waitable } from '../scheduler/thread-record';
import type { PanelRow } from './step-state';

function holderText(on: Waitable): string {
  const h = on[HOLDERS]();
  return h.length === 0 ? 'free' : `held by ${h.map((t) => t.name).join(' and ')}`;
}

/** A primitive's kind and state in words, or null for kinds the panel does not show. */
function rowOf(on: Waitable): Omit<PanelRow, 'waiters' | 'name'> | null {
  if (on instanceof Shared) return { kind: 'shared', value: repr(on.value) };
  if (on instanceof Lock || on instanceof RLock) return { kind: 'lock', value: holderText(on) };
  if (on instanceof Semaphore) return { kind: 'semaphore', value: `${on[PEEK]()} free` };
  if (on instanceof Queue) {
    const all = on[PEEK]();
    return { kind: 'queue', value: all.length === 0 ? 'empty' : `[${all.map(repr).join(', ')}]` };
  }
  if (on instanceof Event) return { kind: 'event', value: on.isSet() ? 'set' : 'clear' };
  if (on instanceof Condition) return { kind: 'condition', value: 'notify wakes the longest waiter' };
  if (on instanceof Barrier) {
    return { kind: 'barrier', value: on.broken ? 'broken' : `${on.nWaiting} of ${on.parties} waiting` };
  }
  return null;
}

/**
 * The state panel of a run with `locations` (which keeps its primitives): every shared cell
 * and its value, every lock with its holder, semaphores' free units, queues' items, events set
 * or clear, each with the threads blocked on it.
 */
export function statePanel(rt: Runtime): PanelRow[] {
  const rows: PanelRow[] = [];
  for (const on of rt.primitives ?? []) {
    const row = rowOf(on);
    if (row === null) continue;
    const label = on[DESCRIBE]().replace(/ \(.*\)$/, '');
    // A queue's waiters block on its put or get side, described as the queue plus the side.
    const waitsHere = (w: Waitable): boolean => w === on || w[DESCRIBE]().startsWith(`${label} (`);
    const waiters = rt.threads.filter((t) => t.state === BLOCKED && t.waitingOn !== null && waitsHere(t.waitingOn));
    rows.push({ ...row, name: (on as { name?: string }).name ?? label, waiters: waiters.map((t) => t.name) });
  }
  return rows;
}

/** Who holds the primitive a description names (for "blocks: waits for Lock 'lockB' (held by Thread-2)"). */
export function holdersOf(rt: Runtime, described: string): string[] {
  const on = (rt.primitives ?? []).find((p) => p[DESCRIBE]() === described);
  return on === undefined ? [] : on[HOLDERS]().map((t) => t.name);
}
