import type { ExploreCheck, ExploreOptions, ExploreStrategyName } from '../types';
export type { ExploreCheck, ExploreOptions, ExploreStrategyName } from '../types';
import { TypeError, ValueError } from '../errors';
import { type ResolvedRunOptions, resolveRunOptions } from '../scheduler/options';
import { boolOption, showValue } from '../_internal/option-values';

/** Explore options with their values settled. */
export interface ResolvedExploreOptions<T = unknown> {
  run: ResolvedRunOptions;
  strategy: ExploreStrategyName;
  runs: number;
  preemptionBound: number;
  /** Null: bound preemptions (`preemptionBound`); else the delay bound. */
  delayBound: number | null;
  check: ExploreCheck<T> | null;
  stopOnFailure: boolean;
  shard: { index: number; count: number } | null;
  reduction: boolean;
  shrink: boolean;
  /** PCT's run length when the caller fixed it; null: measured from calibration runs. */
  pctLength: number | null;
  onProgress: ((runs: number, budget: number) => void) | null;
}

/** Explorations switch at every step unless told otherwise: most races need a switch mid-slice. */
export const EXPLORE_SWITCH_INTERVAL = 1;
/** A run that long during a search is almost surely a livelock; the default keeps failures cheap. */
export const EXPLORE_MAX_STEPS = 100_000;

const OWN_KEYS: ReadonlySet<string> = new Set([
  'strategy',
  'runs',
  'preemptionBound',
  'delayBound',
  'check',
  'stopOnFailure',
  'shard',
  'reduction',
  'shrink',
  'onProgress',
]);
const STRATEGIES: readonly string[] = ['random', 'pct', 'exhaustive'];

/** Checks and fills in explore options; a bad one is a ValueError (TypeError for a non-function check) naming it. */
export function resolveExploreOptions<T>(options: ExploreOptions<T> | undefined): ResolvedExploreOptions<T> {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new ValueError(`explore options must be an object, not ${options === null ? 'null' : typeof options}`);
  }
  const given = (options ?? {}) as Record<string, unknown>;
  const { strategy: _s, ...runPart } = given;
  const run = resolveRunOptions(runPart, OWN_KEYS);
  if (given.switchInterval === undefined) run.switchInterval = EXPLORE_SWITCH_INTERVAL;
  if (given.maxSteps === undefined) run.maxSteps = EXPLORE_MAX_STEPS;

  const strategy = resolveStrategy(given.strategy ?? 'random');
  const runs = resolveRuns(given.runs ?? 1000, strategy);
  const bound = resolvePreemptionBound(given.preemptionBound, strategy);
  const delayBound = resolveDelayBound(given, strategy);
  if (strategy === 'exhaustive' && !run.gil) {
    throw new ValueError(`strategy 'exhaustive' searches GIL schedules; with gil: false use 'random' or 'pct'`);
  }
  if (given.check !== undefined && typeof given.check !== 'function') {
    throw new TypeError(`option 'check' must be a function of the run's result, got ${typeof given.check}`);
  }
  if (given.onProgress !== undefined && typeof given.onProgress !== 'function') {
    throw new TypeError(`option 'onProgress' must be a function, got ${typeof given.onProgress}`);
  }
  return {
    run,
    strategy,
    runs,
    preemptionBound: bound,
    delayBound,
    check: (given.check as ExploreCheck<T> | undefined) ?? null,
    stopOnFailure: boolOption(given, 'stopOnFailure', false),
    shard: parseShard(given.shard),
    reduction: boolOption(given, 'reduction', true),
    shrink: boolOption(given, 'shrink', true),
    pctLength: given.pctLength === undefined ? null : run.pctLength,
    onProgress: (given.onProgress as ResolvedExploreOptions['onProgress'] | undefined) ?? null,
  };
}

/** The `strategy` option: 'random' (the default), 'pct' or 'exhaustive'. */
function resolveStrategy(strategy: unknown): ExploreStrategyName {
  if (typeof strategy !== 'string' || !STRATEGIES.includes(strategy)) {
    const hint = strategy === 'round-robin' ? ` ('round-robin' makes one schedule; use run() for it)` : '';
    throw new ValueError(
      `option 'strategy' of explore must be 'random', 'pct' or 'exhaustive', got ${showValue(strategy)}${hint}`,
    );
  }
  return strategy as ExploreStrategyName;
}

/** The `runs` option (the budget): an integer >= 1, default 1,000; Infinity for 'exhaustive' only. */
function resolveRuns(runs: unknown, strategy: ExploreStrategyName): number {
  const exhaustive = strategy === 'exhaustive';
  if (typeof runs !== 'number' || !((Number.isInteger(runs) && runs >= 1) || (runs === Infinity && exhaustive))) {
    throw new ValueError(
      `option 'runs' must be an integer >= 1${exhaustive ? ' or Infinity' : ''}, got ${showValue(runs)}`,
    );
  }
  return runs;
}

/** The `preemptionBound` option: an integer >= 0 (or Infinity, the default), for 'exhaustive' only. */
function resolvePreemptionBound(b: unknown, strategy: ExploreStrategyName): number {
  if (b === undefined) return Infinity;
  if (strategy !== 'exhaustive') {
    throw new ValueError(
      `option 'preemptionBound' applies to strategy 'exhaustive' only (the strategy is '${strategy}')`,
    );
  }
  if (typeof b !== 'number' || !((Number.isInteger(b) && b >= 0) || b === Infinity)) {
    throw new ValueError(`option 'preemptionBound' must be an integer >= 0, got ${showValue(b)}`);
  }
  return b;
}

/** The `delayBound` option: an integer >= 0 (or Infinity), for 'exhaustive', not with `preemptionBound`. */
function resolveDelayBound(o: Record<string, unknown>, strategy: string): number | null {
  const b = o.delayBound;
  if (b === undefined) return null;
  if (strategy !== 'exhaustive')
    throw new ValueError(`option 'delayBound' applies to strategy 'exhaustive' only (the strategy is '${strategy}')`);
  if (o.preemptionBound !== undefined) {
    throw new ValueError(
      `options 'delayBound' and 'preemptionBound' cannot be combined: a search bounds one or the other`,
    );
  }
  if (typeof b !== 'number' || !((Number.isInteger(b) && b >= 0) || b === Infinity)) {
    throw new ValueError(`option 'delayBound' must be an integer >= 0, got ${showValue(b)}`);
  }
  return b;
}

/** Parses `'i/n'` (1 <= i <= n). */
export function parseShard(v: unknown): { index: number; count: number } | null {
  if (v === undefined) return null;
  const m = typeof v === 'string' ? /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(v) : null;
  const index = m === null ? NaN : Number(m[1]);
  const count = m === null ? NaN : Number(m[2]);
  if (!(index >= 1 && count >= 1 && index <= count)) {
    throw new ValueError(`option 'shard' must be 'i/n' with 1 <= i <= n (the i-th of n slices), got ${showValue(v)}`);
  }
  return { index, count };
}
