/**
 * The public vocabulary of a run: what `run`, `replay` and `explore` hand back and what a program
 * names. Types only, at the bottom of the layers (see docs/design.md), so every layer can use
 * them. The public option types live here too; the code that checks them (`resolveRunOptions`,
 * `resolveExploreOptions`, the primitives' argument checks) stays beside its use.
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

// Options: what `run`, `replay`, `explore`, `assertSchedules`, threads and primitives take.
// Checked where they are used; declared here so the vocabulary is in one file.

/** Options of `run` (and, with their defaults, of `replay` and `explore`). */
export interface RunOptions {
  /** Seeds `random()`, `randint()` and the random and PCT strategies. Default 0. */
  seed?: string | number;
  /** How the next thread is chosen at each decision point. Default `'round-robin'`. */
  strategy?: StrategyName;
  /** Steps a thread runs before the GIL may change hands. Default 100; 1 = at every step. */
  switchInterval?: number;
  /** Virtual seconds one step (one tick without the GIL) costs. Default 1e-6. */
  stepTime?: number;
  /** Simulate the GIL: one thread runs at a time. Default true. */
  gil?: boolean;
  /** Without the GIL, how many threads advance one step per tick. Default 1. */
  cores?: number;
  /** Steps after which the run stops with status `'step-limit'`. Default 10,000,000. */
  maxSteps?: number;
  /** Record typed trace events in `RunResult.trace`. Default false. */
  trace?: boolean;
  /** Run the happens-before race detector over `shared` cells. Default false. */
  detectRaces?: boolean;
  /**
   * Record where in the program each op was called (file, line, column, from a stack captured at
   * the op) and, with `trace`, the values ops read, wrote, put and got. For teaching views; slow. Default false.
   */
  locations?: boolean;
  /** PCT's depth d (bugs needing d ordering constraints). Default 3. */
  depth?: number;
  /** PCT's estimate of the run's length in steps, where change points fall. Default 1,000. */
  pctLength?: number;
  /**
   * Names the program in the run's schedule token (the CLI gives the demo's name or a hash of the
   * file), so a replay can tell a token made with another program. Default: none.
   */
  program?: string;
  /**
   * Print a Python-style traceback of the program's own frames in the `Exception in thread NAME:`
   * report of an uncaught error. Default false (the frames name files of the host).
   */
  traceback?: boolean;
}

/** How `explore` chooses the schedules it runs. */
export type ExploreStrategyName = 'random' | 'pct' | 'exhaustive';

/** The property a run must satisfy: returning false or throwing marks the run as failing. */
export type ExploreCheck<T = unknown> = (result: RunResult<T>) => unknown;

/** Options of `explore` and `assertSchedules`: the search's own, plus any `RunOptions`. */
export interface ExploreOptions<T = unknown> extends Omit<RunOptions, 'strategy'> {
  /** `'random'` (default), `'pct'` or `'exhaustive'`. */
  strategy?: ExploreStrategyName;
  /** How many runs to make (the budget). Default 1,000; `Infinity` only for `'exhaustive'`. */
  runs?: number;
  /** For `'exhaustive'`: the most preemptions a schedule may have. Default: no bound. */
  preemptionBound?: number;
  /**
   * For `'exhaustive'`, instead of `preemptionBound`: the most delays a schedule may have (a
   * delay skips the thread the default scheduler would run next: at any switch, choosing the
   * k-th ready thread after it costs k). Default: none (preemptions are bounded).
   */
  delayBound?: number;
  /** The property; default: the run ends `'ok'` with no uncaught error in any thread. */
  check?: ExploreCheck<T>;
  /** Stop at the first failing run instead of spending the whole budget. Default false. */
  stopOnFailure?: boolean;
  /** `'i/n'`: run only the i-th (1-based) of n disjoint slices of the search. */
  shard?: string;
  /** For `'exhaustive'`: skip schedules equivalent to one already run. Default true. */
  reduction?: boolean;
  /** Shrink the first failing schedule (bounded work). Default true. */
  shrink?: boolean;
  /** Called after every run with the runs made so far and the budget (for progress bars). */
  onProgress?: (runs: number, budget: number) => void;
}

