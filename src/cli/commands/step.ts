import readline from 'node:readline';
import type { Command } from 'commander';
import { loadProgram } from '../load-program';
import { addMainOption, addScheduleOptions, runOptionsFrom } from '../options';
import { replayCommand } from '../replay-command';
import { runChecked } from '../run-checked';
import { runStepSession, StepSession } from '../step-session';
import { colorsFor, type Terminal } from '../terminal';
import { EXIT } from '../usage-error';
import { checkCores } from '../cores-check';
import { addWatchdogOption } from '../watchdog-option';
import { programName } from '../program-name';

/**
 * `interleave step <demo-or-file>`: the user is the scheduler. Lines come from stdin, typed or
 * scripted; when they run out, the default strategy finishes the run.
 */
export function stepCommand(program: Command, term: Terminal, done: (code: number) => void): void {
  const cmd = program
    .command('step')
    .description('be the scheduler: pick which thread runs each step (u undoes, q quits); ends with the outcome and its replay token')
    .argument('<demo-or-file>', "a demo name (see 'interleave list') or a .js, .mjs or .ts file");
  addMainOption(cmd);
  addWatchdogOption(cmd);
  addScheduleOptions(cmd);
  cmd.option('--detect-races', 'report data races on shared() variables (happens-before)');
  cmd.action(async (spec: string) => {
    const prog = loadProgram(spec, (cmd.opts() as { main?: string }).main);
    checkCores(runOptionsFrom(cmd), prog.options, 'step');
    // Every step is a choice unless the user or the program asks for longer slices.
    const session = runChecked(spec, 'step', () => new StepSession(prog.main, { ...prog.options, ...runOptionsFrom(cmd), program: programName(prog) }));
    const color = colorsFor(term, term.stdout, false).isColorSupported;
    const rl = readline.createInterface({ input: term.stdin, terminal: false });
    try {
      const result = await runStepSession(session, { lines: rl, write: (s) => term.stdout.write(s), color });
      term.stdout.write(`Replay it with: ${replayCommand(prog, result.schedule)}\n`);
      done(result.status === 'ok' ? EXIT.ok : EXIT.failed);
    } finally {
      rl.close();
    }
  });
}
