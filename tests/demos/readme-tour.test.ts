import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, interleave, ROOT } from '../cli/helpers/cli';

/**
 * The README's five-minute tour shows commands and what they print. Every printed block must be
 * what the CLI prints today; refresh them with UPDATE_README=1 npx jest tests/demos/readme-tour
 * (that also updates the tokens in replay commands to the ones the blocks above them print).
 */
const README = path.join(ROOT, 'README.md');
const UPDATE = process.env.UPDATE_README === '1';

jest.setTimeout(120_000);

interface Shown {
  /** Offsets of the command line and of the text block's body in the README. */
  commandAt: number;
  command: string;
  bodyAt: number;
  body: string;
}

function tourOf(readme: string): { start: number; end: number } {
  const start = readme.indexOf('## A five-minute tour');
  const end = readme.indexOf('<!-- section: tour -->');
  if (start < 0 || end < start) throw new Error('README has no tour above <!-- section: tour -->');
  return { start, end };
}

/** Each ```sh block of one `npx interleave` command and the ```text block right after it. */
function shownBlocks(readme: string): Shown[] {
  const { start, end } = tourOf(readme);
  const re = /```sh\n((?:printf '[^']*' \| )?npx interleave [^\n]*)\n```\n\n```text\n([\s\S]*?)```\n/g;
  re.lastIndex = start;
  const out: Shown[] = [];
  for (let m = re.exec(readme); m !== null && m.index < end; m = re.exec(readme)) {
    out.push({ commandAt: m.index + 6, command: m[1]!, bodyAt: m.index + m[0].indexOf('```text\n') + 8, body: m[2]! });
  }
  return out;
}

/** Runs a tour command line: `npx interleave ARGS`, with `printf '...' |` as its input. */
function perform(command: string, cwd: string): string {
  const m = /^(?:printf '([^']*)' \| )?npx interleave (.*)$/.exec(command)!;
  const input = m[1] === undefined ? '' : m[1].replace(/\\n/g, '\n');
  const r = interleave(m[2]!.split(' '), { cwd, input });
  if (r.stderr !== '') throw new Error(`${command} wrote to stderr: ${r.stderr}`);
  return r.stdout;
}

describe('README tour', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'interleave-tour-'));
    // The tour's own program: the ```ts block after "Save this as `counter.ts`".
    const readme = readFileSync(README, 'utf8');
    const m = /Save this as `counter\.ts`[^\n]*\n\n```ts\n([\s\S]*?)```/.exec(readme);
    if (m === null) throw new Error('the tour lost its counter.ts example');
    writeFileSync(path.join(dir, 'counter.ts'), m[1]!);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every block of output is what the command prints today, and every token it uses is the one printed before', () => {
    let readme = readFileSync(README, 'utf8');
    const blocks = shownBlocks(readme);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    const edits: { at: number; from: string; to: string }[] = [];
    let lastToken: string | null = null;
    for (const b of blocks) {
      let command = b.command;
      const used = /\b(il1\.\S+)/.exec(command)?.[1];
      if (used !== undefined && lastToken !== null && used !== lastToken) {
        if (!UPDATE) throw new Error(`the README replays ${used}, but the block above it printed ${lastToken}`);
        edits.push({ at: b.commandAt, from: command, to: command.replace(used, lastToken) });
        command = command.replace(used, lastToken);
      }
      const printed = perform(command, dir);
      if (UPDATE) edits.push({ at: b.bodyAt, from: b.body, to: printed });
      else expect(`${command}\n${printed}`).toBe(`${command}\n${b.body}`);
      lastToken = /^shrunk {4}(il1\.\S+)$/m.exec(printed)?.[1] ?? /^Token of your schedule: (il1\.\S+)$/m.exec(printed)?.[1] ?? null;
    }
    if (UPDATE) {
      for (const e of edits.sort((x, y) => y.at - x.at)) readme = readme.slice(0, e.at) + e.to + readme.slice(e.at + e.from.length);
      writeFileSync(README, readme);
    }
  });

  it('the token a step session prints replays the same run', () => {
    const readme = readFileSync(README, 'utf8');
    const step = shownBlocks(readme).find((b) => b.command.includes(' step '));
    expect(step).toBeDefined();
    const token = /^Token of your schedule: (il1\.\S+)$/m.exec(step!.body)![1]!;
    const r = interleave(['replay', 'counter.ts', token], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('count = 1\n');
  });
});

describe('README command-line section', () => {
  const readme = readFileSync(README, 'utf8');

  it('its user program loads from TypeScript and explore finds the lost update it describes', () => {
    const m = /### Your own programs\n[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme);
    expect(m).not.toBeNull();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'interleave-readme-'));
    try {
      writeFileSync(path.join(dir, 'two.ts'), m![1]!);
      const r = interleave(['explore', 'two.ts', '--runs', '100', '--json'], { cwd: dir });
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as { outcomes: Record<string, number>; firstFailure: { result: { value: number } } };
      expect(Object.keys(report.outcomes).sort()).toEqual(['ok: value=1', 'ok: value=2']);
      expect(report.firstFailure.result.value).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('its usage error line is the one the command prints', () => {
    const line = /^interleave: unknown demo 'rac'.*$/m.exec(readme)![0];
    const r = interleave(['run', 'rac']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${line}\n`);
  });
});
