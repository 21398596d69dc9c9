import type { Command } from 'commander';

/** Adds `--traceback`: Python-style tracebacks of the program's own lines for uncaught errors. */
export function addTracebackOption(cmd: Command): Command {
  return cmd.option('--traceback', "show a Python-style traceback (the program's own lines) with each uncaught error");
}