/** Options of `exploreParallel`: those of `explore` (the check comes from the module), plus `workers`. */
export interface ParallelExploreOptions extends Omit<ExploreOptions, 'check'> {
  /** Worker threads to use. Default: the machine's available parallelism. */
  workers?: number;
  /**
   * Default true: when the search is too short to pay for starting the workers it needs (timed
   * on a few runs against a worker's measured start-up), it runs in this thread instead; the
   * report is the same. With the watchdog on, only where this thread's steps are watched already
   * (inside the `interleave` command): elsewhere nothing could stop a run that never yields.
   * False always uses workers.
   */
  breakEven?: boolean;
  /**
   * Seconds a worker's run may go without finishing a step (a thread body looping without
   * `yield`) before every worker is stopped and the promise rejects naming the thread and the
   * line where it last yielded. Default 5; 0 turns the watchdog off.
   */
  watchdog?: number;
}

/** Options of `assertSchedules`: those of `explore`, and whether a search that stopped short may pass. */
export interface AssertSchedulesOptions<T = unknown> extends ExploreOptions<T> {
  /**
   * For `'exhaustive'`: accept a search whose budget ran out before it covered every schedule.
   * Default false: such a search throws, since a test must never pass on a search that stopped short.
   */
  allowIncomplete?: boolean;
}

/** A thread body: a generator function; its steps are its bare `yield`s and `yield*` ops. */
export type ThreadTarget<A extends unknown[] = unknown[]> = (...args: A) => Generator<unknown, unknown, unknown>;

/** What `new Thread(...)` takes (Python's keyword arguments). */
export interface ThreadOptions<A extends unknown[] = unknown[]> {
  /** The generator function the thread runs; `run()` calls it with `args`. */
  target?: ThreadTarget<A>;
  /** Arguments for `target`. */
  args?: A;
  /** The thread's name; default (also for `''`, as CPython) `Thread-N`, N counting from 1 in each run. */
  name?: string;
  /** A daemon thread is abandoned when the program ends; default: the creating thread's flag. */
  daemon?: boolean;
}

/** The last argument of every primitive's constructor. */
export interface PrimitiveOptions {
  /** Names the primitive in traces, timelines and deadlock reports. */
  name?: string;
}

/** How a blocking acquire is asked for (Python's `acquire(blocking=True, timeout=-1)`). */
export interface AcquireOptions {
  /** Wait for the lock (default true); false tries once and returns at once. */
  blocking?: boolean;
  /** Give up after this many virtual seconds; -1 (the default) waits forever. */
  timeout?: number;
}

/** How a semaphore `acquire` is asked for (Python's `acquire(blocking=True, timeout=None)`). */
export interface SemaphoreAcquireOptions {
  /** Wait for a unit (default true); false tries once and returns at once. */
  blocking?: boolean;
  /** Give up after this many virtual seconds; null or absent waits forever, <= 0 tries once. */
  timeout?: number | null;
}

/** How `put`/`get` may wait (Python's `block=True, timeout=None`). */
export interface QueueOpOptions {
  /** Wait for room or an item (default true); false fails at once with QueueFull/QueueEmpty. */
  block?: boolean;
  /** With `block`, give up after this many virtual seconds; null/undefined waits forever. */
  timeout?: number | null;
}

/** How a ThreadPoolExecutor is set up (Python's `max_workers`, `thread_name_prefix`). */
export interface ThreadPoolExecutorOptions {
  /** The most worker threads it starts; default 5. */
  maxWorkers?: number;
  /** Worker names are `${prefix}_${i}`; default `ThreadPoolExecutor-N` (N counts pools from 0 in each run). */
  threadNamePrefix?: string;
}

/** Python's `shutdown(cancel_futures=...)`. */
export interface ShutdownOptions {
  /** Cancel the calls not yet started (default false: they all still run). */
  cancelFutures?: boolean;
}
