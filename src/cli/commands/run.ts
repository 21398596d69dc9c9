import type { Command } from 'commander';
import { run } from '../../scheduler/run';
import { loadProgram, type Program } from '../load-program';
import {
  addMainOption,
  addScheduleOptions,
  addStrategyOption,
  addViewOptions,
  RUN_STRATEGIES,
  runOptionsFrom,
} from '../options';
import { withUsageErrors } from '../usage-errors';
import { lookForLines } from '../look-for';
import { predictionReport, predictQuestion, readPrediction } from '../predict';
import type { Terminal } from '../terminal';
import { UsageError } from '../usage-error';
import { printRunReport } from './print-run-report';
import { checkCores } from '../cores-check';
import { addWatchdogOption } from '../watchdog-option';
import { programName } from '../program-name';
import { addTracebackOption } from '../traceback-option';

/** The flags of `interleave run` that its action reads itself (the rest go to the run's options). */
interface RunFlags {
  json?: boolean;
  timeline?: boolean;
  predict?: boolean;
  exitZero?: boolean;
  traceback?: boolean;
}

/** `interleave run <demo-or-file>`: one run, its output, then the summary. */
export function runCommand(program: Command, term: Terminal, done: (code: number) => void): void {
  const cmd = declareRun(program);
  cmd.action(async (spec: string, flags: RunFlags) => {
    checkViews(flags, 'run');
    if (flags.predict === true && flags.json === true)
      throw new UsageError('--predict and --json cannot be combined', 'choose one');
    const prog = loadProgram(spec, (cmd.opts() as { main?: string }).main);
    checkCores(runOptionsFrom(cmd), prog.options, 'run');
    const options = {
      ...prog.options,
      ...runOptionsFrom(cmd),
      program: programName(prog),
      ...(flags.traceback === true ? { traceback: true } : {}),
      ...(flags.timeline === true ? { trace: true } : {}),
    };
    // The lesson goes before the output on a terminal; piped output stays the program's alone.
    if (flags.json !== true && (term.stdout.isTTY === true || flags.predict === true))
      term.stdout.write(lessonText(lookForLines(prog)));
    const prediction = flags.predict === true ? await askPrediction(term, prog, spec) : null;
    const result = withUsageErrors(spec, 'run', () => run(prog.main, options));
    const code = printRunReport(term, prog, result, flags);
    if (prediction !== null)
      term.stdout.write(predictionReport(prog, { ...options, trace: false }, prediction, result));
    done(code);
  });
}

/** The `run` command with its argument and options. */
function declareRun(program: Command): Command {
  const cmd = program
    .command('run')
    .description('run a demo or a program file once; print its output, then a summary with the replay token')
    .argument('<demo-or-file>', "a demo name (see 'interleave list') or a .js, .mjs or .ts file");
  addStrategyOption(cmd, RUN_STRATEGIES, 'how the next thread is chosen (default round-robin)');
  addMainOption(cmd);
  addWatchdogOption(cmd);
  addScheduleOptions(cmd);
  addViewOptions(cmd);
  cmd.option(
    '--predict',
    'before the run, ask what main will return; then compare with the run and with 1,000 explored schedules',
  );
  cmd.option(
    '--exit-zero',
    'exit with 0 even when the run fails its check or a thread raised (a demo that fails on purpose)',
  );
  addTracebackOption(cmd);
  return cmd;
}

/** --predict: asks what main will return and reads the answer from stdin (echoed when piped). */
async function askPrediction(term: Terminal, prog: Program, spec: string): Promise<string> {
  term.stdout.write(`${predictQuestion(prog)} `);
  const prediction = await readPrediction(term.stdin);
  if (prediction === null || prediction === '')
    throw new UsageError(
      '--predict needs an answer on stdin',
      `type it, or pipe it: echo 10 | interleave run ${spec} --predict`,
    );
  term.stdout.write(term.stdin.isTTY === true ? '\n' : `${prediction}\n\n`);
  return prediction;
}

/** --json prints one object and nothing else, so it cannot carry a timeline. */
export function checkViews(flags: { json?: boolean; timeline?: boolean }, command: string): void {
  if (flags.json === true && flags.timeline === true) {
    throw new UsageError(
      '--json and --timeline cannot be combined',
      `choose one; 'interleave ${command} --help' lists the options`,
    );
  }
}

/** "Look for: ..." lines, then a blank line; nothing when the program has none. */
function lessonText(lines: readonly string[]): string {
  if (lines.length === 0) return '';
  return `${lines.map((l, i) => (i === 0 ? `Look for: ${l}` : `          ${l}`)).join('\n')}\n\n`;
}
