import { explore } from '../../explore/explore';
import { type ExploreOptions, resolveExploreOptions } from '../../explore/explore-options';
import type { ExploreReport } from '../../explore/report';
import { exploreParallel } from '../../parallel/explore-parallel';
import type { Program } from '../load-program';
import { withUsageErrors } from '../usage-errors';
import { UsageError } from '../usage-error';

/**
 * Runs the search `explore` asked for: in this thread, or with `--workers N` spread over worker
 * threads (the report is the same), whose watchdog is `--watchdog`'s. Bad options become usage
 * errors either way.
 */
export async function runSearch(
  prog: Program,
  options: ExploreOptions,
  workers: number | undefined,
  watchdog?: number,
): Promise<ExploreReport> {
  if (workers === undefined) return withUsageErrors(prog.spec, 'explore', () => explore(prog.main, options));
  if (prog.exportName !== null) {
    throw new UsageError(
      '--workers runs the default export of the file in each worker; it cannot run --main',
      'leave out --main, or --workers',
    );
  }
  const { check: _check, ...plain } = options;
  // Checked here first: exploreParallel's own errors for bad options arrive as a rejected promise.
  withUsageErrors(prog.spec, 'explore', () => resolveExploreOptions(options));
  try {
    return await exploreParallel(prog.file, { ...plain, workers, ...(watchdog === undefined ? {} : { watchdog }) });
  } catch (error) {
    return withUsageErrors(prog.spec, 'explore', () => {
      throw error;
    });
  }
}
