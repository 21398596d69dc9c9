import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, interleave, interleaveAll } from './helpers/cli';
import { DEMO_NAMES } from '../support/demo-names';

const ESC = '\u001b[';

jest.setTimeout(60_000);

beforeAll(() => ensureBuilt(), 180_000);

describe('interleave list', () => {
  it('shows every demo of CLI.md, in its order, each with one line on what it teaches', () => {
    const r = interleave(['list']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('  '));
    expect(rows.map((l) => l.trim().split(/\s+/)[0])).toEqual(DEMO_NAMES);
    for (const row of rows) expect(row.trim().length).toBeGreaterThan(20);
  });
});

describe('usage errors', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown demo', ['run', 'nosuchdemo'], /unknown demo 'nosuchdemo'.*interleave list/],
    ['a near miss of a demo name, with a suggestion', ['run', 'rac'], /unknown demo 'rac'.*did you mean 'race'/],
    ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'.*interleave --help/],
    [
      'a bad option value',
      ['run', 'race', '--switch-interval', '0'],
      /--switch-interval.*'0' is invalid: it must be a whole number of 1 or more/,
    ],
    [
      'a strategy run does not have',
      ['run', 'race', '--strategy', 'exhaustive'],
      /'exhaustive' is invalid.*round-robin, random, pct/,
    ],
    ['an unknown option', ['run', 'race', '--fast'], /unknown option '--fast'.*interleave run --help/],
    ['a missing token', ['replay', 'race'], /missing required argument 'token'.*copy the token/],
    [
      'a run option given to replay',
      ['replay', 'race', 'il1.x', '--seed', '3'],
      /unknown option '--seed'.*takes the run options from its token/,
    ],
    ['a malformed token', ['replay', 'race', 'notatoken'], /'notatoken' is not a schedule token/],
    [
      'a token of another program',
      ['replay', 'lock', 'il1.cnJ8MHw3fDAuMDAwMDAxfDF8MXwzfDEwMDB8MTAwMDAwMDB8MjcwfC0.lq4c'],
      /replay diverged/,
    ],
    ['a missing program file', ['run', 'no/such/file.ts'], /no such file: no\/such\/file\.ts/],
    ['--json with --timeline', ['run', 'race', '--json', '--timeline'], /--json and --timeline cannot be combined/],
  ];
  let results: Awaited<ReturnType<typeof interleaveAll>>;
  beforeAll(async () => {
    results = await interleaveAll(cases.map((c) => c[1]));
  }, 60_000);

  it.each(cases.map((c, i) => [c[0], i] as const))(
    '%s exits 2 with one clear line on stderr and nothing on stdout',
    (_name, i) => {
      const r = results[i]!;
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.endsWith('\n')).toBe(true);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^interleave: /);
      expect(r.stderr).toMatch(cases[i]![2]);
    },
  );
});

describe('--help', () => {
  it('works on the program and on every command, on stdout, with exit 0', async () => {
    const commands = ['list', 'run', 'explore', 'replay', 'step', 'trace'];
    const rs = await interleaveAll([['--help'], ...commands.map((c) => [c, '--help'])]);
    expect(rs.map((r) => r.code)).toEqual(rs.map(() => 0));
    for (const c of commands) expect(rs[0]!.stdout).toContain(c);
    commands.forEach((c, i) => expect(rs[i + 1]!.stdout).toMatch(new RegExp(`^Usage: interleave ${c} `)));
  });
});

describe('interleave run', () => {
  it('prints the output, then the summary with the token and the exact replay command; replaying it gives the same bytes', () => {
    const first = interleave(['run', 'race']);
    // The race ends ok but fails its check on purpose: exit 1 (CLI.md).
    expect(first.code).toBe(1);
    const token = /^schedule {2}(il1\.\S+)$/m.exec(first.stdout)![1]!;
    expect(first.stdout).toContain(`replay    interleave replay race ${token}\n`);
    expect(first.stdout).toMatch(/^status {4}ok$/m);
    expect(first.stdout).toMatch(/^steps {5}\d+$/m);
    expect(first.stdout).toMatch(/^time {6}[\d.]+ s \(virtual\)$/m);
    expect(first.stdout).toMatch(/^switches {2}\d+ GIL hand-offs, \d+ preemptions$/m);
    const again = interleave(['replay', 'race', token]);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe(first.stdout);
  });

  it('--json prints one RunResult object, with errors as { name, message }', () => {
    const r = interleave(['run', 'deadlock', '--json']);
    expect(r.code).toBe(1);
    const o = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(o).sort()).toEqual(
      [
        'check',
        'deadlock',
        'errors',
        'output',
        'preemptions',
        'schedule',
        'status',
        'stepLimit',
        'steps',
        'switches',
        'time',
        'value',
      ].sort(),
    );
    expect(o.status).toBe('deadlock');
    expect(o.value).toBeNull();
    expect((o.deadlock as { cycle: string[] }).cycle).toEqual(['Thread-1', 'Thread-2', 'Thread-1']);
    expect(r.stdout).not.toContain(ESC);
  });

  it('--detect-races lists each race in words', () => {
    const r = interleave(['run', 'race', '--detect-races']);
    expect(r.stdout).toMatch(/^races {5}\d+ data races?$/m);
    expect(r.stdout).toMatch(/^- .*count/m);
  });

  it('colors the status only when asked by the terminal, never with NO_COLOR or --json', async () => {
    const forced = interleave(['run', 'lock'], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain(ESC);
    const noColor = interleave(['run', 'lock'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain(ESC);
    const json = interleave(['run', 'lock', '--json'], { env: { FORCE_COLOR: '1' } });
    expect(json.stdout).not.toContain(ESC);
    expect(interleave(['run', 'lock']).stdout).not.toContain(ESC);
  });
});

describe('user programs', () => {
  let dir: string;
  beforeAll(() => {
    // Outside the repository, with no package to resolve: the CLI must supply its own library.
    dir = mkdtempSync(path.join(os.tmpdir(), 'interleave-user-'));
    for (const f of ['counter.ts', 'unlocked.mjs', 'plain.js', 'not-a-generator.mjs']) {
      copyFileSync(path.join(__dirname, 'fixtures', f), path.join(dir, f));
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("load a .ts file with no build step, its imports of 'interleave-threads' and its options", () => {
    const r = interleave(['run', 'counter.ts', '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    const o = JSON.parse(r.stdout) as { value: number; output: string; schedule: string };
    expect(o.value).toBe(3);
    expect(o.output).toBe('n = 3\n');
  });

  it('load an ES module (.mjs) the same way, from any current directory', () => {
    const r = interleave(['run', path.join(dir, 'unlocked.mjs')]);
    expect(r.stdout).toMatch(/^n = [12]$/m);
    // Its check wants 2: the exit code follows it (CLI.md).
    expect(r.code).toBe(/^n = 2$/m.test(r.stdout) ? 0 : 1);
    expect(r.stdout).toContain(`interleave replay ${path.join(dir, 'unlocked.mjs')} il1.`);
  });

  it('a CommonJS file whose main raises ends with status error, its exception, and exit 1', () => {
    const r = interleave(['run', 'plain.js'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^status {4}error$/m);
    expect(r.stdout).toContain('Exception in MainThread:\nValueError: main gave up');
  });

  it('a file whose default export is not a generator function is bad usage', () => {
    const r = interleave(['run', 'not-a-generator.mjs'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^interleave: the default export of not-a-generator\.mjs must be a generator function \(function\* \.\.\.\), but 'main' is a plain function.* \(write `export default function\* main/,
    );
  });
});
