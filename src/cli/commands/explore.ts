import { type Command, Option } from 'commander';
import type { ExploreOptions, ExploreStrategyName } from '../../explore/explore-options';
import { replay } from '../../explore/replay';
import type { ExploreReport } from '../../explore/report';
import { formatExplore } from '../explore-report';
import { loadProgram, type Program } from '../load-program';
import { addMainOption, addScheduleOptions, addViewOptions, runOptionsFrom, wholeNumber } from '../options';
import { progressBar } from '../progress';
import { replayCommandLine } from '../replay-command-line';
import { colorsFor, type Terminal, widthOf } from '../terminal';
import { renderTimeline } from '../timeline';
import { toJson } from '../to-json';
import { EXIT } from '../usage-error';
import { runSearch } from './explore-search';
import { checkViews } from './run';
import { checkCores } from '../cores-check';
import { addWatchdogOption } from '../watchdog-option';
import { programName } from '../program-name';

interface ExploreFlags {
  strategy?: ExploreStrategyName;
  runs?: number;
  depth?: number;
  preemptionBound?: number;
  delayBound?: number;
  stopOnFailure?: boolean;
  shard?: string;
  workers?: number;
  watchdog?: number;
  json?: boolean;
  timeline?: boolean;
}

/** `interleave explore <demo-or-file>`: many schedules, the histogram, and a failure's tokens. */
export function exploreCommand(program: Command, term: Terminal, done: (code: number) => void): void {
  const cmd = defineExplore(program);
  cmd.action(async (spec: string, flags: ExploreFlags) => {
    checkViews(flags, 'explore');
    const prog = loadProgram(spec, (cmd.opts() as { main?: string }).main);
    checkCores(runOptionsFrom(cmd), prog.options, 'explore');
    const progress = progressBar(term, 'exploring');
    const options = exploreOptionsFrom(prog, cmd, flags, (n, total) => progress.update(n, total));
    let report: ExploreReport;
    try {
      report = await runSearch(prog, options, flags.workers, flags.watchdog);
    } finally {
      progress.stop();
    }
    const code = report.failures > 0 ? EXIT.failed : EXIT.ok;
    term.stdout.write(flags.json === true ? `${toJson(report)}\n` : exploreText(term, prog, report, flags));
    done(code);
  });
}

/** The `explore` command with its arguments and options (its action is set by the caller). */
function defineExplore(program: Command): Command {
  const cmd = program
    .command('explore')
    .description(
      "run many schedules and test the program's check(result) (default: ends ok with no thread error); print the outcomes and, for a failure, its shrunk token",
    )
    .argument('<demo-or-file>', "a demo name (see 'interleave list') or a .js, .mjs or .ts file")
    .addOption(
      new Option('--strategy <name>', 'how schedules are chosen (default random)').choices([
        'random',
        'pct',
        'exhaustive',
      ]),
    )
    .option('--runs <n>', 'how many runs to make (default 1,000)', wholeNumber(1))
    .option('--depth <d>', "PCT's depth: bugs that need d ordering constraints (default 3)", wholeNumber(1))
    .option('--preemption-bound <k>', 'for exhaustive: at most k preemptions per schedule', wholeNumber(0))
    .option(
      '--delay-bound <k>',
      'for exhaustive, instead: at most k delays (skips of the default thread) per schedule',
      wholeNumber(0),
    )
    .option('--stop-on-failure', 'stop at the first failing run instead of spending the whole budget')
    .option(
      '--shard <i/n>',
      "run only the i-th of n disjoint slices of the search; merge the --json reports with 'interleave merge'",
    )
    .option('--workers <n>', 'spread the search over n worker threads (the report is the same)', wholeNumber(1));
  addMainOption(cmd);
  addWatchdogOption(cmd);
  addScheduleOptions(cmd);
  addViewOptions(cmd);
  return cmd;
}

/** The search's options: the program's own, then the run flags, then explore's flags. */
function exploreOptionsFrom(
  prog: Program,
  cmd: Command,
  flags: ExploreFlags,
  onProgress: (runs: number, budget: number) => void,
): ExploreOptions {
  // The program's own strategy is for single runs; explore has its own.
  const { strategy: _fileStrategy, ...defaults } = prog.options;
  const { strategy: _runStrategy, ...given } = runOptionsFrom(cmd);
  return {
    ...defaults,
    ...given,
    program: programName(prog),
    ...(flags.strategy !== undefined ? { strategy: flags.strategy } : {}),
    ...(flags.runs !== undefined ? { runs: flags.runs } : {}),
    ...(flags.depth !== undefined ? { depth: flags.depth } : {}),
    ...(flags.preemptionBound !== undefined ? { preemptionBound: flags.preemptionBound } : {}),
    ...(flags.delayBound !== undefined ? { delayBound: flags.delayBound } : {}),
    ...(flags.stopOnFailure === true ? { stopOnFailure: true } : {}),
    ...(flags.shard !== undefined ? { shard: flags.shard } : {}),
    ...(prog.check !== undefined ? { check: prog.check } : {}),
    onProgress,
  };
}

/** The report for people, followed by the shrunk failing run's timeline when `--timeline` asks. */
function exploreText(term: Terminal, prog: Program, report: ExploreReport, flags: ExploreFlags): string {
  const colors = colorsFor(term, term.stdout, false);
  const width = widthOf(term.stdout);
  let text = formatExplore(report, {
    colors,
    width,
    spec: prog.spec,
    replayCommandLine: (t) => replayCommandLine(prog, t),
  });
  if (flags.timeline === true && report.firstFailure !== null) {
    const traced = replay(prog.main, report.firstFailure.shrunk, { trace: true });
    const timeline = renderTimeline(traced, { width, color: colors.isColorSupported });
    text += `\nThe shrunk failing run:\n${timeline.replace(/\n?$/, '\n')}`;
  }
  return text;
}
