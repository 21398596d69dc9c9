import { type Command, InvalidArgumentError } from 'commander';

/**
 * Adds `--watchdog SECONDS` to a command that runs a program. The launcher reads it before the
 * command starts (src/cli/launch.ts); here it is declared for `--help` and checked.
 */
export function addWatchdogOption(cmd: Command): Command {
  return cmd.option(
    '--watchdog <seconds>',
    'stop the program when no step finishes for this long, a loop that never yields (default 5; 0 turns it off)',
    (value: string) => {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n) || n < 0)
        throw new InvalidArgumentError('it must be a number of seconds, 0 or more');
      return n;
    },
  );
}
