import { ReplayError, ValueError } from '../errors';
import { UsageError } from './usage-error';

/**
 * Calls into the library, turning the errors it raises for bad input before a run starts (an
 * option out of range, a token that is malformed or does not fit the program) into usage
 * errors: they come from what the user typed or the program exports, not from the run.
 */
export function withUsageErrors<T>(spec: string, command: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ReplayError) {
      // A message that carries its own hint in parentheses keeps it as the one hint of the line.
      const own = /^(.*) \(([^()]+)\)$/.exec(error.message);
      if (own !== null) throw new UsageError(own[1]!, own[2]!);
      throw new UsageError(
        error.message,
        `copy the token of a run of ${spec} from its summary, or use 'interleave run ${spec}' to make one`,
      );
    }
    if (error instanceof ValueError)
      throw new UsageError(error.message, `'interleave ${command} --help' lists the options`);
    throw error;
  }
}
