import { ValueError } from '../errors';

/** The strategies one run can use. */
export type StrategyName = 'round-robin' | 'random' | 'pct';

/** Options of `run` (and, with their defaults, of `replay` and `explore`). */
export interface RunOptions {
  /** Seeds `random()`, `randint()` and the random and PCT strategies. Default 0. */
  seed?: string | number;
  /** How the next thread is chosen at each decision point. Default `'round-robin'`. */
  strategy?: StrategyName;
  /** Steps a thread runs before the GIL may change hands. Default 100; 1 = at every step. */
  switchInterval?: number;
  /** Virtual seconds one step (one tick without the GIL) costs. Default 1e-6. */
  stepTime?: number;
  /** Simulate the GIL: one thread runs at a time. Default true. */
  gil?: boolean;
  /** Without the GIL, how many threads advance one step per tick. Default 1. */
  cores?: number;
  /** Steps after which the run stops with status `'step-limit'`. Default 10,000,000. */
  maxSteps?: number;
  /** Record typed trace events in `RunResult.trace`. Default false. */
  trace?: boolean;
  /** Run the happens-before race detector over `shared` cells. Default false. */
  detectRaces?: boolean;
  /** PCT's depth d (bugs needing d ordering constraints). Default 3. */
  depth?: number;
  /** PCT's estimate of the run's length in steps, where change points fall. Default 1,000. */
  pctLength?: number;
}

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
  depth: number;
  pctLength: number;
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
  depth: 3,
  pctLength: 1000,
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
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!RUN_KEYS.has(key) && !(extraKeys?.has(key) ?? false)) {
      throw new ValueError(`unknown option '${key}' (known options: ${[...RUN_KEYS, ...(extraKeys ?? [])].join(', ')})`);
    }
  }
  const r: ResolvedRunOptions = { ...RUN_DEFAULTS };
  if (o.seed !== undefined) {
    if (typeof o.seed !== 'string' && !(typeof o.seed === 'number' && Number.isFinite(o.seed))) {
      throw new ValueError(`option 'seed' must be a string or a finite number, got ${show(o.seed)}`);
    }
    r.seed = String(o.seed);
  }
  if (o.strategy !== undefined) {
    if (typeof o.strategy !== 'string' || !STRATEGIES.includes(o.strategy)) {
      throw new ValueError(`option 'strategy' must be one of ${STRATEGIES.map((s) => `'${s}'`).join(', ')}, got ${show(o.strategy)}`);
    }
    r.strategy = o.strategy as StrategyName;
  }
  r.switchInterval = int(o, 'switchInterval', r.switchInterval, 1);
  r.cores = int(o, 'cores', r.cores, 1);
  r.maxSteps = int(o, 'maxSteps', r.maxSteps, 1);
  r.depth = int(o, 'depth', r.depth, 1);
  r.pctLength = int(o, 'pctLength', r.pctLength, 1);
  if (o.stepTime !== undefined) {
    if (typeof o.stepTime !== 'number' || !Number.isFinite(o.stepTime) || o.stepTime <= 0) {
      throw new ValueError(`option 'stepTime' must be a positive number of virtual seconds, got ${show(o.stepTime)}`);
    }
    r.stepTime = o.stepTime;
  }
  r.gil = bool(o, 'gil', r.gil);
  r.trace = bool(o, 'trace', r.trace);
  r.detectRaces = bool(o, 'detectRaces', r.detectRaces);
  return r;
}

function int(o: Record<string, unknown>, key: string, dflt: number, min: number): number {
  const v = o[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new ValueError(`option '${key}' must be an integer >= ${min}, got ${show(v)}`);
  }
  return v;
}

function bool(o: Record<string, unknown>, key: string, dflt: boolean): boolean {
  const v = o[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') throw new ValueError(`option '${key}' must be true or false, got ${show(v)}`);
  return v;
}

function show(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : String(v);
}
