/**
 * A strategy wrapper for tests that checks the engine's invariants after every call the runtime
 * makes: the wrapped strategy's own structure (`assertInvariants()`: ready set, PCT heap, ring,
 * search tree) and the wait-queue links of every thread of the run. The runtime never checks
 * them itself, so ordinary runs pay nothing; a test opts in by running through this wrapper.
 */
import { activeRuntime } from '../../src/scheduler/context';
import { InvariantError } from '../../src/scheduler/invariant';
import type { Strategy } from '../../src/scheduler/strategies/strategy';
import type { ThreadRecord } from '../../src/scheduler/thread-record';
import { assertWaitQueueLinks } from '../../src/scheduler/wait-queue';
import { thrownBy } from './run-helpers';

/** Checks the strategy's structure and the active run's wait-queue links. */
export function assertEngineInvariants(strategy: Strategy, threads?: Iterable<ThreadRecord>): void {
  strategy.assertInvariants?.();
  const all = threads ?? activeRuntime()?.threads;
  if (all !== undefined) assertWaitQueueLinks(all);
}

/**
 * Wraps `inner`, forwarding every call and checking after it. The optional members exist on
 * the wrapper exactly when they exist on `inner`: the runtime tests for them (a strategy with
 * `timerFirst` makes coinciding events a choice), so the run is the same as with `inner` alone.
 */
export class CheckedStrategy implements Strategy {
  /** How many times the invariants were checked (a test can see that checking happened). */
  checks = 0;
  /**
   * The first invariant error, kept because a check inside a thread's step (a wake adds the woken
   * thread) is thrown into that thread, where the run reports it as the thread's error.
   */
  broken: Error | null = null;
  nextChangePoint?: () => number;
  changePoint?: (current: ThreadRecord) => void;
  yielded?: (t: ThreadRecord) => void;
  removed?: (t: ThreadRecord) => void;
  touch?: (on: object, what: string) => void;
  timerFirst?: (timer: ThreadRecord, running: ThreadRecord | null) => boolean;

  constructor(readonly inner: Strategy) {
    if (inner.nextChangePoint !== undefined) this.nextChangePoint = () => inner.nextChangePoint!();
    if (inner.changePoint !== undefined) this.changePoint = (t) => this.#after(inner.changePoint!(t));
    if (inner.yielded !== undefined) this.yielded = (t) => this.#after(inner.yielded!(t));
    if (inner.removed !== undefined) this.removed = (t) => this.#after(inner.removed!(t));
    if (inner.touch !== undefined) this.touch = (on, what) => inner.touch!(on, what);
    if (inner.timerFirst !== undefined)
      this.timerFirst = (timer, running) => this.#after(inner.timerFirst!(timer, running));
  }

  get size(): number {
    return this.inner.size;
  }

  add(t: ThreadRecord): void {
    this.#after(this.inner.add(t));
  }

  pick(prev: ThreadRecord | null): ThreadRecord {
    return this.#after(this.inner.pick(prev));
  }

  assertInvariants(): void {
    assertEngineInvariants(this.inner);
  }

  #after<T>(value: T): T {
    this.checks++;
    try {
      assertEngineInvariants(this.inner);
    } catch (e) {
      this.broken ??= e as Error;
      throw e;
    }
    return value;
  }
}

/** The message of the InvariantError `check` throws (failing the test when it throws nothing or something else). */
export function brokenInvariant(check: () => void): string {
  const error = thrownBy(check);
  if (!(error instanceof InvariantError)) throw new Error(`expected an InvariantError, got ${String(error)}`);
  return error.message;
}
