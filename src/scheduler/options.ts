import { ValueError } from '../errors';
import { boolOption, intOption, showValue } from '../_internal/option-values';
import type { StrategyName } from '../types';
export type { RunOptions, StrategyName } from '../types';

/** Every option with its value settled. */
export interface ResolvedRunOptions {
  seed: string;
  strategy: StrategyName;
  switchInterval: number;
  stepTime: number;
  gil: boolean;
  cores: number;
  maxSteps: number;
  trace: boolean;
  detectRaces: boolean;
  locations: boolean;
  depth: number;
  pctLength: number;
  /** Set only to replay a token of a run that made no fair yield: `sleep(0)` then blocks for 0 s. */
  legacySleep0?: boolean;
  program: string | null;
  traceback: boolean;
}

export const RUN_DEFAULTS: ResolvedRunOptions = Object.freeze({
  seed: '0',
  strategy: 'round-robin',
  switchInterval: 100,
  stepTime: 1e-6,
  gil: true,
  cores: 1,
  maxSteps: 10_000_000,
  trace: false,
  detectRaces: false,
  locations: false,
  depth: 3,
  pctLength: 1000,
  program: null,
  traceback: false,
});

const RUN_KEYS = new Set(Object.keys(RUN_DEFAULTS));
const STRATEGIES: readonly string[] = ['round-robin', 'random', 'pct'];

/**
 * Checks and fills in run options. `extraKeys` are accepted and ignored (explore's own options).
 * Throws ValueError naming the option for anything unknown or out of range.
 */
export function resolveRunOptions(options: object | undefined, extraKeys?: ReadonlySet<string>): ResolvedRunOptions {
  if (options === undefined || options === null) return { ...RUN_DEFAULTS };
  if (typeof options !== 'object') throw new ValueError(`options must be an object, not ${typeof options}`);
  const given = options as Record<string, unknown>;
  checkKeys(given, extraKeys);
  const resolved: ResolvedRunOptions = { ...RUN_DEFAULTS };
  resolved.seed = seedOption(given, resolved.seed);
  resolved.strategy = strategyOption(given, resolved.strategy);
  resolved.switchInterval = intOption(given, 'switchInterval', resolved.switchInterval, 1);
  resolved.cores = intOption(given, 'cores', resolved.cores, 1);
  resolved.maxSteps = intOption(given, 'maxSteps', resolved.maxSteps, 1);
  resolved.depth = intOption(given, 'depth', resolved.depth, 1);
  resolved.pctLength = intOption(given, 'pctLength', resolved.pctLength, 1);
  resolved.stepTime = stepTimeOption(given, resolved.stepTime);
  resolved.gil = boolOption(given, 'gil', resolved.gil);
  resolved.trace = boolOption(given, 'trace', resolved.trace);
  resolved.detectRaces = boolOption(given, 'detectRaces', resolved.detectRaces);
  resolved.locations = boolOption(given, 'locations', resolved.locations);
  resolved.traceback = boolOption(given, 'traceback', resolved.traceback);
  resolved.program = programOption(given, resolved.program);
  return resolved;
}

function checkKeys(o: Record<string, unknown>, extraKeys: ReadonlySet<string> | undefined): void {
  for (const key of Object.keys(o)) {
    if (!RUN_KEYS.has(key) && !(extraKeys?.has(key) ?? false)) {
      throw new ValueError(
        `unknown option '${key}' (known options: ${[...RUN_KEYS, ...(extraKeys ?? [])].join(', ')})`,
      );
    }
  }
}

function seedOption(o: Record<string, unknown>, fallback: string): string {
  if (o.seed === undefined) return fallback;
  if (typeof o.seed !== 'string' && !(typeof o.seed === 'number' && Number.isFinite(o.seed))) {
    throw new ValueError(`option 'seed' must be a string or a finite number, got ${showValue(o.seed)}`);
  }
  return String(o.seed);
}

function strategyOption(o: Record<string, unknown>, fallback: StrategyName): StrategyName {
  if (o.strategy === undefined) return fallback;
  if (typeof o.strategy !== 'string' || !STRATEGIES.includes(o.strategy)) {
    throw new ValueError(
      `option 'strategy' must be one of ${STRATEGIES.map((s) => `'${s}'`).join(', ')}, got ${showValue(o.strategy)}`,
    );
  }
  return o.strategy as StrategyName;
}

function stepTimeOption(o: Record<string, unknown>, fallback: number): number {
  if (o.stepTime === undefined) return fallback;
  if (typeof o.stepTime !== 'number' || !Number.isFinite(o.stepTime) || o.stepTime < 0) {
    throw new ValueError(
      `option 'stepTime' must be a number of virtual seconds >= 0 (0: steps take no time), got ${showValue(o.stepTime)}`,
    );
  }
  return o.stepTime;
}

function programOption(o: Record<string, unknown>, fallback: string | null): string | null {
  if (o.program === undefined) return fallback;
  if (typeof o.program !== 'string' || o.program === '')
    throw new ValueError(`option 'program' must be a non-empty string, got ${showValue(o.program)}`);
  return o.program;
}
