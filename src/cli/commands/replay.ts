import type { Command } from 'commander';
import { replay } from '../../explore/replay';
import { loadProgram } from '../load-program';
import { addMainOption, addViewOptions } from '../options';
import { withUsageErrors } from '../usage-errors';
import type { Terminal } from '../terminal';
import { printRunReport } from './print-run-report';
import { checkViews } from './run';
import { addWatchdogOption } from '../watchdog-option';
import { foreignTokenWarning } from '../program-name';
import { addTracebackOption } from '../traceback-option';

/** `interleave replay <demo-or-file> <token>`: reruns exactly the run the token stands for. */
export function replayCommandLine(program: Command, term: Terminal, done: (code: number) => void): void {
  const cmd = program
    .command('replay')
    .description('rerun exactly the run a schedule token stands for (the token carries its options)')
    .argument('<demo-or-file>', 'the demo or program file the token was made with')
    .argument('<token>', "a schedule token (il1.…) from a run's summary, explore's report or step's end");
  addMainOption(cmd);
  addWatchdogOption(cmd);
  addViewOptions(cmd);
  addTracebackOption(cmd);
  cmd.action(
    (
      spec: string,
      token: string,
      flags: { json?: boolean; timeline?: boolean; detectRaces?: boolean; traceback?: boolean },
    ) => {
      checkViews(flags, 'replay');
      const prog = loadProgram(spec, (cmd.opts() as { main?: string }).main);
      const warning = foreignTokenWarning(prog, token);
      if (warning !== null) term.stderr.write(`${warning}\n`);
      const extra = {
        ...(flags.timeline === true ? { trace: true } : {}),
        ...(flags.detectRaces === true ? { detectRaces: true } : {}),
        ...(flags.traceback === true ? { traceback: true } : {}),
      };
      const result = withUsageErrors(spec, 'replay', () => replay(prog.main, token, extra));
      done(printRunReport(term, prog, result, flags));
    },
  );
}
