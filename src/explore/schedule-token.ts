import { ReplayError } from '../errors';
import type { StrategyName } from '../scheduler/options';

/**
 * Everything needed to rerun a run exactly: the strategy that made it (with its seed), or the
 * explicit list of choices; the options that change a run's meaning; and the step count, so a
 * replay that ends elsewhere is reported instead of passing silently.
 */
export interface ScheduleSpec {
  /** A built-in strategy reruns itself from the seed; `'choices'` follows `choices`. */
  strategy: StrategyName | 'choices';
  seed: string;
  switchInterval: number;
  stepTime: number;
  gil: boolean;
  cores: number;
  depth: number;
  pctLength: number;
  maxSteps: number;
  /** Steps the recorded run took. */
  steps: number;
  /** For `'choices'`: the id of the thread chosen at each decision with two or more candidates. */
  choices: number[] | null;
  /**
   * `'mash'` on a random or PCT token of an earlier version, whose strategy seeded its generator
   * with seedrandom's Mash: such a token replays as it was made. Absent: today's seeding.
   */
  seeding?: 'mash';
  /** The program the run was made with (RunOptions.program): a demo's name or a hash of its file. */
  program?: string;
}

const PREFIX = 'il1.';
// The strategy's algorithm belongs to the token: `rnd`/`pct` name the random and PCT strategies
// seeded with Mash (tokens of earlier versions, still replayed as made), `rnd2`/`pct2` today's.
const CODES: Record<ScheduleSpec['strategy'], string> = { 'round-robin': 'rr', random: 'rnd2', pct: 'pct2', choices: 'ch' };
const MASH_CODES: Partial<Record<ScheduleSpec['strategy'], string>> = { random: 'rnd', pct: 'pct' };
const NAMES = new Map<string, { strategy: ScheduleSpec['strategy']; mash: boolean }>([
  ...Object.entries(CODES).map(([k, v]) => [v, { strategy: k as ScheduleSpec['strategy'], mash: false }] as const),
  ...Object.entries(MASH_CODES).map(([k, v]) => [v!, { strategy: k as ScheduleSpec['strategy'], mash: true }] as const),
]);

/** Encodes a spec as a printable token: `il1.<base64url body>.<checksum>`. */
export function encodeToken(spec: ScheduleSpec): string {
  const body = [
    (spec.seeding === 'mash' ? MASH_CODES[spec.strategy] : undefined) ?? CODES[spec.strategy],
    encodeURIComponent(spec.seed),
    spec.switchInterval,
    spec.stepTime,
    spec.gil ? 1 : 0,
    spec.cores,
    spec.depth,
    spec.pctLength,
    spec.maxSteps,
    spec.steps,
    spec.choices === null ? '-' : encodeChoices(spec.choices),
    // Only when named, so tokens of runs that name no program read as before.
    ...(spec.program !== undefined ? [encodeURIComponent(spec.program)] : []),
  ].join('|');
  const b64 = Buffer.from(body, 'utf8').toString('base64url');
  return `${PREFIX}${b64}.${checksum(b64)}`;
}

/** Decodes a token; a malformed, damaged or truncated one raises ReplayError saying which. */
export function decodeToken(token: unknown): ScheduleSpec {
  const f = tokenFields(token);
  const named = NAMES.get(f[0]!);
  if (named === undefined) throw new ReplayError(`the schedule token names an unknown strategy '${f[0]}'`);
  const { num, text, malformed } = fieldReaders(f);
  const seed = text(1, 'seed');
  const program = f[11] === undefined ? undefined : text(11, 'program');
  if (f[4] !== '0' && f[4] !== '1') throw malformed(4, 'gil');
  return {
    strategy: named.strategy,
    seed,
    switchInterval: num(2, 'switchInterval', 1),
    stepTime: num(3, 'stepTime', 0, false),
    gil: f[4] === '1',
    cores: num(5, 'cores', 1),
    depth: num(6, 'depth', 1),
    pctLength: num(7, 'pctLength', 1),
    maxSteps: num(8, 'maxSteps', 1),
    steps: num(9, 'steps', 0),
    choices: f[10] === '-' ? null : decodeChoices(f[10]!),
    ...(named.mash ? { seeding: 'mash' as const } : {}),
    ...(program !== undefined ? { program } : {}),
  };
}

