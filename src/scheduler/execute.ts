import seedrandom from 'seedrandom';
import { encodeToken } from '../explore/schedule-token';
import { RECORD, Thread } from '../primitives/thread';
import { withActive } from './context';
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
      return new RandomStrategy(seedrandom.alea(`${options.seed}:schedule`));
    case 'pct':
      return new PctStrategy(seedrandom.alea(`${options.seed}:schedule`), options.depth, options.pctLength);
  }
}

/** The program's `random()` source; an exploring strategy is told of each draw (one shared generator). */
function programRandom(options: ResolvedRunOptions, strategy: Strategy): () => number {
  // Seeded on first use: most programs never call random(), and seeding hashes the seed string.
  let seeded: (() => number) | null = null;
  const rng = (): number => (seeded ??= seedrandom.alea(`${options.seed}:program`))();
  if (strategy.touch === undefined) return rng;
  return () => {
    strategy.touch!(rng, 'random');
    return rng();
  };
}

/** Runs `main` once with settled options; the engine under `run`, `replay` and `explore`. */
export function execute<T>(main: () => Generator<unknown, T, never>, options: ResolvedRunOptions, config: ExecuteConfig = {}): Execution<T> {
  const strategy = config.strategy ?? strategyFor(options);
  const rt = new Runtime(options, strategy, programRandom(options, strategy));
  if (config.strategy !== undefined || config.record === true) rt.choices = [];
  if (options.detectRaces && config.detector !== undefined) rt.hb = config.detector;
  withActive(rt, () => {
    const mainThread = new Thread({ target: main as () => Generator<unknown, unknown, never> });
    mainThread.start();
    rt.runLoop();
    return mainThread[RECORD];
  });
  const errors: ThreadErrorEntry[] = rt.errors.slice();
  if (rt.mainError !== null) errors.push({ thread: 'MainThread', error: rt.mainError.error });
  const status: RunStatus = rt.status !== 'ok' ? rt.status : rt.mainError !== null ? 'error' : 'ok';
  const result: RunResult<T> = {
    status,
    value: rt.mainValue as T | undefined,
    output: rt.output.join(''),
    steps: rt.steps,
    time: rt.clock.now(),
    errors,
    deadlock: status === 'deadlock' ? deadlockReport(rt) : null,
    stepLimit: status === 'step-limit' ? stepLimitReport(rt) : null,
    schedule: encodeToken({
      strategy: config.strategy !== undefined ? 'choices' : options.strategy,
      seed: options.seed,
      switchInterval: options.switchInterval,
      stepTime: options.stepTime,
      gil: options.gil,
      cores: options.cores,
      depth: options.depth,
      pctLength: options.pctLength,
      maxSteps: options.maxSteps,
      steps: rt.steps,
      choices: config.strategy !== undefined ? rt.choices : null,
    }),
    switches: rt.switches,
    preemptions: rt.preemptions,
  };
  if (options.detectRaces) result.races = config.detector?.reports() ?? [];
  if (rt.trace !== null) result.trace = rt.trace;
  return { result, choices: rt.choices, runtime: rt };
}
