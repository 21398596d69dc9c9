import { activeRuntime } from '../scheduler/context';
import type { RunResult } from '../scheduler/execute';
import type { Runtime } from '../scheduler/runtime';
import type { Chooser } from '../scheduler/strategies/choice';
import { BLOCKED, DESCRIBE, HOLDERS, type ThreadRecord } from '../scheduler/thread-record';
import { isTimeWait } from './timeline/lanes';

/** A thread the user may run next, numbered from 1 in the order listed (by thread id). */
export interface StepChoice {
  number: number;
  thread: string;
  /** What its next step does: `acquire Lock 'lockA'`, `print`, `run its own code`. */
  next: string;
}

/** A blocked thread: what it waits for, and who holds that (empty when nobody does). */
export interface StepBlocked {
  thread: string;
  waitingFor: string;
  heldBy: string[];
}

/** The decision point a step session shows, or, once the run is over, where it ended. */
export interface StepState {
  /** Empty once the run is over. */
  readonly runnable: readonly StepChoice[];
  readonly blocked: readonly StepBlocked[];
  /** Everything printed so far. */
  readonly output: string;
  readonly steps: number;
  /** Virtual seconds. */
  readonly time: number;
  /** The run's result once it is over (it ended, or `finish()` finished it); null before. */
  readonly finished: RunResult | null;
}

/** Thrown by the capturing chooser to abandon a run at the decision it has captured. */
export class Captured {
  constructor(
    readonly state: StepState,
    /** Thread ids of `state.runnable`, in order. */
    readonly ids: readonly number[],
  ) {}
}

/**
 * Follows `prefix`, then captures the state at the first decision beyond it and throws it as a
 * `Captured`, which abandons the run (a run is synchronous and cannot wait for the user).
 */
export class CapturingChooser implements Chooser {
  constructor(readonly prefix: readonly number[]) {}

  choose(candidates: readonly ThreadRecord[], _prev: ThreadRecord | null, decision: number): number {
    if (decision < this.prefix.length) {
      const id = this.prefix[decision]!;
      if (!candidates.some((t) => t.id === id)) throw new Error(`internal: the step session's choice #${id} at decision ${decision + 1} is not runnable on re-execution`);
      return id;
    }
    const rt = activeRuntime()!;
    const runnable = candidates.map((t, i) => ({ number: i + 1, thread: t.name, next: nextStep(t) }));
    throw new Captured({ runnable, blocked: blockedThreads(rt), output: rt.output.join(''), steps: rt.steps, time: rt.clock.now(), finished: null }, candidates.map((t) => t.id));
  }
}

/** The blocked threads of a run, in id order. */
export function blockedThreads(rt: Runtime): StepBlocked[] {
  return rt.threads
    .filter((t) => t.state === BLOCKED)
    .map((t) => ({
      thread: t.name,
      waitingFor: t.waitingOn?.[DESCRIBE]() ?? 'something',
      heldBy: (t.waitingOn?.[HOLDERS]() ?? []).map((h) => h.name),
    }));
}

/** What a runnable thread's next step does, from what its op announced. */
export function nextStep(t: ThreadRecord): string {
  if (t.opName === null) {
    if (t.steps === 0) return 'start: run its own code';
    // A woken thread resumes inside the op that blocked it, with the wake value pending.
    return t.resumeValue !== undefined ? 'go on after its wait' : 'run its own code';
  }
  if (t.opOn === null) return t.opName;
  const on = t.opOn[DESCRIBE]();
  if (on.startsWith(`${t.opName}(`) || isTimeWait(on)) return on;
  const join = /^(.+) to end \(join\)$/.exec(on);
  if (join !== null) return `${t.opName} ${join[1]!}`;
  return `${t.opName} ${on}`;
}
