import { encodeToken, type ScheduleSpec } from './schedule-token';
import { type DeadlockReport, deadlockReport } from './deadlock';
import type { RaceReport, RunResult, ThreadErrorEntry } from './run-program';
import type { ResolvedRunOptions } from './options';
import type { RunStatus, Runtime } from './runtime';
import { type StepLimitReport, stepLimitReport } from './step-limit';
import type { TraceEvent } from './trace';

/**
 * A run's result whose token is encoded on first read of `schedule`: a getter on the class, so
 * unlike an object literal with a getter it costs nothing to make. Exploration hands these to
 * its check; whatever leaves a search in a report is made plain by `plainResult`. It keeps what
 * the token needs, not the run itself, so a result a check keeps does not keep its threads.
 */
export class LazyTokenResult<T> implements RunResult<T> {
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
  // Declared, not defined: like a plain result's, they exist only when set.
  declare races?: RaceReport[];
  declare trace?: TraceEvent[];
  #token: string | null = null;
  readonly #options: ResolvedRunOptions;
  readonly #seed: string;
  readonly #pctLength: number;
  readonly #fairYields: boolean;
  readonly #steps: number;
  readonly #choices: number[] | null;

  /**
   * `byChoices`: the run followed a given strategy, so its token lists the choices made. The
   * seed is passed apart: a search reuses one options object and sets each run's seed in it (and
   * PCT's length, kept here too).
   */
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
    this.#options = rt.options;
    this.#seed = seed;
    // PCT's length grows during a search that reuses one options object, as the seed changes.
    this.#pctLength = rt.options.pctLength;
    this.#fairYields = rt.fairYields;
    this.#steps = rt.steps;
    this.#choices = byChoices ? rt.choices : null;
  }

  get schedule(): string {
    return (this.#token ??= encodeToken(this.#spec()));
  }

  set schedule(token: string) {
    this.#token = token;
  }

  /** `JSON.stringify` of a check's result shows the token too, as for a plain result. */
  toJSON(): RunResult<T> {
    return plainResult(this);
  }

  #spec(): ScheduleSpec {
    const options = this.#options;
    return {
      strategy: this.#choices !== null ? 'choices' : options.strategy,
      seed: this.#seed,
      switchInterval: options.switchInterval,
      stepTime: options.stepTime,
      gil: options.gil,
      cores: options.cores,
      depth: options.depth,
      pctLength: this.#pctLength,
      maxSteps: options.maxSteps,
      ...(options.program !== null ? { program: options.program } : {}),
      steps: this.#steps,
      choices: this.#choices,
      fairYields: this.#fairYields,
    };
  }
}

/**
 * The result as a plain object, `schedule` included: what `run` and `replay` return and what a
 * report carries, so that spreading, `JSON.stringify` and `postMessage` all see every field.
 */
export function plainResult<T>(result: RunResult<T>): RunResult<T> {
  if (!(result instanceof LazyTokenResult)) return result;
  const plain: RunResult<T> = {
    status: result.status,
    value: result.value,
    output: result.output,
    steps: result.steps,
    time: result.time,
    errors: result.errors,
    deadlock: result.deadlock,
    stepLimit: result.stepLimit,
    schedule: result.schedule,
    switches: result.switches,
    preemptions: result.preemptions,
  };
  if (result.races !== undefined) plain.races = result.races;
  if (result.trace !== undefined) plain.trace = result.trace;
  return plain;
}
