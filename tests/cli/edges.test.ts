import { copyFileSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, interleave } from './helpers/cli';

/** Issue 15 through the real binary: exit codes that follow the check, and messages users trip over. */
const FIX = path.join(__dirname, 'fixtures', 'edges');
const fixture = (name: string): string => path.join(FIX, name);

jest.setTimeout(120_000);
beforeAll(() => ensureBuilt());

/** The token printed on a run's `schedule` row. */
function tokenOf(stdout: string): string {
  const m = /^schedule\s+(\S+)$/m.exec(stdout);
  if (m === null) throw new Error(`no schedule row in:\n${stdout}`);
  return m[1]!;
}

describe('exit codes follow the check (CLI.md)', () => {
  it('run and replay exit 1 when the check fails, and 0 with --exit-zero (npm run demo)', () => {
    const r = interleave(['run', 'race']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^check {5}FAILED: check\(result\) returned false$/m);
    expect(r.stdout).toMatch(/^returned {2}9$/m);
    expect(interleave(['replay', 'race', tokenOf(r.stdout)]).code).toBe(1);
    const demo = interleave(['run', 'race', '--exit-zero']);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toBe(r.stdout);
  });

  it('run and replay exit 0 when the check holds', () => {
    const r = interleave(['run', fixture('fixed-check.mjs')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^returned {2}42$/m);
    expect(interleave(['replay', fixture('fixed-check.mjs'), tokenOf(r.stdout)]).code).toBe(0);
  });

  it('a thread that raised makes the run exit 1 though main ended ok', () => {
    const r = interleave(['run', fixture('thread-raises.mjs')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Exception in thread W:');
    expect(r.stdout).toMatch(/^returned {2}'done'$/m);
  });

  it('run --json carries the check verdict', () => {
    const failed = JSON.parse(interleave(['run', 'race', '--json']).stdout) as { check: unknown };
    expect(failed.check).toEqual({ passed: false, why: 'check(result) returned false' });
    const held = JSON.parse(interleave(['run', fixture('fixed-check.mjs'), '--json']).stdout) as { check: unknown };
    expect(held.check).toEqual({ passed: true });
  });
});

describe('messages (issue 15, item 10)', () => {
  it('a step limit inside the first steps is not called a livelock, and explore does not double its labels', () => {
    const r = interleave(['run', 'race', '--max-steps', '10']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('livelock');
    expect(r.stdout.replace(/\n/g, ' ')).toContain('stopped after 10 steps (maxSteps), before it could finish');
    const e = interleave(['explore', fixture('spin.mjs'), '--runs', '1', '--max-steps', '2000']);
    expect(e.code).toBe(1);
    expect(e.stdout).toContain(
      'failed; the first (run 1): step limit: the run was stopped after 2,000 steps (maxSteps).',
    );
    expect(e.stdout).toContain(
      'MainThread never stopped running: an endless loop or a busy-wait that no other thread can end.\n',
    );
    expect(e.stdout).not.toMatch(/Step limit|\.\.$/m);
  });

  it('a bad token prints one hint', () => {
    const r = interleave(['replay', 'race', 'il1.garbage']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'interleave: the schedule token is truncated: its checksum is missing (copy the whole token)\n',
    );
  });

  it('step asks for "1 or 2" when two threads can run', () => {
    const r = interleave(['step', fixture('two-threads.mjs')], { input: 'x\nq\n' });
    expect(r.stdout).toContain("'x' is not a choice: type 1 or 2 or a name (");
  });

  it('the lost-wakeup deadlock says no thread will notify the Condition', () => {
    const r = interleave(['run', 'lost-wakeup']);
    expect(r.stdout.replace(/\n/g, ' ')).toContain(
      "Condition 'buffer changed' (waiting for a notify), which no running thread will ever notify.",
    );
  });

  it('--cores without --no-gil is refused: it would have no effect', () => {
    const r = interleave(['run', 'lock', '--cores', '2']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--cores 2 has no effect with the GIL');
    expect(r.stderr).toContain('--no-gil --cores 2');
    expect(interleave(['run', 'lock', '--no-gil', '--cores', '2']).code).toBe(0);
  });

  it('an empty --seed is refused', () => {
    const r = interleave(['explore', 'race', '--seed', '', '--runs', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'--seed <s>' argument '' is invalid: it must not be empty");
  });

  it('an async generator default export is told what is wrong', () => {
    const r = interleave(['run', fixture('async-main.mjs')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('must be a generator function (function* ...), not an async generator');
  });

  it('a file exporting only main is told about --main main', () => {
    const r = interleave(['run', fixture('only-main.mjs')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("has no default export; it exports the generator function 'main'");
    expect(r.stderr).toContain('run one with --main main');
    expect(interleave(['run', fixture('only-main.mjs'), '--main', 'main']).code).toBe(0);
  });

  it('explore in a pipe wraps long outcomes instead of cutting them into the same text', () => {
    const r = interleave(['explore', 'lost-wakeup']);
    const histogram = r.stdout.slice(
      r.stdout.indexOf('Outcomes'),
      r.stdout.indexOf('\n\n', r.stdout.indexOf('Outcomes')),
    );
    expect(histogram).not.toContain('…');
    for (const line of histogram.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    // Each outcome read back whole: continuation lines are indented and carry no bar.
    const keys = histogram
      .split('\n')
      .slice(1)
      .reduce<string[]>((acc, line) => {
        const text = line.replace(/\s+█+\s+[\d,]+$/, '').trim();
        if (line.startsWith('    ')) acc[acc.length - 1] += ` ${text}`;
        else acc.push(text);
        return acc;
      }, []);
    expect(keys).toContain(
      'deadlock: MainThread, producer blocked; raised: Thread-1 IndexError: pop from an empty deque',
    );
    expect(keys).toContain(
      'deadlock: MainThread, producer blocked; raised: Thread-2 IndexError: pop from an empty deque',
    );
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('tokens name their program (issue 15, item 4)', () => {
  it('a token of another demo replays with a one-line warning', () => {
    const token = tokenOf(interleave(['run', 'join-timeout']).stdout);
    const r = interleave(['replay', 'barrier', token]);
    expect(r.stderr).toBe(
      "interleave: warning: this token was made with 'join-timeout', not 'barrier'; replaying its schedule anyway\n",
    );
    expect(r.stdout).toContain(`schedule  ${token}\n`);
    // Its own program replays it silently, byte for byte.
    const own = interleave(['replay', 'join-timeout', token]);
    expect(own.stderr).toBe('');
    expect(own.stdout).toBe(interleave(['run', 'join-timeout']).stdout);
  });

  it('a token made before tokens named programs replays exactly, with no warning', () => {
    const old = 'il1.cnJ8MHw3fDAuMDAwMDAxfDF8MXwzfDEwMDB8MTAwMDAwMDB8MjcwfC0.lq4c';
    const r = interleave(['replay', 'race', old]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`schedule  ${old}\n`);
    expect(r.stdout).toMatch(/^returned {2}9$/m);
  });

  it('an edited file still replays its old token, with a warning naming both versions', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'interleave-edges-'));
    try {
      const file = path.join(dir, 'fixed-check.mjs');
      copyFileSync(fixture('fixed-check.mjs'), file);
      const token = tokenOf(interleave(['run', file]).stdout);
      writeFileSync(file, `${readFileSync(file, 'utf8')}// fixed\n`);
      const r = interleave(['replay', file, token]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(
        /^interleave: warning: this token was made with another version of .*fixed-check\.mjs \(source hash [0-9a-f]{8}, now [0-9a-f]{8}\); replaying its schedule anyway\n$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('--traceback (issue 15, item 3)', () => {
  it("shows the program's own lines, innermost last, in the thread's report and for main", () => {
    const file = path.relative(process.cwd(), fixture('raises.ts'));
    const r = interleave(['run', fixture('raises.ts'), '--traceback']);
    expect(r.code).toBe(1);
    expect(
      r.stdout.startsWith(
        'Exception in thread W:\n' +
          'Traceback (most recent call last):\n' +
          `  File "${file}", line 15, in worker\n` +
          '    setValue(null, 1);\n' +
          `  File "${file}", line 10, in setValue\n` +
          '    (node as Node).value = value;\n' +
          "TypeError: Cannot set properties of null (setting 'value')\n",
      ),
    ).toBe(true);
    const plain = interleave(['run', fixture('raises.ts')]);
    expect(
      plain.stdout.startsWith("Exception in thread W:\nTypeError: Cannot set properties of null (setting 'value')\n"),
    ).toBe(true);
    const token = tokenOf(r.stdout);
    expect(interleave(['replay', fixture('raises.ts'), token, '--traceback']).stdout).toBe(r.stdout);
  });
});
