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
    const o = this.#options;
    return {
      strategy: this.#choices !== null ? 'choices' : o.strategy,
      seed: this.#seed,
      switchInterval: o.switchInterval,
      stepTime: o.stepTime,
      gil: o.gil,
      cores: o.cores,
      depth: o.depth,
      pctLength: this.#pctLength,
      maxSteps: o.maxSteps,
      ...(o.program !== null ? { program: o.program } : {}),
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
export function plainResult<T>(r: RunResult<T>): RunResult<T> {
  if (!(r instanceof LazyTokenResult)) return r;
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
