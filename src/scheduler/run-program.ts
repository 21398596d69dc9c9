import { alea, quickAlea } from './alea';
import { swapActive } from './context';
import { LazyTokenResult, plainResult } from './lazy-token-result';
import type { HappensBefore } from './happens-before';
import { startMainThread } from './main-thread';
import type { ResolvedRunOptions } from './options';
import { type RunStatus, Runtime } from './runtime';
import { PctStrategy } from './strategies/pct';
import { RandomStrategy } from './strategies/random';
import { RoundRobin } from './strategies/round-robin';
import type { Strategy } from './strategies/strategy';
import type { RaceReport, RunResult, ThreadErrorEntry } from '../types';
export type { RaceReport, RunResult, ThreadErrorEntry } from '../types';

/** A race detector: happens-before hooks plus the races found. */
export interface RaceDetector extends HappensBefore {
  reports(): RaceReport[];
}

/** How `runProgram` is driven by callers other than `run` (replay, exploration, the step view). */
export interface RunProgramConfig {
  /** Overrides `options.strategy`; the token then records the choices made. */
  strategy?: Strategy;
  /** Record the choice at every decision (implied by `strategy`). */
  record?: boolean;
  /** The race detector to use when `options.detectRaces` is set. */
  detector?: RaceDetector;
  /**
   * Encode the result's token only when `schedule` is read. An exploration makes thousands of
   * runs whose tokens nobody reads, and encoding one costs more than a short run.
   */
  lazySchedule?: boolean;
}

/** Everything one execution leaves: the result, and the choices when recorded. */
export interface ProgramRun<T> {
  result: RunResult<T>;
  choices: number[] | null;
  runtime: Runtime;
}

/**
 * Builds the strategy an options object names, seeded from the run's seed; `'mash'` seeds a
 * random or PCT strategy as earlier versions did, for replaying their tokens.
 */
export function strategyFor(options: ResolvedRunOptions, seeding: 'quick' | 'mash' = 'quick'): Strategy {
  if (options.strategy === 'round-robin') return new RoundRobin();
  const rng = seeding === 'mash' ? alea(`${options.seed}:schedule`) : quickAlea(options.seed, ':schedule');
  return options.strategy === 'random'
    ? new RandomStrategy(rng)
    : new PctStrategy(rng, options.depth, options.pctLength);
}

/** Runs `main` once with settled options; the engine under `run`, `replay` and `explore`. */
export function runProgram<T>(
  main: () => Generator<unknown, T, never>,
  options: ResolvedRunOptions,
  config: RunProgramConfig = {},
): ProgramRun<T> {
  const strategy = config.strategy ?? strategyFor(options);
  const rt = new Runtime(options, strategy);
  if (config.strategy !== undefined || config.record === true) rt.choices = [];
  if (options.detectRaces && config.detector !== undefined) rt.hb = config.detector;
  // The active-run slot, saved and restored inline (a closure per run to do it showed in profiles).
  const saved = swapActive(rt);
  try {
    startMainThread(rt, main as () => Generator<unknown, unknown, never>);
    Runtime.runToEnd(rt);
  } finally {
    swapActive(saved);
  }
  // The runtime's own list is not touched after the run: copy it only to add main's error.
  const errors: ThreadErrorEntry[] =
    rt.mainError === null ? rt.errors : [...rt.errors, { thread: 'MainThread', error: rt.mainError.error }];
  const status: RunStatus = rt.status !== 'ok' ? rt.status : rt.mainError !== null ? 'error' : 'ok';
  const result = new LazyTokenResult<T>(rt, status, errors, options.seed, config.strategy !== undefined);
  if (options.detectRaces) result.races = config.detector?.reports() ?? [];
  if (rt.trace !== null) result.trace = rt.trace.events();
  return { result: config.lazySchedule === true ? result : plainResult(result), choices: rt.choices, runtime: rt };
}
