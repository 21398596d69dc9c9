import { activeRuntime } from '../scheduler/context';
import type { Runtime } from '../scheduler/runtime';
import { ChoiceStrategy, type Chooser } from '../scheduler/strategies/choice';
import type { Strategy } from '../scheduler/strategies/strategy';
import type { ThreadRecord } from '../scheduler/thread-record';

/** Where one step began: who ran it, and how many trace events the run had recorded before it. */
export interface StepMark {
  thread: ThreadRecord;
  /** The step's number: the run's step count once it has run. */
  step: number;
  traceAt: number;
}

/**
 * The choice strategy of replay (so a session's decisions mean what a token's do), noting each
 * step as it is picked: a step session runs with `switchInterval: 1`, so every step is picked.
 */
export class MarkingStrategy implements Strategy {
  readonly #inner: ChoiceStrategy;
  readonly marks: StepMark[] = [];

  constructor(chooser: Chooser) {
    this.#inner = new ChoiceStrategy(chooser);
  }

  get size(): number {
    return this.#inner.size;
  }

  add(t: ThreadRecord): void {
    this.#inner.add(t);
  }

  timerFirst(timer: ThreadRecord): boolean {
    return this.#inner.timerFirst(timer);
  }

  pick(prev: ThreadRecord | null): ThreadRecord {
    const t = this.#inner.pick(prev);
    const rt = activeRuntime()!;
    this.marks.push({ thread: t, step: rt.steps + 1, traceAt: rt.trace?.length ?? 0 });
    return t;
  }
}

/** Thrown by the session's chooser to abandon a run at the decision it stops at. */
export class Captured {
  constructor(
    readonly rt: Runtime,
    /** Thread ids of the runnable threads, in id order. */
    readonly ids: readonly number[],
  ) {}
}

/** Auto-made choices of one `N+` (run a thread to its next visible operation) at most. */
const FOLLOW_LIMIT = 10_000;

/** True when a thread's next step has an effect a learner sees: an op, or the end of a wait. */
export function isVisible(t: ThreadRecord): boolean {
  return t.opName !== null || (t.steps > 0 && t.resumeValue !== undefined);
}

/**
 * Follows `prefix` (thread ids at thread decisions, 0/1 at coinciding timeouts, as a token
 * records them); beyond it, keeps running `follow` while its next step is not visible, then
 * stops at the next decision by throwing a `Captured` (a run cannot wait for the user).
 * `taken` holds the decisions it made itself beyond the prefix.
 */
export class SessionChooser implements Chooser {
  readonly taken: number[] = [];

  constructor(
    readonly prefix: readonly number[],
    readonly follow: number | null,
  ) {}

  choose(candidates: readonly ThreadRecord[], _prev: ThreadRecord | null, decision: number): number {
    if (decision < this.prefix.length) {
      const id = this.prefix[decision]!;
      if (!candidates.some((t) => t.id === id)) {
        throw new Error(`internal: the step session's choice #${id} at decision ${decision + 1} is not runnable again`);
      }
      return id;
    }
    const followed = this.follow === null ? undefined : candidates.find((t) => t.id === this.follow);
    if (followed !== undefined && !isVisible(followed) && this.taken.length < FOLLOW_LIMIT) {
      this.taken.push(followed.id);
      return followed.id;
    }
    throw new Captured(
      activeRuntime()!,
      candidates.map((t) => t.id),
    );
  }

  /** A timeout due at the same instant as a step fires first, as the default strategy has it. */
  timerFirst(_timer: ThreadRecord, decision: number): boolean {
    if (decision < this.prefix.length) return this.prefix[decision] === 0;
    this.taken.push(0);
    return true;
  }
}
