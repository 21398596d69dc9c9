import { ReplayError, TypeError, ValueError } from '../errors';
import { isGeneratorFunction, notGeneratorReason } from '../_internal/generator-function';
import { runProgram, type RunResult, strategyFor } from '../scheduler/run-program';
import { type ResolvedRunOptions, type RunOptions, resolveRunOptions } from '../scheduler/options';
import { ChoiceStrategy, type Chooser, cyclicNext } from '../scheduler/strategies/choice';
import type { ThreadRecord } from '../scheduler/thread-record';
import { VectorClockDetector } from '../scheduler/race-detector';
import { decodeToken, type ScheduleSpec } from '../scheduler/schedule-token';

/** Options that change what a run does; a replay takes them from the token. */
const MEANING = [
  'seed',
  'strategy',
  'switchInterval',
  'stepTime',
  'gil',
  'cores',
  'depth',
  'pctLength',
  'maxSteps',
] as const;

/**
 * Reruns exactly the run that produced `schedule`: same output, steps, time and trace. Options
 * that change a run's meaning come from the token (passing different ones is a ValueError);
 * `trace` and `detectRaces` may be added. A token that does not fit `main` raises ReplayError
 * saying where the replay left the recorded run.
 *
 * @example
 * const again = replay(main, result.schedule, { trace: true });
 */
export function replay<T>(
  main: () => Generator<unknown, T, never>,
  schedule: string,
  options?: RunOptions,
): RunResult<T> {
  if (!isGeneratorFunction(main)) throw new TypeError(notGeneratorReason('replay(main, token): main', main));
  const spec = decodeToken(schedule);
  const given = resolveRunOptions(options);
  const resolved = optionsFromSpec(spec, given, options ?? {});
  const detector = resolved.detectRaces ? new VectorClockDetector() : undefined;
  const strategy =
    spec.choices !== null
      ? new ChoiceStrategy(new ReplayChooser(spec.choices))
      : spec.seeding === 'mash'
        ? strategyFor(resolved, 'mash')
        : undefined;
  const { result } = runProgram(main, resolved, { strategy, detector });
  if (result.steps !== spec.steps) {
    throw new ReplayError(
      `replay diverged: the recorded run took ${spec.steps} steps and this one took ${result.steps}, so the program or its options are not the ones that made the token`,
    );
  }
  result.schedule = schedule.trim();
  return result;
}

/** The run options a token stands for, checked against what the caller passed. */
export function optionsFromSpec(spec: ScheduleSpec, given: ResolvedRunOptions, passed: RunOptions): ResolvedRunOptions {
  const fromToken: ResolvedRunOptions = {
    ...given,
    seed: spec.seed,
    strategy: spec.strategy === 'choices' ? given.strategy : spec.strategy,
    switchInterval: spec.switchInterval,
    stepTime: spec.stepTime,
    gil: spec.gil,
    cores: spec.cores,
    depth: spec.depth,
    pctLength: spec.pctLength,
    maxSteps: spec.maxSteps,
    program: spec.program ?? given.program,
  };
  if (spec.fairYields !== true) fromToken.legacySleep0 = true;
  for (const key of MEANING) {
    if ((passed as Record<string, unknown>)[key] === undefined) continue;
    if (key === 'strategy' && spec.strategy === 'choices') continue;
    if (given[key] !== fromToken[key]) {
      throw new ValueError(
        `option '${key}' is ${String(given[key])} here but ${String(fromToken[key])} in the schedule token; a replay takes it from the token, so leave it out`,
      );
    }
  }
  return fromToken;
}

/** Follows a token's recorded choices, then the cyclic default. */
export class ReplayChooser implements Chooser {
  constructor(readonly choices: readonly number[]) {}

  choose(candidates: readonly ThreadRecord[], prev: ThreadRecord | null, decision: number): number {
    if (decision >= this.choices.length) return cyclicNext(candidates, prev);
    const id = this.choices[decision]!;
    if (!candidates.some((t) => t.id === id)) {
      const names = candidates.map((t) => `${t.name} (#${t.id})`).join(', ');
      throw new ReplayError(
        `replay diverged at decision ${decision + 1}: the token runs thread #${id} next, but only ${names} can run here; the program or its options are not the ones that made the token`,
      );
    }
    return id;
  }

  timerFirst(timer: ThreadRecord, decision: number): boolean {
    if (decision >= this.choices.length) return true;
    const v = this.choices[decision]!;
    if (v !== 0 && v !== 1) {
      throw new ReplayError(
        `replay diverged at decision ${decision + 1}: the token runs thread #${v} next, but here a timeout of ${timer.name} falls due at the same instant as the next step; the program or its options are not the ones that made the token`,
      );
    }
    return v === 0;
  }
}
