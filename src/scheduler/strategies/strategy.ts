import type { ThreadRecord } from '../thread-record';

/**
 * A scheduling policy: it holds the runnable threads and picks the next one to run. The runtime
 * calls `add` when a thread becomes runnable (started, woken, or its GIL slice ran out) and
 * `pick` at each decision point; a decision point with a single candidate still goes through
 * `pick`, so a strategy sees every decision.
 */
export interface Strategy {
  /** How many runnable threads the strategy holds. */
  readonly size: number;
  /** A thread became runnable. */
  add(t: ThreadRecord): void;
  /** Removes and returns the thread to run next; `prev` ran last (it may be among the candidates). */
  pick(prev: ThreadRecord | null): ThreadRecord;
  /** The step at which the strategy wants a decision even within a GIL slice (PCT's change points). */
  nextChangePoint?(): number;
  /** Called when the step returned by `nextChangePoint` is reached, with the running thread. */
  changePoint?(current: ThreadRecord): void;
  /** The running thread `t` gave up its turn (`sleep(0)`): PCT lowers its priority. */
  yielded?(t: ThreadRecord): void;
  /** A thread ended (strategies with per-thread state may drop it). */
  removed?(t: ThreadRecord): void;
  /**
   * The step running now used `on` (`what` names the call: `'read'`, `'acquire'`, `'time'`...).
   * Only exploring strategies define it: it feeds the dependency relation of partial-order
   * reduction. Callers test for it once, so runs without it pay one property check.
   */
  touch?(on: object, what: string): void;
  /**
   * A timeout of the blocked thread `timer` falls due at this very instant, while a thread
   * could take a step first (`running`, the thread holding the GIL, or one of the runnable):
   * true fires the timeout first, false lets one step run before it. Strategies without it
   * always fire first; those with it make the order of coinciding events a scheduling choice,
   * recorded in tokens as 0 (fired first) or 1 (step first).
   */
  timerFirst?(timer: ThreadRecord, running: ThreadRecord | null): boolean;
  /**
   * Throws an `InvariantError` when the strategy's own structure (ready set, heap, ring, search
   * tree) breaks an invariant its fields state. For tests, which call it after each decision by
   * wrapping the strategy; the runtime never calls it, so it costs a run nothing.
   */
  assertInvariants?(): void;
}

/** Makes the next float in [0, 1) of a seeded generator. */
export type Rng = () => number;
