import { ReplayError } from '../errors';
import { decodeBase64Url, encodeBase64Url } from '../_internal/base64url';
import type { StrategyName } from './options';

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
  /**
   * The run made a fair yield (`sleep(0)` while another thread could run): its token has a
   * `y` field. Without it, `sleep(0)` replays as a zero-length sleep, as before fair yields; a run
   * that made no fair yield runs the same either way, so its token stays as it was.
   */
  fairYields?: boolean;
  /** The program the run was made with (RunOptions.program): a demo's name or a hash of its file. */
  program?: string;
}

/** The field of a token of a run that made fair `sleep(0)` yields. */
const FAIR_YIELDS = 'y';
/** The program field starts with this (`encodeURIComponent` never makes it), so it cannot be read as `y`. */
const PROGRAM = '@';

const PREFIX = 'il1.';
// The strategy's algorithm belongs to the token: `rnd`/`pct` name the random and PCT strategies
// seeded with Mash (tokens of earlier versions, still replayed as made), `rnd2`/`pct2` today's.
const CODES: Record<ScheduleSpec['strategy'], string> = {
  'round-robin': 'rr',
  random: 'rnd2',
  pct: 'pct2',
  choices: 'ch',
};
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
    // Extra fields only when needed, so tokens of plain runs read as before.
    ...(spec.fairYields === true ? [FAIR_YIELDS] : []),
    ...(spec.program !== undefined ? [PROGRAM + encodeURIComponent(spec.program)] : []),
  ].join('|');
  const b64 = encodeBase64Url(body);
  return `${PREFIX}${b64}.${checksum(b64)}`;
}

/** Decodes a token; a malformed, damaged or truncated one raises ReplayError saying which. */
export function decodeToken(token: unknown): ScheduleSpec {
  const fields = tokenFields(token);
  const named = NAMES.get(fields[0]!);
  if (named === undefined) throw new ReplayError(`the schedule token names an unknown strategy '${fields[0]}'`);
  const { num, text, malformed } = fieldReaders(fields);
  const seed = text(1, 'seed');
  const extras = fields.slice(11);
  const fairYields = extras[0] === FAIR_YIELDS;
  const tagged = extras[fairYields ? 1 : 0];
  if (extras.length > (fairYields ? 1 : 0) + 1 || (tagged !== undefined && !tagged.startsWith(PROGRAM))) {
    throw malformed(11, 'an extra field');
  }
  const program = tagged === undefined ? undefined : text(11 + (fairYields ? 1 : 0), 'program').slice(PROGRAM.length);
  if (fields[4] !== '0' && fields[4] !== '1') throw malformed(4, 'gil');
  return {
    strategy: named.strategy,
    seed,
    switchInterval: num(2, 'switchInterval', 1),
    stepTime: num(3, 'stepTime', 0, false),
    gil: fields[4] === '1',
    cores: num(5, 'cores', 1),
    depth: num(6, 'depth', 1),
    pctLength: num(7, 'pctLength', 1),
    maxSteps: num(8, 'maxSteps', 1),
    steps: num(9, 'steps', 0),
    choices: fields[10] === '-' ? null : decodeChoices(fields[10]!),
    ...(named.mash ? { seeding: 'mash' as const } : {}),
    ...(fairYields ? { fairYields: true } : {}),
    ...(program !== undefined ? { program } : {}),
  };
}

/**
 * The fields of a token's body, after checking its prefix, version and checksum. Tokens made
 * before fair yields and program names have 11 fields; today's may add `y` and `@program`.
 */
function tokenFields(token: unknown): string[] {
  if (typeof token !== 'string') throw new ReplayError(`a schedule token must be a string, got ${typeof token}`);
  const trimmed = token.trim();
  if (!trimmed.startsWith('il'))
    throw new ReplayError(
      `'${clip(trimmed)}' is not a schedule token: tokens start with '${PREFIX}' (copy it from a run's summary or RunResult.schedule)`,
    );
  if (!trimmed.startsWith(PREFIX))
    throw new ReplayError(
      `schedule token version '${trimmed.split('.')[0]}' is not supported by this version of interleave (it reads '${PREFIX.slice(0, -1)}')`,
    );
  const rest = trimmed.slice(PREFIX.length);
  const dot = rest.lastIndexOf('.');
  if (dot < 0) throw new ReplayError('the schedule token is truncated: its checksum is missing (copy the whole token)');
  const b64 = rest.slice(0, dot);
  if (checksum(b64) !== rest.slice(dot + 1))
    throw new ReplayError(
      'the schedule token is damaged or truncated: its checksum does not match (copy the whole token)',
    );
  const fields = decodeBase64Url(b64).split('|');
  if (fields.length < 11 || fields.length > 13)
    throw new ReplayError(`the schedule token is malformed: expected 11 to 13 fields, found ${fields.length}`);
  return fields;
}

/** Readers of numeric fields that refuse values no run could have had. */
function fieldReaders(fields: readonly string[]): {
  num: (i: number, what: string, min: number, integer?: boolean) => number;
  text: (i: number, what: string) => string;
  malformed: (i: number, what: string) => ReplayError;
} {
  const malformed = (i: number, what: string): ReplayError =>
    new ReplayError(`the schedule token is malformed: ${what} is '${fields[i]}'`);
  // Only values a run can have: a crafted token with cores 0 would otherwise make a replay spin forever.
  const num = (i: number, what: string, min: number, integer = true): number => {
    const v = Number(fields[i]);
    if (fields[i] === '' || !Number.isFinite(v) || v < min || (integer && !Number.isInteger(v)))
      throw malformed(i, what);
    return v;
  };
  const text = (i: number, what: string): string => {
    try {
      return decodeURIComponent(fields[i]!);
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
    if (!/^[0-9a-z]+$/.test(id!) || Number.isNaN(v) || Number.isNaN(n) || n < 1)
      throw new ReplayError(`the schedule token is malformed: bad choice '${part}'`);
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