/**
 * The fields of a token's body, after checking its prefix, version and checksum. Tokens made
 * before programs were named have 11 fields; today's may add the program as a 12th.
 */
function tokenFields(token: unknown): string[] {
  if (typeof token !== 'string') throw new ReplayError(`a schedule token must be a string, got ${typeof token}`);
  const t = token.trim();
  if (!t.startsWith('il')) throw new ReplayError(`'${clip(t)}' is not a schedule token: tokens start with '${PREFIX}' (copy it from a run's summary or RunResult.schedule)`);
  if (!t.startsWith(PREFIX)) throw new ReplayError(`schedule token version '${t.split('.')[0]}' is not supported by this version of interleave (it reads '${PREFIX.slice(0, -1)}')`);
  const rest = t.slice(PREFIX.length);
  const dot = rest.lastIndexOf('.');
  if (dot < 0) throw new ReplayError('the schedule token is truncated: its checksum is missing (copy the whole token)');
  const b64 = rest.slice(0, dot);
  if (checksum(b64) !== rest.slice(dot + 1)) throw new ReplayError('the schedule token is damaged or truncated: its checksum does not match (copy the whole token)');
  const f = Buffer.from(b64, 'base64url').toString('utf8').split('|');
  if (f.length !== 11 && f.length !== 12) throw new ReplayError(`the schedule token is malformed: expected 11 or 12 fields, found ${f.length}`);
  return f;
}

/** Readers of numeric fields that refuse values no run could have had. */
function fieldReaders(f: readonly string[]): {
  num: (i: number, what: string, min: number, integer?: boolean) => number;
  text: (i: number, what: string) => string;
  malformed: (i: number, what: string) => ReplayError;
} {
  const malformed = (i: number, what: string): ReplayError => new ReplayError(`the schedule token is malformed: ${what} is '${f[i]}'`);
  // Only values a run can have: a crafted token with cores 0 would otherwise make a replay spin forever.
  const num = (i: number, what: string, min: number, integer = true): number => {
    const v = Number(f[i]);
    if (f[i] === '' || !Number.isFinite(v) || v < min || (integer && !Number.isInteger(v))) throw malformed(i, what);
    return v;
  };
  const text = (i: number, what: string): string => {
    try {
      return decodeURIComponent(f[i]!);
    } catch {
      throw malformed(i, what);
    }
  };
  return { num, text, malformed };
}

/** Run-length encoding in base 36: `3,1*4` is 3,1,1,1,1. */
function encodeChoices(choices: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < choices.length; ) {
    let j = i + 1;
    while (j < choices.length && choices[j] === choices[i]) j++;
    const id = choices[i]!.toString(36);
    out.push(j - i === 1 ? id : `${id}*${(j - i).toString(36)}`);
    i = j;
  }
  return out.join(',');
}

function decodeChoices(s: string): number[] {
  if (s === '') return [];
  const out: number[] = [];
  for (const part of s.split(',')) {
    const [id, count] = part.split('*');
    const v = parseInt(id!, 36);
    const n = count === undefined ? 1 : parseInt(count, 36);
    if (!/^[0-9a-z]+$/.test(id!) || Number.isNaN(v) || Number.isNaN(n) || n < 1) throw new ReplayError(`the schedule token is malformed: bad choice '${part}'`);
    for (let k = 0; k < n; k++) out.push(v);
  }
  return out;
}

/** FNV-1a over the body, four base-36 digits: catches truncation and typos. */
function checksum(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h % 1679616).toString(36).padStart(4, '0');
}

function clip(s: string): string {
  return s.length > 24 ? `${s.slice(0, 24)}…` : s;
}
