import type { RunResult } from '../scheduler/run-program';
import type { SourceLocation } from '../scheduler/source-location';

/** A thread the user may run next, numbered from 1 in the order listed (by thread id). */
export interface StepChoice {
  number: number;
  thread: string;
  /** Its next step in words, with values: `reads count (now 3)`, `acquires Lock 'lockA' (free)`. */
  next: string;
  /** The program line of that step (with `locations`, which a step session turns on). */
  at: SourceLocation | null;
}

/** A blocked thread: what it waits for, and who holds that (empty when nobody does). */
export interface StepBlocked {
  thread: string;
  waitingFor: string;
  heldBy: string[];
  at: SourceLocation | null;
}

/** Every thread started so far, in id order, as the screen lists them. */
export interface StepThread {
  thread: string;
  state: 'runnable' | 'blocked' | 'done' | 'failed';
  /** Its choice number when runnable at this decision, else null. */
  number: number | null;
  /** Runnable: its next step; blocked: what it waits for (and who holds it); done: how it ended. */
  doing: string;
  /** The program line it is at (its next or latest op), when known. */
  at: SourceLocation | null;
}

/** One line of the state panel: a shared cell, lock, semaphore, queue, event, condition or barrier. */
export interface PanelRow {
  kind: 'shared' | 'lock' | 'semaphore' | 'queue' | 'event' | 'condition' | 'barrier';
  name: string;
  /** Its state in words: `3`, `held by Thread-1`, `free`, `['a', 'b']`, `set`. */
  value: string;
  /** Threads blocked on it, in id order. */
  waiters: string[];
}

/** Something that happened in one step, as one line says it: `Thread-2 · race.ts:21 · read count → 3`. */
export interface StepEvent {
  /** The step's number (1-based: the run had made this many steps after it). */
  step: number;
  thread: string;
  at: SourceLocation | null;
  text: string;
}

/** The decision point a step session shows, or, once the run is over, where it ended. */
export interface StepState {
  /** Empty once the run is over. */
  readonly runnable: readonly StepChoice[];
  readonly blocked: readonly StepBlocked[];
  readonly threads: readonly StepThread[];
  readonly panel: readonly PanelRow[];
  /** What happened since the previous decision (the chosen step and any steps only one thread could take). */
  readonly happened: readonly StepEvent[];
  /** Everything printed so far. */
  readonly output: string;
  readonly steps: number;
  /** Virtual seconds. */
  readonly time: number;
  /** Preemptions so far: switches away from a thread that could have gone on. */
  readonly preemptions: number;
  /** The run's result once it is over (it ended, or `finish()` finished it); null before. */
  readonly finished: RunResult | null;
}
