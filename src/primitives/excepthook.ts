import { TypeError } from '../errors';
import { currentRuntime } from '../scheduler/context';
import { defaultExcepthook, type ExcepthookArgs } from '../scheduler/thread-errors';

/**
 * Python's default `threading.excepthook`: writes `Exception in thread NAME:` and
 * `ErrorName: message` to the output (no traceback: it would name files on the host).
 *
 * @example
 * setExcepthook((args) => { excepthook(args); args.write('(logged)\n'); });
 */
export const excepthook: (args: ExcepthookArgs) => void = defaultExcepthook;

/**
 * Replaces the handler of uncaught thread errors for the rest of this run (Python's
 * `threading.excepthook = hook`); `null` restores the default. The hook is a plain function
 * that runs inside the failing thread's last step.
 *
 * @example
 * const seen: string[] = [];
 * setExcepthook(({ thread }) => { seen.push(thread); });
 */
export function setExcepthook(hook: ((args: ExcepthookArgs) => void) | null): void {
  if (hook !== null && typeof hook !== 'function')
    throw new TypeError('setExcepthook needs a function (args) => void, or null for the default');
  currentRuntime('setExcepthook()').excepthook = hook ?? defaultExcepthook;
}
