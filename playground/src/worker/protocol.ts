import type { TraceEvent } from '../../../src/browser';

/** The options a page run takes: those the page sets, over the program's own `export const options`. */
export interface PageRunOptions {
  seed: string;
  strategy: 'round-robin' | 'random' | 'pct';
  /** Empty: the program's own (or the library's default). */
  switchInterval: number | null;
}

/** A read or write of a shared cell, with the value read or written. */
export interface CellAccess {
  thread: string;
  id: number;
  step: number;
  /** Virtual seconds when it happened. */
  time: number;
  cell: string;
  write: boolean;
  value: string;
  line: number | null;
}

/** A run as the page shows it: the result's plain parts, the trace, the accesses and source lines. */
export interface RunView {
  status: string;
  value: string;
  output: string;
  steps: number;
  time: number;
  token: string;
  /** The program's check: 'holds', 'fails', 'fails: <error>', or null when it exports none. */
  verdict: string | null;
  errors: string[];
  deadlock: string | null;
  trace: TraceEvent[];
  accesses: CellAccess[];
  /** For trace event i, the source line its thread was at, or null. */
  lines: (number | null)[];
}

/** A row of the step view's state panel: a shared cell, lock, semaphore, queue, event, condition or barrier. */
export interface StateItem {
  kind: string;
  name: string;
  /** Its state in words: `3`, `held by Thread-1`, `free`, `['a', 'b']`, `set`. */
  value: string;
  /** Threads blocked on it. */
  waiters: string[];
}

/** A thread on a step screen: its state, its choice number when runnable, what it does next, its line. */
export interface StepThreadView {
  thread: string;
  state: 'runnable' | 'blocked' | 'done' | 'failed';
  number: number | null;
  doing: string;
  line: number | null;
}

/** A step view screen (the library's StepState, with editor lines for the threads). */
export interface StepView {
  runnable: { number: number; thread: string; next: string; line: number | null }[];
  blocked: { thread: string; waitingFor: string; heldBy: string[]; line: number | null }[];
  threads: StepThreadView[];
  /** What happened since the previous screen, in words: `read count → 3`. */
  happened: { step: number; thread: string; text: string; line: number | null }[];
  output: string;
  steps: number;
  time: number;
  preemptions: number;
  state: StateItem[];
  choices: number;
  finished: RunView | null;
  challenge: string | null;
}

/** What an exploration left, for the Outcomes panel. */
export interface ExploreView {
  runs: number;
  failures: number;
  distinct: number;
  outcomes: Record<string, number>;
  firstFailure: { schedule: string; shrunk: string; output: string } | null;
  /** Wall-clock milliseconds the search took in the worker (for the runs-per-second figure). */
  elapsedMs: number;
}

export interface PredictView {
  value: string;
  guess: string;
  holds: number;
  runs: number;
  run: RunView;
}

export type Request =
  | { kind: 'run'; source: string; options: PageRunOptions; token: string | null }
  | { kind: 'explore'; source: string; options: PageRunOptions; strategy: string; runs: number }
  | { kind: 'predict'; source: string; options: PageRunOptions; guess: string; runs: number }
  | { kind: 'step-start'; source: string; options: PageRunOptions; challenge: boolean; token: string | null }
  | { kind: 'step-choose'; number: number; toNextVisible: boolean }
  | { kind: 'step-undo' }
  | { kind: 'step-finish' };

export type Reply =
  | { id: number; kind: 'done'; data: unknown }
  | { id: number; kind: 'failed'; message: string; line: number | null; column: number | null }
  | { id: number; kind: 'progress'; runs: number; budget: number }
  | { kind: 'spinning'; thread: string; line: number };
