import type { Command } from 'commander';
import { run } from '../../scheduler/run';
import { loadProgram } from '../load-program';
import { addMainOption, addScheduleOptions, addStrategyOption, addViewOptions, RUN_STRATEGIES, runOptionsFrom } from '../options';
import { runChecked } from '../run-checked';
import type { Terminal } from '../terminal';
import { UsageError } from '../usage-error';
import { reportRun } from './report-run';
import { checkCores } from '../cores-check';
import { addWatchdogOption } from '../watchdog-option';
import { programName } from '../program-name';
import { addTracebackOption } from '../traceback-option';

/** `interleave run <demo-or-file>`: one run, its output, then the summary. */
export function runCommand(program: Command, term: Terminal, done: (code: number) => void): void {
  const cmd = program
    .command('run')
    .description('run a demo or a program file once; print its output, then a summary with the replay token')
    .argument('<demo-or-file>', "a demo name (see 'interleave list') or a .js, .mjs or .ts file");
  addStrategyOption(cmd, RUN_STRATEGIES, 'how the next thread is chosen (default round-robin)');
  addMainOption(cmd);
  addWatchdogOption(cmd);
  addScheduleOptions(cmd);
  addViewOptions(cmd);
  cmd.option('--exit-zero', 'exit with 0 even when the run fails its check or a thread raised (a demo that fails on purpose)');
  addTracebackOption(cmd);
  cmd.action((spec: string, flags: { json?: boolean; timeline?: boolean; exitZero?: boolean; traceback?: boolean }) => {
    checkViews(flags, 'run');
    const prog = loadProgram(spec, (cmd.opts() as { main?: string }).main);
    checkCores(runOptionsFrom(cmd), prog.options, 'run');
    const options = { ...prog.options, ...runOptionsFrom(cmd), program: programName(prog), ...(flags.traceback === true ? { traceback: true } : {}), ...(flags.timeline === true ? { trace: true } : {}) };
    const result = runChecked(spec, 'run', () => run(prog.main, options));
    done(reportRun(term, prog, result, flags));
  });
}

/** --json prints one object and nothing else, so it cannot carry a timeline. */
export function checkViews(flags: { json?: boolean; timeline?: boolean }, command: string): void {
  if (flags.json === true && flags.timeline === true) {
    throw new UsageError('--json and --timeline cannot be combined', `choose one; 'interleave ${command} --help' lists the options`);
  }
}
