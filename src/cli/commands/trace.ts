import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { run } from '../../scheduler/run';
import { toChromeTrace } from '../chrome-trace';
import { plural } from '../format';
import { loadProgram } from '../load-program';
import { addMainOption, addScheduleOptions, addStrategyOption, RUN_STRATEGIES, runOptionsFrom } from '../options';
import { replayCommandLine } from '../replay-command-line';
import { withUsageErrors } from '../usage-errors';
import { colorsFor, type Terminal } from '../terminal';
import { EXIT, UsageError } from '../usage-error';
import { checkCores } from '../cores-check';
import { addWatchdogOption } from '../watchdog-option';
import { programName } from '../program-name';

/** `interleave trace <demo-or-file> -o FILE`: the run in the Chrome trace-event format. */
export function traceCommand(program: Command, term: Terminal, done: (code: number) => void): void {
  const cmd = program
    .command('trace')
    .description(
      'run once and write the trace in the Chrome trace-event JSON format (open it in ui.perfetto.dev or chrome://tracing)',
    )
    .argument('<demo-or-file>', "a demo name (see 'interleave list') or a .js, .mjs or .ts file")
    .requiredOption('-o, --output <file>', "where to write the JSON ('-' for stdout)");
  addStrategyOption(cmd, RUN_STRATEGIES, 'how the next thread is chosen (default round-robin)');
  addMainOption(cmd);
  addWatchdogOption(cmd);
  addScheduleOptions(cmd);
  cmd.action((spec: string, flags: { output: string }) => {
    // The demo's TypeScript source, so that the events' locations name its own lines.
    const prog = loadProgram(spec, (cmd.opts() as { main?: string }).main, { source: true });
    checkCores(runOptionsFrom(cmd), prog.options, 'trace');
    const options = {
      ...prog.options,
      ...runOptionsFrom(cmd),
      program: programName(prog),
      trace: true,
      locations: true,
    };
    const result = withUsageErrors(spec, 'trace', () => run(prog.main, options));
    const doc = toChromeTrace(result);
    const json = `${JSON.stringify(doc)}\n`;
    const code = result.status === 'ok' ? EXIT.ok : EXIT.failed;
    if (flags.output === '-') {
      term.stdout.write(json);
      return done(code);
    }
    try {
      writeFileSync(flags.output, json);
    } catch (error) {
      throw new UsageError(
        `cannot write ${flags.output}: ${(error as Error).message}`,
        'give a file in a directory that exists and is writable',
      );
    }
    const colors = colorsFor(term, term.stdout, false);
    const status = result.status === 'ok' ? colors.green(result.status) : colors.red(result.status);
    term.stdout.write(
      `Wrote ${flags.output}: ${plural(doc.traceEvents.length, 'event')} of a run that ended ${status} after ${plural(result.steps, 'step')}.\n` +
        'Open it in https://ui.perfetto.dev or chrome://tracing: one track per thread.\n' +
        `The same run as text: ${replayCommandLine(prog, result.schedule)} --timeline\n`,
    );
    done(code);
  });
}
