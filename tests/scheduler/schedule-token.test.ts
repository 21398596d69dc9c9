import { ReplayError, ValueError, type ScheduleSpec } from 'interleave-threads';
import { decodeToken, encodeToken } from '../../src/scheduler/schedule-token';

const base: ScheduleSpec = {
  strategy: 'round-robin',
  seed: '0',
  switchInterval: 100,
  stepTime: 1e-6,
  gil: true,
  cores: 1,
  depth: 3,
  pctLength: 1000,
  maxSteps: 10_000_000,
  steps: 1234,
  choices: null,
};

/** The token format's checksum (FNV-1a, four base-36 digits), to build tokens whose body is wrong. */
function checksum(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h % 1679616).toString(36).padStart(4, '0');
}

/** A token with a valid checksum around any body. */
function craft(body: string): string {
  const b64 = Buffer.from(body, 'utf8').toString('base64url');
  return `il1.${b64}.${checksum(b64)}`;
}

const GOOD_BODY = 'rr|0|100|0.000001|1|1|3|1000|10000000|1234|-';

function replayErrorOf(token: unknown): string {
  try {
    decodeToken(token);
  } catch (e) {
    expect(e).toBeInstanceOf(ReplayError);
    expect(e).toBeInstanceOf(ValueError);
    return (e as Error).message;
  }
  return 'decoded';
}

describe('schedule tokens', () => {
  const specs: ScheduleSpec[] = [
    base,
    { ...base, strategy: 'random', seed: 'a|b%c é/.', switchInterval: 1, stepTime: 0.125 },
    { ...base, strategy: 'pct', seed: '-7', depth: 5, pctLength: 77, gil: false, cores: 4 },
    { ...base, strategy: 'choices', choices: [0, 0, 0, 1, 2, 2, 35, 36, 36, 1000, 0] },
    { ...base, strategy: 'choices', choices: [] },
    { ...base, strategy: 'random', seed: 'old', seeding: 'mash' },
    { ...base, strategy: 'pct', seed: 'old', seeding: 'mash' },
  ];
  it.each(specs)('round-trips %p', (spec) => {
    const token = encodeToken(spec);
    expect(token).toMatch(/^il1\.[A-Za-z0-9_-]+\.[0-9a-z]{4}$/);
    expect(decodeToken(token)).toEqual(spec);
  });

  it('names the random and PCT strategies of each seeding by their own code', () => {
    const body = (t: string): string => Buffer.from(t.split('.')[1]!, 'base64url').toString('utf8').split('|')[0]!;
    expect(body(encodeToken({ ...base, strategy: 'random' }))).toBe('rnd2');
    expect(body(encodeToken({ ...base, strategy: 'pct' }))).toBe('pct2');
    expect(body(encodeToken({ ...base, strategy: 'random', seeding: 'mash' }))).toBe('rnd');
    expect(body(encodeToken({ ...base, strategy: 'pct', seeding: 'mash' }))).toBe('pct');
    expect(decodeToken(craft('rnd|0|100|0.000001|1|1|3|1000|10000000|1234|-'))).toEqual({
      ...base,
      strategy: 'random',
      seeding: 'mash',
    });
    expect(decodeToken(craft('rnd2|0|100|0.000001|1|1|3|1000|10000000|1234|-'))).toEqual({
      ...base,
      strategy: 'random',
    });
  });

  it('run-length encodes repeated choices, so long runs stay short', () => {
    const token = encodeToken({ ...base, strategy: 'choices', choices: Array(10_000).fill(1) });
    expect(token.length).toBeLessThan(100);
    expect(decodeToken(token).choices).toHaveLength(10_000);
  });

  it('ignores white space around the token', () => {
    expect(decodeToken(`  \n${encodeToken(base)}\n `)).toEqual(base);
  });

  it('the crafted good body decodes (the helper matches the format)', () => {
    expect(decodeToken(craft(GOOD_BODY))).toEqual(base);
  });

  it('rejects what is not a token, or another version, with a ReplayError saying so', () => {
    expect(replayErrorOf(42)).toBe('a schedule token must be a string, got number');
    expect(replayErrorOf('hello world')).toBe(
      "'hello world' is not a schedule token: tokens start with 'il1.' (copy it from a run's summary or RunResult.schedule)",
    );
    expect(replayErrorOf('il2.abc.defg')).toBe(
      "schedule token version 'il2' is not supported by this version of interleave (it reads 'il1')",
    );
  });

  it('rejects a truncated or damaged token: the checksum catches it', () => {
    const token = encodeToken({ ...base, strategy: 'choices', choices: [1, 2, 3] });
    expect(replayErrorOf(token.slice(0, token.lastIndexOf('.')))).toBe(
      'the schedule token is truncated: its checksum is missing (copy the whole token)',
    );
    const damaged = 'the schedule token is damaged or truncated: its checksum does not match (copy the whole token)';
    expect(replayErrorOf(token.slice(0, -1))).toBe(damaged);
    expect(replayErrorOf(token.slice(0, 12) + token.slice(token.lastIndexOf('.')))).toBe(damaged);
    const i = 8;
    const flipped = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    expect(replayErrorOf(flipped)).toBe(damaged);
  });

  it('rejects a malformed body even when its checksum is right', () => {
    expect(replayErrorOf(craft('rr|0|100'))).toBe('the schedule token is malformed: expected 11 to 13 fields, found 3');
    expect(replayErrorOf(craft(GOOD_BODY.replace(/^rr/, 'zz')))).toBe(
      "the schedule token names an unknown strategy 'zz'",
    );
    expect(replayErrorOf(craft(GOOD_BODY.replace('|100|', '|x|')))).toBe(
      "the schedule token is malformed: switchInterval is 'x'",
    );
    expect(replayErrorOf(craft(GOOD_BODY.replace('|1234|', '||')))).toBe(
      "the schedule token is malformed: steps is ''",
    );
    expect(replayErrorOf(craft(GOOD_BODY.replace(/-$/, '1,x*')))).toBe(
      "the schedule token is malformed: bad choice 'x*'",
    );
    expect(replayErrorOf(craft(GOOD_BODY.replace(/-$/, '1,2*0')))).toBe(
      "the schedule token is malformed: bad choice '2*0'",
    );
  });

  it('rejects a seed that is not valid percent-encoding', () => {
    expect(replayErrorOf(craft(GOOD_BODY.replace(/^rr\|0\|/, 'rr|%E0%A4%A|')))).toBe(
      "the schedule token is malformed: seed is '%E0%A4%A'",
    );
  });

  it('rejects option values no run could have had', () => {
    const bad: [string, string, string][] = [
      ['|100|', '|0|', "switchInterval is '0'"],
      ['|100|', '|2.5|', "switchInterval is '2.5'"],
      ['|0.000001|', '|-1|', "stepTime is '-1'"],
      ['|0.000001|1|', '|0.000001|2|', "gil is '2'"],
      ['|1|3|', '|0|3|', "cores is '0'"],
      ['|3|1000|', '|0|1000|', "depth is '0'"],
      ['|1000|', '|-5|', "pctLength is '-5'"],
      ['|10000000|', '|0|', "maxSteps is '0'"],
      ['|1234|', '|-1|', "steps is '-1'"],
    ];
    for (const [from, to, what] of bad) {
      expect(GOOD_BODY.includes(from)).toBe(true);
      expect(replayErrorOf(craft(GOOD_BODY.replace(from, to)))).toBe(`the schedule token is malformed: ${what}`);
    }
  });
});
