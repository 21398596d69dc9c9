import { type Command, InvalidArgumentError, Option } from 'commander';
import type { RunOptions, StrategyName } from '../scheduler/options';

/** The strategies one run can use (`--strategy` of run, trace, step). */
export const RUN_STRATEGIES: readonly StrategyName[] = ['round-robin', 'random', 'pct'];

/** Parses a whole number of at least `min`; commander reports the message as a bad option value. */
export function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`it must be a whole number of ${min} or more`);
    }
    return n;
  };
}

/** A seed is any word or number, but not nothing: an empty `--seed ""` is most likely a shell variable left unset. */
function nonEmptySeed(value: string): string {
  if (value.trim() === '')
    throw new InvalidArgumentError('it must not be empty: give a number or a word, such as --seed 7');
  return value;
}

/** Adds `--main`: which export of the program file to run. */
export function addMainOption(cmd: Command): Command {
  return cmd.option(
    '--main <export>',
    'run the generator function the file exports under this name instead of its default export',
  );
}

/** Adds the options that shape one run: --seed, --switch-interval, --no-gil, --cores, --max-steps. */
export function addScheduleOptions(cmd: Command): Command {
  return cmd
    .option('--seed <s>', 'seed for random(), randint() and the random and pct strategies (default 0)', nonEmptySeed)
    .option(
      '--switch-interval <n>',
      'steps a thread runs before the GIL may change hands (default 100; 1 = every step)',
      wholeNumber(1),
    )
    .option('--no-gil', 'run without the GIL: up to --cores threads advance each tick')
    .option('--cores <k>', 'threads that advance per tick without the GIL (default 1)', wholeNumber(1))
    .option('--max-steps <n>', 'stop the run after this many steps (default 10,000,000)', wholeNumber(1));
}

/** Adds `--strategy` with the given choices. */
export function addStrategyOption(cmd: Command, choices: readonly string[], what: string): Command {
  return cmd.addOption(new Option('--strategy <name>', what).choices(choices));
}

/** Adds the options that choose what is printed: --timeline, --json, --detect-races. */
export function addViewOptions(cmd: Command, views: { timeline?: boolean; races?: boolean } = {}): Command {
  if (views.timeline !== false)
    cmd.option('--timeline', 'draw a timeline: one lane per thread, who held the GIL, where each blocked and on what');
  cmd.option('--json', 'print one JSON object instead of text');
  if (views.races !== false) cmd.option('--detect-races', 'report data races on shared() variables (happens-before)');
  return cmd;
}

/**
 * The run options given on the command line, only those the user typed, so a program's own
 * `export const options` stay in force for the rest.
 */
export function runOptionsFrom(cmd: Command): RunOptions {
  const o = cmd.opts<Record<string, unknown>>();
  const given = (key: string): boolean => cmd.getOptionValueSource(key) === 'cli';
  const out: RunOptions = {};
  if (given('seed')) out.seed = o.seed as string;
  if (given('strategy') && RUN_STRATEGIES.includes(o.strategy as StrategyName))
    out.strategy = o.strategy as StrategyName;
  if (given('switchInterval')) out.switchInterval = o.switchInterval as number;
  if (given('gil')) out.gil = o.gil as boolean;
  if (given('cores')) out.cores = o.cores as number;
  if (given('maxSteps')) out.maxSteps = o.maxSteps as number;
  if (given('detectRaces')) out.detectRaces = true;
  return out;
}
