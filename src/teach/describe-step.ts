import { repr } from '../_internal/format';
import { PEEK } from '../_internal/peek';
import { Barrier } from '../primitives/barrier';
import { Condition } from '../primitives/condition';
import { Event } from '../primitives/event';
import { Queue } from '../primitives/queue';
import { RLock } from '../primitives/rlock';
import { Semaphore } from '../primitives/semaphore';
import { Shared } from '../primitives/shared';
import { DESCRIBE, HOLDERS, type ThreadRecord, type Waitable } from '../scheduler/thread-record';
import type { TraceEvent } from '../scheduler/trace';

/** `Lock 'lockA' (held by Thread-1)` or `(free)`: whether an acquire would get it now. */
function lockState(on: Waitable, me: ThreadRecord): string {
  if (on instanceof Semaphore) return `${on[PEEK]()} free`;
  const holders = on[HOLDERS]();
  if (holders.length === 0) return 'free';
  if (holders[0] === me) return on instanceof RLock ? 'held by itself: one more level' : 'held by itself';
  return `held by ${holders.map((h) => h.name).join(' and ')}`;
}

function items(q: Queue<unknown>): string {
  const all = q[PEEK]();
  return all.length === 0 ? 'empty' : `holds ${all.map(repr).join(', ')}`;
}

/** What a runnable thread's next step does, in words and with the values it will see. */
export function nextStepWords(thread: ThreadRecord): string {
  if (thread.opName === null) {
    if (thread.steps === 0) return 'starts: runs its own code';
    // A woken thread resumes inside the op that blocked it, with the wake value pending.
    return thread.resumeValue !== undefined ? 'goes on after its wait' : 'runs its own code';
  }
  const on = thread.opOn;
  if (thread.opName === 'print') return thread.opArg === '\n' ? 'prints a newline' : `prints ${repr(thread.opArg)}`;
  if (on === null) return thread.opName;
  if (on instanceof Shared) {
    return thread.opName === 'read'
      ? `reads ${on.name} (now ${repr(on.value)})`
      : `writes ${on.name} ← ${repr(thread.opArg)}`;
  }
  if (thread.opName === 'acquire') return `acquires ${on[DESCRIBE]()} (${lockState(on, thread)})`;
  if (on instanceof Queue) {
    const where = `${on[DESCRIBE]()} (${items(on)})`;
    return thread.opName === 'put' ? `puts ${repr(thread.opArg)} into ${where}` : `${thread.opName}s from ${where}`;
  }
  if (on instanceof Event) return `waits for ${on[DESCRIBE]()} (${on.isSet() ? 'set' : 'clear'})`;
  if (on instanceof Condition) return `waits on ${on[DESCRIBE]().replace(/ \(.*\)$/, '')} (releasing its lock)`;
  if (on instanceof Barrier) return `waits at ${on[DESCRIBE]()} (${on.nWaiting} of ${on.parties} there)`;
  const what = on[DESCRIBE]();
  const sleep = /^sleep\((.*)\)$/.exec(what);
  if (sleep !== null) return `sleeps ${sleep[1]!} s`;
  const join = /^(.+) to end \(join\)$/.exec(what);
  if (join !== null) return `joins ${join[1]!}`;
  return `${thread.opName} ${what}`;
}

/** The bare name in a description: `count` from `shared 'count'`. */
function bare(on: string): string {
  return /^\S+ '(.*)'$/.exec(on)?.[1] ?? on;
}

/** Past tenses of the plain calls a trace records (others add `d`: `release` → `released`). */
const PAST: Record<string, string> = { set: 'set', clear: 'cleared', notify: 'notified' };

/** `Thread-2` from `Thread-2 to end (join)`. */
function joined(on: string): string {
  return on.replace(/ to end \(join\)$/, '');
}

/** An op event in words (past tense): `read count → 3`, `acquired Lock 'lockA'`. */
function opWords(event: Extract<TraceEvent, { type: 'op' }>): string {
  switch (event.op) {
    case 'read':
      return `read ${bare(event.on)} → ${event.value ?? ''}`;
    case 'write':
      return `wrote ${bare(event.on)} ← ${event.value ?? ''}`;
    case 'acquire':
      return event.ok === false ? `did not get ${event.on} (timed out)` : `acquired ${event.on}`;
    case 'wait':
      return event.ok === false
        ? `stopped waiting on ${event.on} (timed out)`
        : `was woken from its wait on ${event.on}`;
    case 'put':
      return `put ${event.value ?? ''} into ${event.on}`;
    case 'get':
      return `got ${event.value ?? ''} from ${event.on}`;
    case 'join':
      return event.ok === false ? `stopped waiting for ${joined(event.on)} (timed out)` : `joined ${joined(event.on)}`;
    default:
      return `${PAST[event.op] ?? `${event.op}d`} ${event.on}`;
  }
}

/**
 * A trace event in words, or null for events a step view does not list (switches, slices).
 * `holders` says who holds what a thread blocked on, for the block line.
 */
export function eventWords(event: TraceEvent, holders: (on: string) => string[]): string | null {
  switch (event.type) {
    case 'op':
      return opWords(event);
    case 'print':
      return event.text === '\n' ? 'printed a newline' : `printed ${repr(event.text)}`;
    case 'block': {
      const sleep = /^sleep\((.*)\)$/.exec(event.on);
      if (sleep !== null) return `sleeps ${sleep[1]!} s (until ${(event.time + Number(sleep[1])).toFixed(6)} s)`;
      const held = holders(event.on);
      const by = held.length > 0 ? ` (held by ${held.join(' and ')})` : '';
      return `blocks: waits for ${event.on}${by}${event.timeout === null ? '' : ` for at most ${event.timeout} s`}`;
    }
    case 'wake':
      if (/^sleep\(/.test(event.on)) return `wakes: its ${event.on} is over`;
      return event.timedOut ? `wakes: its wait for ${event.on} timed out` : `wakes: ${wakeCause(event.on, event.by)}`;
    case 'start':
      return event.by === '' ? null : `is started by ${event.by}`;
    case 'end':
      return event.error === null ? 'ends' : `ends with an uncaught ${event.error.split('\n')[0]!}`;
    default:
      return null;
  }
}

/** Why a waiter woke, from what it waited on: `Thread-1 released Lock 'lockA'`, `Thread-1 ended`. */
function wakeCause(on: string, by: string | null): string {
  const who = by ?? 'a timer';
  const join = /^(.+) to end \(join\)$/.exec(on);
  if (join !== null) return `${join[1]!} ended`;
  if (/^(Lock|RLock|Semaphore|BoundedSemaphore) /.test(on)) return `${who} released ${on}`;
  if (/^Event /.test(on)) return `${who} set ${on}`;
  if (/^Condition /.test(on)) return `${who} notified ${on.replace(/ \(.*\)$/, '')}`;
  return `${who} let it go on (${on})`;
}
