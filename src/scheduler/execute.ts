import { encodeToken, type ScheduleSpec } from '../explore/schedule-token';
import { Thread } from '../primitives/thread';
import { quickAlea } from './alea';
import { swapActive } from './context';
import { type DeadlockReport, deadlockReport } from './deadlock';
import type { HappensBefore } from './happens-before';
import type { ResolvedRunOptions } from './options';
import { type RunStatus, Runtime } from './runtime';
import { type StepLimitReport, stepLimitReport } from './step-limit';
import { PctStrategy } from './strategies/pct';
import { RandomStrategy } from './strategies/random';
import { RoundRobin } from './strategies/round-robin';
import type { Strategy } from './strategies/strategy';
import type { TraceEvent } from './trace';

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

/** A race detector: happens-before hooks plus the races found. */
export interface RaceDetector extends HappensBefore {
  reports(): RaceReport[];
}

/** How `execute` is driven by callers other than `run` (replay, exploration, the step view). */
export interface ExecuteConfig {
  /** Overrides `options.strategy`; the token then records the choices made. */
  strategy?: Strategy;
  /** Record the choice at every decision (implied by `strategy`). */
  record?: boolean;
  /** The race detector to use when `options.detectRaces` is set. */
  detector?: RaceDetector;
  /**
   * Encode the result's token only when `schedule` is read. An exploration makes thousands of
   * runs whose tokens nobody reads, and encoding one costs about 2 µs, more than a short run.
   */
  lazySchedule?: boolean;
}

/** Everything one execution leaves: the result, and the choices when recorded. */
export interface Execution<T> {
  result: RunResult<T>;
  choices: number[] | null;
  runtime: Runtime;
}

/** Builds the strategy an options object names (seeded from the run's seed). */
export function strategyFor(options: ResolvedRunOptions): Strategy {
  switch (options.strategy) {
    case 'round-robin':
      return new RoundRobin();
    case 'random':
      return new RandomStrategy(quickAlea(options.seed, ':schedule'));
    case 'pct':
      return new PctStrategy(quickAlea(options.seed, ':schedule'), options.depth, options.pctLength);
  }
}

/** Runs `main` once with settled options; the engine under `run`, `replay` and `explore`. */
export function execute<T>(main: () => Generator<unknown, T, never>, options: ResolvedRunOptions, config: ExecuteConfig = {}): Execution<T> {
  const strategy = config.strategy ?? strategyFor(options);
  const rt = new Runtime(options, strategy);
  if (config.strategy !== undefined || config.record === true) rt.choices = [];
  if (options.detectRaces && config.detector !== undefined) rt.hb = config.detector;
  // The active-run slot, saved and restored inline: a closure for withActive() per run showed.
  const saved = swapActive(rt);
  try {
    new Thread({ target: main as () => Generator<unknown, unknown, never> }).start();
    rt.runLoop();
  } finally {
    swapActive(saved);
  }
  // The runtime's own list is not touched after the run: copy it only to add main's error.
  const errors: ThreadErrorEntry[] = rt.mainError === null ? rt.errors : [...rt.errors, { thread: 'MainThread', error: rt.mainError.error }];
  const status: RunStatus = rt.status !== 'ok' ? rt.status : rt.mainError !== null ? 'error' : 'ok';
  // The seed is read now: a search reuses one options object and sets the next run's seed in it.
  const result = new ExecutedResult<T>(rt, status, errors, options.seed, config.strategy !== undefined);
  if (options.detectRaces) result.races = config.detector?.reports() ?? [];
  if (rt.trace !== null) result.trace = rt.trace;
  return { result: config.lazySchedule === true ? result : plainResult(result), choices: rt.choices, runtime: rt };
}

/**
 * A run's result whose token is encoded on first read of `schedule` (a getter on the prototype,
 * so unlike an object literal with a getter it costs nothing to make). Exploration's per-run
 * results are these; whatever leaves a search as a report is made plain by `plainResult`.
 */
class ExecutedResult<T> implements RunResult<T> {
  status: RunStatus;
  value: T | undefined;
  output: string;
  steps: number;
  time: number;
  errors: ThreadErrorEntry[];
  deadlock: DeadlockReport | null;
  stepLimit: StepLimitReport | null;
  switches: number;
  preemptions: number;
  races?: RaceReport[];
  trace?: TraceEvent[];
  #token: string | null = null;
  readonly #rt: Runtime;
  readonly #seed: string;
  readonly #byChoices: boolean;

  /** `byChoices`: the run followed a given strategy, so its token lists the choices made. */
  constructor(rt: Runtime, status: RunStatus, errors: ThreadErrorEntry[], seed: string, byChoices: boolean) {
    this.status = status;
    this.value = rt.mainValue as T | undefined;
    this.output = rt.output.join('');
    this.steps = rt.steps;
    this.time = rt.clock.now();
    this.errors = errors;
    this.deadlock = status === 'deadlock' ? deadlockReport(rt) : null;
    this.stepLimit = status === 'step-limit' ? stepLimitReport(rt) : null;
    this.switches = rt.switches;
    this.preemptions = rt.preemptions;
    this.#rt = rt;
    this.#seed = seed;
    this.#byChoices = byChoices;
  }

  get schedule(): string {
    return (this.#token ??= encodeToken(this.#spec()));
  }

  /** `JSON.stringify` of a check's result shows the token too, as for a plain result. */
  toJSON(): RunResult<T> {
    return plainResult(this);
  }

  #spec(): ScheduleSpec {
    const o = this.#rt.options;
    return {
      strategy: this.#byChoices ? 'choices' : o.strategy,
      seed: this.#seed,
      switchInterval: o.switchInterval,
      stepTime: o.stepTime,
      gil: o.gil,
      cores: o.cores,
      depth: o.depth,
      pctLength: o.pctLength,
      maxSteps: o.maxSteps,
      steps: this.steps,
      choices: this.#byChoices ? this.#rt.choices : null,
    };
  }
}

/**
 * The result as a plain object, `schedule` included: what `run` and `replay` return and what a
 * report carries, so that spreading, `JSON.stringify` and `postMessage` all see every field.
 */
export function plainResult<T>(r: RunResult<T>): RunResult<T> {
  if (!(r instanceof ExecutedResult)) return r;
  const plain: RunResult<T> = {
    status: r.status,
    value: r.value,
    output: r.output,
    steps: r.steps,
    time: r.time,
    errors: r.errors,
    deadlock: r.deadlock,
    stepLimit: r.stepLimit,
    schedule: r.schedule,
    switches: r.switches,
    preemptions: r.preemptions,
  };
  if (r.races !== undefined) plain.races = r.races;
  if (r.trace !== undefined) plain.trace = r.trace;
  return plain;
}
