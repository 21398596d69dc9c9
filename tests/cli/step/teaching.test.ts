import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, interleave, ROOT } from '../helpers/cli';

jest.setTimeout(180_000);
beforeAll(() => ensureBuilt(), 180_000);

/** Lines of a demo's source, for the code text a screen must show. */
function demoLine(demo: string, n: number): string {
  return readFileSync(path.join(ROOT, 'demos', `${demo}.ts`), 'utf8')
    .split('\n')
    [n - 1]!.trim();
}

/** The program's output as a step session's last screen shows it. */
function outputBlock(stdout: string): string {
  const tail = stdout.slice(stdout.lastIndexOf('\nOutput:\n') + '\nOutput:\n'.length);
  return tail
    .split('\nToken of your schedule:')[0]!
    .split('\n')
    .map((l) => l.replace(/^ {2}│ ?/, ''))
    .join('\n');
}

/** Loses an update: Thread-1 and Thread-2 both read count (0) before either writes it. */
// biome-ignore lint/suspicious/noExportsInTest: the docs test plays the same script
export const RACE_SCRIPT = [
  '1+',
  'Thread-1+',
  'Thread-1+',
  'Thread-1+',
  'Thread-1+',
  'Thread-2+',
  'Thread-2+',
  'Thread-2+',
  'Thread-2+',
  'Thread-1',
  'Thread-2',
  'Thread-1',
  'Thread-2',
];

