import { TypeError } from '../errors';
import { isGeneratorFunction, notGeneratorReason } from '../_internal/generator-function';
import { VectorClockDetector } from './race-detector';
import { runProgram, type RunResult } from './run-program';
import { type RunOptions, resolveRunOptions } from './options';
import type { MainFunction } from '../types';
export type { MainFunction } from '../types';

/**
 * Runs `main` as the main thread to the end, synchronously, and reports how it went. Throws
 * only for bad arguments (a `main` that is not a generator function, an unknown option).
 *
 * @example
 * const result = run(function* () { yield* print('hello'); });
 * result.output; // 'hello\n'
 */
export function run<T>(main: MainFunction<T>, options?: RunOptions): RunResult<T> {
  if (!isGeneratorFunction(main)) throw new TypeError(notGeneratorReason('run(main): main', main));
  const resolved = resolveRunOptions(options);
  return runProgram(main, resolved, { detector: resolved.detectRaces ? new VectorClockDetector() : undefined }).result;
}
