import * as library from '../../../src/browser';
import type { StepBlocked } from '../../../src/cli/step-capture';
import type { Runtime } from '../../../src/scheduler/runtime';
import { DESCRIBE, HOLDERS, type Waitable } from '../../../src/scheduler/thread-record';
import { formatValue } from './format-value';
import { primitivesOf } from './library-shim';
import type { StateItem } from './protocol';

/** The state panel of a step screen: every shared cell and primitive the run has made, in order. */
export function statePanel(rt: Runtime, blocked: readonly StepBlocked[]): StateItem[] {
  return primitivesOf(rt).map((o) => describe(o, blocked));
}

function describe(o: object, blocked: readonly StepBlocked[]): StateItem {
  if (o instanceof library.Shared) return { kind: 'cell', name: o.name, detail: `= ${formatValue(o.value)}` };
  const w = o as Waitable & { name: string };
  const label = w[DESCRIBE]();
  const kind = label.split(' ')[0] ?? 'object';
  const parts: string[] = [];
  if (o instanceof library.Event) parts.push(o.isSet() ? 'set' : 'not set');
  if (o instanceof library.Queue) parts.push(`${o.qsize()} item${o.qsize() === 1 ? '' : 's'}`);
  const value = /value=(-?\d+)/.exec(String(o));
  if (value !== null) parts.push(`value ${value[1]!}`);
  const holders = w[HOLDERS]().map((t) => t.name);
  if (o instanceof library.Lock || o instanceof library.RLock || holders.length > 0) {
    parts.push(holders.length === 0 ? 'free' : `held by ${holders.join(', ')}`);
  }
  const waiters = blocked.filter((b) => b.waitingFor.includes(label)).map((b) => b.thread);
  if (waiters.length > 0) parts.push(`waiting: ${waiters.join(', ')}`);
  return { kind, name: w.name, detail: parts.join('; ') };
}
