/**
 * The public vocabulary of a run: what `run`, `replay` and `explore` hand back and what a program
 * names. Types only, at the bottom of the layers (see docs/design.md), so every layer can use
 * them; option types stay beside the code that checks them, and src/index.ts exports both.
 */

/** Where in the program an op was called: a program line, through the loader's line-keeping transform. */
export interface SourceLocation {
  /** The file as the stack names it (a path, or a URL in a browser). */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

/**
 * Trace events, recorded with `trace: true`. A discriminated union, so a `switch` over `type`
 * is checked by the compiler. `step` and `time` say when the event happened (steps run so far,
 * virtual seconds); `thread` names the thread and `id` is its stable number in the run.
 */
export type TraceEvent =
  | { type: 'start'; step: number; time: number; thread: string; id: number; by: string }
  | { type: 'end'; step: number; time: number; thread: string; id: number; error: string | null }
  | {
      /** A run of consecutive steps of one thread (one GIL slice, or one tick without the GIL). */
      type: 'step';
      step: number;
      time: number;
      thread: string;
      id: number;
      /** Steps in the run; it covers steps [step, step + count). */
      count: number;
      endTime: number;
    }
  | {
      /** The GIL (or a core) changed hands. `preempted` when `from` could have gone on. */
      type: 'switch';
      step: number;
      time: number;
      from: string | null;
      to: string;
      id: number;
      reason: SwitchReason;
      preempted: boolean;
    }
  | {
      type: 'block';
      step: number;
      time: number;
      thread: string;
      id: number;
      on: string;
      timeout: number | null;
      /** With `locations`: the program line of the op that blocked. */
      at?: SourceLocation;
    }
  | {
      type: 'wake';
      step: number;
      time: number;
      thread: string;
      id: number;
      on: string;
      /** The thread whose action woke it, or null for a timeout. */
      by: string | null;
      timedOut: boolean;
    }
  | { type: 'timer'; step: number; time: number; thread: string; id: number; on: string }
  | {
      type: 'print';
      step: number;
      time: number;
      thread: string;
      id: number;
      text: string;
      /** With `locations`: the program line of the print. */
      at?: SourceLocation;
    }
  | {
      /**
       * An op's effect, with its value: a shared read (`value` what it returned) or write (what it
       * stored), an acquire or wait (`ok` false when it timed out or did not block and failed), a
       * queue put or get (the item), a release, an event set or clear.
       */
      type: 'op';
      step: number;
      time: number;
      thread: string;
      id: number;
      /** `read`, `write`, `acquire`, `release`, `wait`, `put`, `get`, `set`, `clear`, `notify`, `join`. */
      op: string;
      /** What it acted on, as reports name it: `Shared 'count'`, `Lock 'lockA'`. */
      on: string;
      /** The value read, written, put or got, as Python's repr shows it; null when the op has none. */
      value: string | null;
      /** Whether an acquire or wait succeeded; null for ops that cannot fail so. */
      ok: boolean | null;
      /** With `locations`: the program line that called the op. */
      at?: SourceLocation;
    };

/** Why a switch happened: the slice ran out, the holder blocked or ended, or (no GIL) a new tick. */
export type SwitchReason = 'slice' | 'block' | 'end' | 'start' | 'tick' | 'strategy';

/** The type names of trace events. */
export type TraceEventType = TraceEvent['type'];

/** A data race found by `detectRaces`: two accesses to one cell, at least one a write, unordered. */
export interface RaceReport {
  /** The shared cell's name. */
  variable: string;
  /** The two threads, earlier access first. */
  threads: [string, string];
  /** One sentence a learner can read. */
  message: string;
}

/** An uncaught error of a thread. */
export interface ThreadErrorEntry {
  /** The thread's name. */
  thread: string;
  /** The thrown value. */
  error: unknown;
}

/** What a run produced. */
export interface RunResult<T = unknown> {
  status: RunStatus;
  /** What main returned (undefined unless it ended normally). */
  value: T | undefined;
  /** Everything printed, in order. */
  output: string;
  steps: number;
  /** Virtual seconds at the end. */
  time: number;
  /** Uncaught errors of threads, in order; main's own error, if any, comes last. */
  errors: ThreadErrorEntry[];
  /** With status `'deadlock'`: who waits for what, held by whom, and the cycle. */
  deadlock: DeadlockReport | null;
  /** With status `'step-limit'`: which threads were still running. */
  stepLimit: StepLimitReport | null;
  /** With `detectRaces`: each racing pair of accesses, once. */
  races?: RaceReport[];
  /** A replay token: `replay(main, schedule)` reruns exactly this run. */
  schedule: string;
  /** With `trace: true`: the run's events in order. */
  trace?: TraceEvent[];
  /** How many times the GIL changed hands. */
  switches: number;
  /** How many of those switches took the GIL from a thread that could have gone on. */
  preemptions: number;
}

/** Why a run was stopped at `maxSteps`: which threads were still running, and their share. */
export interface StepLimitReport {
  /** The threads that ran in the last steps, most active first, with their share (0..1). */
  threads: { thread: string; share: number }[];
  /** One readable paragraph. */
  message: string;
}

/** One blocked thread in a deadlock report. */
export interface DeadlockThread {
  /** The blocked thread's name. */
  thread: string;
  /** What it waits for, such as `Lock 'lockB'`. */
  waitingFor: string;
  /** Names of the threads that hold what it waits for (empty when nobody does). */
  heldBy: string[];
}

/** Why a run ended in deadlock: who waits for what, held by whom, and the cycle if any. */
export interface DeadlockReport {
  threads: DeadlockThread[];
  /** Thread names around a wait-for cycle, the first repeated at the end; null when there is none. */
  cycle: string[] | null;
  /** One readable paragraph. */
  message: string;
}

/** What an uncaught error in a thread is handed to. */
export interface ExcepthookArgs {
  /** The thread's name. */
  readonly thread: string;
  /** The thrown value. */
  readonly error: unknown;
  /** Appends text to the run's output (no step; the hook runs inside the failing thread's step). */
  write(text: string): void;
  /**
   * With the run option `traceback: true`: the `Traceback (most recent call last):` lines of the
   * program's own frames (empty when none); absent otherwise.
   */
  readonly traceback?: string;
}

/** How a run ended. */
export type RunStatus = 'ok' | 'deadlock' | 'error' | 'step-limit';

/** A program's main thread: a generator function taking no arguments. */
export type MainFunction<T = unknown> = () => Generator<unknown, T, unknown>;

/** The strategies one run can use. */
export type StrategyName = 'round-robin' | 'random' | 'pct';
