import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ValueError } from '../../errors';
import { mergeReports } from '../../explore/merge-reports';
import type { ExploreReport } from '../../explore/report';
import { formatExplore } from '../explore-report';
import { shellArg } from '../format';
import { colorsFor, type Terminal, widthOf } from '../terminal';
import { toJson } from '../to-json';
import { EXIT, UsageError } from '../usage-error';

/**
 * `interleave merge PART.json...`: the report of a whole search from the `--json` reports of its
 * shards (`explore --shard i/n --json`), printed as `explore` prints it, with its exit code.
 */
export function mergeCommand(program: Command, term: Terminal, done: (code: number) => void): void {
  program
    .command('merge')
    .description("merge the --json reports of 'explore --shard i/n' runs into the report of the whole search")
    .argument('<part.json...>', "files written by 'interleave explore PROGRAM --shard i/n --json > part.json'")
    .option('--json', 'print the merged report as one JSON object')
    .action((files: string[], flags: { json?: boolean }) => {
      const report = merged(files.map(readReport));
      const code = report.failures > 0 ? EXIT.failed : EXIT.ok;
      if (flags.json === true) {
        term.stdout.write(`${toJson(report)}\n`);
        return done(code);
      }
      const spec = `${files.length} shard reports`;
      // A report does not name its program: the replay line leaves a place for it.
      const replayCommandLine = (token: string): string => `interleave replay PROGRAM ${shellArg(token)}`;
      const colors = colorsFor(term, term.stdout, false);
      term.stdout.write(formatExplore(report, { colors, width: widthOf(term.stdout), spec, replayCommandLine }));
      done(code);
    });
}

function readReport(file: string): ExploreReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new UsageError(`cannot read ${file}: ${why}`, 'pass the files that explore --shard i/n --json wrote');
  }
  try {
    return JSON.parse(text) as ExploreReport;
  } catch {
    const hint = "write each part with 'interleave explore PROGRAM --shard i/n --json > part.json'";
    throw new UsageError(`${file} is not JSON`, hint);
  }
}

function merged(reports: ExploreReport[]): ExploreReport {
  try {
    return mergeReports(reports);
  } catch (e) {
    if (e instanceof ValueError || e instanceof TypeError) {
      const hint = 'merge the shards of one search: the same program and options, each with --shard i/n';
      throw new UsageError(e.message, hint);
    }
    throw e;
  }
}
