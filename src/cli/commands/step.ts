import readline from 'node:readline';
import type { Command } from 'commander';
import { StepSession } from '../../teach/step-session';
import { loadProgram } from '../load-program';
import { lookForLines } from '../look-for';
import { addMainOption, addScheduleOptions, runOptionsFrom } from '../options';
import { replayCommandLine } from '../replay-command-line';
import { withUsageErrors } from '../usage-errors';
import { runStepSession } from '../step/step-loop';
import { runCheck } from '../summary';
import { colorsFor, type Terminal } from '../terminal';
import { EXIT } from '../usage-error';
import { challengeIntro, reportChallenge } from '../step/challenge';
import { checkCores } from '../cores-check';
import { addWatchdogOption } from '../watchdog-option';
import { programName } from '../program-name';

/**
 * `interleave step <demo-or-file>`: the user is the scheduler. Lines come from stdin, typed or
 * scripted (then echoed); when they run out, the default strategy finishes the run.
 */
export function stepCommand(program: Command, term: Terminal, done: (code: number) => void): void {
  const cmd = program
    .command('step')
    .description(
      'be the scheduler: pick which thread runs at every step where two or more can (u undoes, q quits); ends with the outcome and its replay token',
    )
    .argument('<demo-or-file>', "a demo name (see 'interleave list') or a .js, .mjs or .ts file");
  addMainOption(cmd);
  addWatchdogOption(cmd);
  addScheduleOptions(cmd);
  cmd.option('--detect-races', 'report data races on shared() variables (happens-before)');
  cmd.option(
    '--challenge',
    "a goal: make the program's check fail (lose an update, reach the deadlock); says how few preemptions the explorer needs",
  );
  cmd.action(async (spec: string, flags: { challenge?: boolean }) => {
    const prog = loadProgram(spec, (cmd.opts() as { main?: string }).main, { source: true });
    const given = runOptionsFrom(cmd);
    checkCores(given, prog.options, 'step');
    const options = { ...prog.options, ...given, program: programName(prog) };
    const session = withUsageErrors(spec, 'step', () => new StepSession(prog.main, options));
    const color = colorsFor(term, term.stdout, false).isColorSupported;
    const write = (s: string): void => void term.stdout.write(s);
    const check = prog.check === undefined ? undefined : prog.check;
    if (flags.challenge === true) write(challengeIntro(prog, check !== undefined));
    const rl = readline.createInterface({ input: term.stdin, terminal: false });
    try {
      const { result, quit, preemptions } = await runStepSession(session, {
        lines: rl,
        write,
        color,
        echo: term.stdin.isTTY !== true,
        programInterval: options.switchInterval,
        lookFor: lookForLines(prog),
        check: check === undefined ? undefined : (r) => runCheck(check, r),
      });
      write(`Replay it with: ${replayCommandLine(prog, result.schedule)}\n`);
      if (flags.challenge === true && !quit) write(reportChallenge(prog, options, result, preemptions, color));
      const verdict = check === undefined ? undefined : runCheck(check, result);
      done(result.status === 'ok' && (verdict?.passed ?? true) ? EXIT.ok : EXIT.failed);
    } finally {
      rl.close();
    }
  });
}
