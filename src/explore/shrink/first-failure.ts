import type { ProgramRun, RaceDetector } from '../../scheduler/run-program';
import { plainResult } from '../../scheduler/lazy-token-result';
import type { ResolvedExploreOptions } from '../explore-options';
import { judge, type Verdict } from '../outcome';
import type { FirstFailure } from '../report';
import { shrink } from './shrink';

/**
 * The report's `firstFailure` for the failing run `k`: its token, and the shrunk schedule with
 * that run's result. With `shrink: false`, or when nothing smaller fails the same way, the
 * shrunk token is the failing run's own.
 */
export function firstFailure<T>(
  main: () => Generator<unknown, T, never>,
  options: ResolvedExploreOptions<T>,
  k: number,
  seed: string,
  execution: ProgramRun<T>,
  verdict: Verdict,
  detector: (() => RaceDetector) | null,
): FirstFailure<T> {
  const original = execution.result;
  const shrunk = options.shrink
    ? shrink<T>({
        main,
        options: { ...options.run, seed, strategy: 'round-robin' },
        check: options.check,
        signature: verdict.signature,
        choices: execution.choices ?? [],
        result: original,
        reduction: options.reduction,
        detector,
      })
    : null;
  const result = plainResult(shrunk?.result ?? original);
  return {
    run: k,
    // The shrunk run fails the same way; its own words match the result shown.
    reason: judge(result, options.check)?.reason ?? verdict.reason,
    schedule: original.schedule,
    shrunk: result.schedule,
    result,
    preemptions: result.preemptions,
    original: { preemptions: original.preemptions, steps: original.steps },
  };
}
