import { Command, CommanderError } from 'commander';
import { exploreCommand } from './commands/explore';
import { listCommand } from './commands/list';
import { mergeCommand } from './commands/merge';
import { replayCommandLine } from './commands/replay';
import { runCommand } from './commands/run';
import { stepCommand } from './commands/step';
import { traceCommand } from './commands/trace';
import { processTerminal, type Terminal } from './terminal';
import { EXIT, UsageError } from './usage-error';

/** Hints for commander's own usage errors, by its error code. */
function hintFor(code: string, command: string): string {
  const help = command === '' ? "'interleave --help'" : `'interleave ${command} --help'`;
  switch (code) {
    case 'commander.unknownCommand':
      return "'interleave --help' lists the commands";
    case 'commander.unknownOption':
      return command === 'replay'
        ? 'a replay takes the run options from its token; it accepts --timeline, --json, --detect-races and --main'
        : `${help} lists the options`;
    case 'commander.missingArgument':
      return command === 'replay'
        ? "copy the token from a run's summary: interleave replay race il1.…"
        : `${help} shows what it takes`;
    default:
      return `${help} lists the options`;
  }
}

/** Builds the command tree; each command reports its exit code through `done`. */
function buildProgram(term: Terminal, done: (code: number) => void): Command {
  const program = new Command('interleave')
    .description(
      'Python-style threads on a deterministic scheduler: run, explore, replay and step through the demos or your own programs',
    )
    .version(readVersion(), '-V, --version')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => term.stdout.write(s),
      writeErr: (s) => term.stderr.write(s),
      // Usage errors are printed by main() as one line with a hint; help still goes to writeOut.
      outputError: () => undefined,
    });
  listCommand(program, term, done);
  runCommand(program, term, done);
  exploreCommand(program, term, done);
  mergeCommand(program, term, done);
  replayCommandLine(program, term, done);
  stepCommand(program, term, done);
  traceCommand(program, term, done);
  for (const cmd of [program, ...program.commands]) {
    cmd.exitOverride((err) => {
      throw Object.assign(err, { command: cmd === program ? '' : cmd.name() });
    });
  }
  return program;
}

/**
 * Runs the command line `argv` (as `process.argv`: node, script, then the arguments) and
 * returns the exit code: 0 ok, 1 the run did not end ok (explore: a failure was found), 2 bad
 * usage, printed as one line on stderr.
 */
export async function main(
  argv: readonly string[] = process.argv,
  term: Terminal = processTerminal(),
): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(term, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (error) {
    if (error instanceof UsageError) {
      term.stderr.write(`${error.line()}\n`);
      return EXIT.usage;
    }
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      // `interleave` alone prints the help on stderr: usage, not a failure of a run.
      if (error.code === 'commander.help') return EXIT.usage;
      const command = (error as CommanderError & { command?: string }).command ?? '';
      let reason = error.message
        .replace(/^error: /, '')
        .replace(/\s*\n\s*/g, ' ')
        .replace(' is invalid. ', ' is invalid: ')
        .trim();
      let hint = hintFor(error.code, command);
      const suggestion = /\s*\(Did you mean (.+)\?\)/.exec(reason);
      if (suggestion !== null) {
        reason = reason.replace(suggestion[0], '');
        hint = `did you mean ${suggestion[1]}? ${hint}`;
      }
      term.stderr.write(`${new UsageError(reason, hint).line()}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

/** The package's version, from its package.json (two levels up from src/cli, three from dist/src/cli). */
function readVersion(): string {
  for (const up of ['../..', '../../..']) {
    try {
      const pkg = require(`${up}/package.json`) as { name?: string; version?: string };
      if (pkg.name === 'interleave-threads' && pkg.version !== undefined) return pkg.version;
    } catch {
      // not at this level
    }
  }
  return 'unknown';
}

// `npx tsx src/cli/main.ts ...` runs the command line straight from the sources.
if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
