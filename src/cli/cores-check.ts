import type { RunOptions } from '../scheduler/options';
import { UsageError } from './usage-error';

/**
 * Refuses `--cores` when the run keeps the GIL (neither `--no-gil` nor the program's own
 * `gil: false`): with the GIL one thread runs at a time whatever the cores, so the option would
 * be silently ignored.
 */
export function checkCores(given: RunOptions, program: RunOptions, command: string): void {
  if (given.cores === undefined) return;
  const gil = given.gil ?? program.gil ?? true;
  if (gil) {
    throw new UsageError(
      `--cores ${given.cores} has no effect with the GIL: one thread runs at a time`,
      `add --no-gil to let ${given.cores} threads advance per tick: interleave ${command} ... --no-gil --cores ${given.cores}`,
    );
  }
}