describe('interleave step race (scripted)', () => {
  const r = (() => {
    ensureBuilt();
    return interleave(['step', 'race'], { input: `${RACE_SCRIPT.join('\n')}\n` });
  })();

  it('says the learner decides at every step, whatever the demo’s switchInterval, and shows the lesson', () => {
    expect(r.stdout).toContain("The program's switchInterval of 7 does not apply here");
    expect(r.stdout).toContain('Look for: "Final count" below 10');
  });

  it('echoes each scripted choice after its prompt', () => {
    expect(r.stdout).toContain('q = quit) Thread-1+\n');
    expect(r.stdout).toContain('q = quit) Thread-2\n');
  });

  it('shows race.ts lines with the code of the read and the write and the values read', () => {
    const read = demoLine('race', 22);
    expect(r.stdout).toContain(`Thread-1 · race.ts:21 · read count → 0`);
    expect(r.stdout).toMatch(new RegExp(`Thread-1 · race\\.ts:22 · read count → 0 +${escape(read)}`));
    expect(r.stdout).toMatch(new RegExp(`Thread-2 · race\\.ts:22 · read count → 0 +${escape(read)}`));
    expect(r.stdout).toMatch(new RegExp(`Thread-1 · race\\.ts:22 · wrote count ← 1 +${escape(read)}`));
    expect(r.stdout).toMatch(new RegExp(`Thread-2 · race\\.ts:22 · wrote count ← 1 +${escape(read)}`));
    expect(r.stdout).toMatch(/ {3}22 │ {5}yield\* count\.update\(\(n\) => n \+ 1\);.* ◀ /);
    expect(r.stdout).toContain('next: writes count ← 1');
  });

  it("shows the state panel with count's value", () => {
    expect(r.stdout).toContain('State:\n  count (shared)  0');
    expect(r.stdout).toContain('State:\n  count (shared)  1');
  });

  it('ends with the check verdict, the output and a token whose replay prints the same output', () => {
    expect(r.stdout).toContain('Check: FAILED: check(result) returned false');
    const token = /^Token of your schedule: (\S+)$/m.exec(r.stdout)![1]!;
    const again = interleave(['replay', 'race', token]);
    expect(again.stdout).toMatch(/check +FAILED/);
    const shown = outputBlock(r.stdout);
    expect(again.stdout.startsWith(shown)).toBe(true);
    expect(shown).toMatch(/Final count: \d \(expected 10\)/);
    expect(r.code).toBe(1);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('interleave step deadlock (scripted)', () => {
  const r = (() => {
    ensureBuilt();
    return interleave(['step', 'deadlock'], { input: '1+\n2+\n1+\n2+\n1+\n2+\n1+\n2+\n1+\n' });
  })();

  it('shows both acquires, the sleeps and the blocks as they happen, with each lock’s holder', () => {
    expect(r.stdout).toContain(`Thread-1 · deadlock.ts:10 · acquired Lock 'lockA'`);
    expect(r.stdout).toContain(`Thread-2 · deadlock.ts:19 · acquired Lock 'lockB'`);
    expect(r.stdout).toMatch(/Thread-1 · deadlock\.ts:12 · sleeps 1 s \(until 1\.0000\d\d s\)/);
    expect(r.stdout).toMatch(/Thread-2 · deadlock\.ts:21 · sleeps 1 s/);
    expect(r.stdout).toContain(`Thread-1 · deadlock.ts:13 · blocks: waits for Lock 'lockB' (held by Thread-2)`);
    expect(r.stdout).toContain(`Thread-2 · deadlock.ts:22 · blocks: waits for Lock 'lockA' (held by Thread-1)`);
    expect(r.stdout).toContain('  lockA (lock)  held by Thread-1');
    expect(r.stdout).toContain('  lockB (lock)  held by Thread-2');
  });

  it('ends in the deadlock report', () => {
    expect(r.stdout).toContain('── the run is over: deadlock after 15 steps');
    expect(r.stdout).toContain('The threads wait for each other in a cycle: Thread-1 → Thread-2 → Thread-1.');
    expect(r.stdout).not.toContain('(end of input');
    expect(r.code).toBe(1);
  });
});

describe('step --challenge', () => {
  it('race: a winning script is told it won, with the fewest preemptions the explorer needs and its replay', () => {
    const r = interleave(['step', 'race', '--challenge'], { input: `${RACE_SCRIPT.join('\n')}\n` });
    expect(r.stdout).toContain('Challenge: lose an update');
    expect(r.stdout).toMatch(/You won, with \d+ preemptions? of your own\./);
    const fewest = /The explorer's shortest win needs (\d+) preemptions?/.exec(r.stdout);
    expect(fewest).not.toBeNull();
    const token = /The explorer's shortest win[^\n]*\nReplay it with: interleave replay race (\S+)/.exec(r.stdout)![1]!;
    const shortest = interleave(['replay', 'race', token]);
    expect(shortest.stdout).toMatch(/check +FAILED/);
    expect(shortest.stdout).toMatch(new RegExp(`GIL hand-offs, ${fewest![1]} preemptions?`));
  });

  it('lock: says no schedule can lose an update, and how that was established', () => {
    const r = interleave(['step', 'lock', '--challenge'], { input: '' });
    expect(r.stdout).toContain('Not this time');
    expect(r.stdout).toMatch(
      /No schedule can lose an update (as far as the explorer can tell: none of the [\d,]+ schedules searched|: an exhaustive search covered every schedule)/,
    );
    expect(r.code).toBe(0);
  });
});

describe('run --predict', () => {
  it('shows the prediction, the value main returned and the share of explored schedules that agree', () => {
    const r = interleave(['run', 'race', '--predict'], { input: '10\n' });
    expect(r.stdout).toMatch(/^Look for: /);
    expect(r.stdout).toContain('What will main return? 10\n');
    expect(r.stdout).toContain('you said       10');
    expect(r.stdout).toMatch(/main returned {2}\d+/);
    expect(r.stdout).toMatch(/you said 10: [\d,]+ of 1,000 explored schedules end with 10/);
    expect(r.stderr).toBe('');
    // The same input, the same bytes.
    expect(interleave(['run', 'race', '--predict'], { input: '10\n' }).stdout).toBe(r.stdout);
  });

  it('refuses a missing prediction with a hint', () => {
    const r = interleave(['run', 'race', '--predict'], { input: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--predict needs an answer on stdin/);
  });
});

describe('a user .ts file outside the repository', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'interleave-teach-'));
    file = path.join(dir, 'mine.ts');
    writeFileSync(
      file,
      [
        "import { Lock, shared, Thread } from 'interleave-threads';",
        '',
        'type Counter = { n: number }; // a type, so the file is TypeScript',
        '',
        'export default function* main() {',
        "  const total = shared<Counter>({ n: 0 }, 'total');",
        "  const lock = new Lock({ name: 'guard' });",
        '  function* add() {',
        '    yield* lock.acquire();',
        '    const t = yield* total.read();',
        '    yield* total.write({ n: t.n + 1 });',
        '    lock.release();',
        '  }',
        '  const ts = [new Thread({ target: add }), new Thread({ target: add })];',
        '  for (const t of ts) t.start();',
        '  for (const t of ts) yield* t.join();',
        '  return total.value.n;',
        '}',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows its own lines in step', () => {
    const r = interleave(['step', file], { input: '2+\n2\n2\n2\n' });
    expect(r.stdout).toContain("Thread-1 · mine.ts:9 · acquired Lock 'guard'");
    expect(r.stdout).toMatch(/Thread-1 · mine\.ts:10 · read total → \{'n': 0\} +const t = yield\* total\.read\(\);/);
    expect(r.stdout).toMatch(/ {4}9 │ {5}yield\* lock\.acquire\(\);/);
  });

  it('shows its own lines in the trace events’ args', () => {
    const out = path.join(dir, 'trace.json');
    const r = interleave(['trace', file, '-o', out]);
    expect(r.code).toBe(0);
    const events = (
      JSON.parse(readFileSync(out, 'utf8')) as {
        traceEvents: { ph: string; name: string; args?: Record<string, unknown> }[];
      }
    ).traceEvents;
    const write = events.find((e) => e.ph === 'i' && e.args?.op === 'write')!;
    expect(write.args).toMatchObject({ at: 'mine.ts:11', file, line: 11, value: "{'n': 1}" });
    expect(events.find((e) => e.ph === 'i' && e.args?.op === 'read')!.args).toMatchObject({
      at: 'mine.ts:10',
      value: "{'n': 0}",
    });
  });
});
