import type { ThreadGenerator } from './instruction';
import type { SourceLocation } from './source-location';
import type { WaitQueue } from './wait-queue';

/** Thread states on the hot path are small integers; `threadState()` gives the readable union. */
export const RUNNABLE = 0;
export const BLOCKED = 1;
export const DONE = 2;
export const NEW = 3;
export type StateCode = typeof RUNNABLE | typeof BLOCKED | typeof DONE | typeof NEW;

/**
 * Something a thread can block on, as reports name it: "Lock 'lockA'", held by Thread-1.
 * `holders` gives the threads that must act before the waiter can go on (the wait-for edges).
 */
export interface Waitable {
  /** A short label such as `Lock 'lockA'` or `Thread-2 to end (join)`. */
  // biome-ignore lint/correctness/noInvalidUseBeforeDeclaration: a type position; the symbol is defined below
  [DESCRIBE](): string;
  /** The threads whose action would release the waiter (lock owners, the joined thread). */
  // biome-ignore lint/correctness/noInvalidUseBeforeDeclaration: a type position; the symbol is defined below
  [HOLDERS](): readonly ThreadRecord[];
  /** What another thread would do to free the waiter (default `release`; a Condition's is `notify`). */
  readonly [FREED_BY]?: string;
}

/** Symbol keys keep the Waitable protocol off the primitives' public surface. */
export const DESCRIBE: unique symbol = Symbol('interleave.describeWait');
export const HOLDERS: unique symbol = Symbol('interleave.holders');
export const FREED_BY: unique symbol = Symbol('interleave.freedBy');

/**
 * The scheduler's record of one thread. Fields are plain and mutable because the step loop
 * touches them on every step; nothing outside src/scheduler and src/primitives sees them.
 */
export class ThreadRecord {
  state: StateCode = NEW;
  /** Set once the thread has started. */
  gen: ThreadGenerator | null = null;
  /** The value the next `next()` passes in (a wake result). */
  resumeValue: unknown = undefined;
  /** An error to throw into the generator at the next resume instead of `next()`. */
  pendingThrow: unknown = undefined;
  hasPendingThrow = false;

  /** What the thread is blocked on (null while runnable). */
  waitingOn: Waitable | null = null;
  /**
   * Intrusive links of the WaitQueue the thread is in, if any. Invariant: a thread is in at most
   * one queue, and is linked in the one it names (`assertWaitQueueLinks`).
   */
  waitQueue: WaitQueue | null = null;
  waitPrev: ThreadRecord | null = null;
  waitNext: ThreadRecord | null = null;
  /** Bumped at each block, so a stale timeout can tell it no longer applies. */
  blockGen = 0;
  /** Per-wait payload that a waker hands over (a queue item, a semaphore unit count). */
  waitData: unknown = undefined;
  /** Virtual time the current wait started, for reports. */
  blockedAt = 0;
  /** Set by an op that waits without a timeout, before its announce (partial-order reduction reads it). */
  opWaits = false;

  /** The op the thread is about to take effect in (set by the op before its step), for views. */
  opName: string | null = null;
  opOn: Waitable | null = null;
  /** With `locations`: where the program called its latest op, and that op's argument (a value to write). */
  at: SourceLocation | null = null;
  opArg: unknown = undefined;

  /** Position in a strategy's ready structure (-1 when not in it). */
  readyIndex = -1;
  /** PCT priority; random strategies may keep their own keys here. */
  priority = 0;

  /** Threads joined on this one. */
  joiners: WaitQueue | null = null;
  /** The error the thread ended with, when it failed. */
  error: unknown = undefined;
  failed = false;
  /** Steps this thread has run. */
  steps = 0;
  /** Its place in the order threads started (Python's `enumerate()` order); -1 before it starts. */
  startOrder = -1;

  constructor(
    readonly id: number,
    public name: string,
    public daemon: boolean,
    /**
     * The public Thread object (typed loosely to keep the engine free of the public API); null
     * for main until the program first asks for it (see `primitives/thread`).
     */
    public owner: object | null,
  ) {}
}

/** The readable state of a thread, as reports and the `step` view show it. */
export type ThreadState = 'new' | 'runnable' | 'blocked' | 'done' | 'failed';

/** Maps a record to its readable state. */
export function threadState(t: ThreadRecord): ThreadState {
  switch (t.state) {
    case NEW:
      return 'new';
    case RUNNABLE:
      return 'runnable';
    case BLOCKED:
      return 'blocked';
    case DONE:
      return t.failed ? 'failed' : 'done';
  }
}
