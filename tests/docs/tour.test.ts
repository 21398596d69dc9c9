import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, interleave } from '../cli/helpers/cli';
import { pagePath, readPage, section } from '../support/docs';

/**
 * The five-minute tour shows commands and what they print: all of it in docs/tour.md, its first
 * steps in the README. Every printed block must be what the CLI prints today; refresh them with
 * UPDATE_DOCS=1 npx jest tests/docs/tour (that also updates the tokens in replay commands to the
 * ones the blocks above them print).
 */
const UPDATE = process.env.UPDATE_DOCS === '1';

/** The pages that show the tour, and where in each it runs from and to. */
const TOURS: { page: string; region: (text: string) => { start: number; end: number } }[] = [
  { page: 'docs/tour.md', region: (text) => ({ start: 0, end: text.length }) },
  {
    page: 'README.md',
    region: (text) => {
      const start = text.indexOf('## A five-minute tour');
      if (start < 0) throw new Error('the README lost the start of its tour');
      const next = text.indexOf('\n## ', start);
      return { start, end: next < 0 ? text.length : next };
    },
  },
];

jest.setTimeout(120_000);

interface Shown {
  /** Offsets of the command line and of the text block's body in the page. */
  commandAt: number;
  command: string;
  bodyAt: number;
  body: string;
}

/** Each ```sh block of one `npx interleave` command and the ```text block right after it. */
function shownBlocks(text: string, region: { start: number; end: number }): Shown[] {
  const re = /```sh\n((?:printf '[^']*' \| )?npx interleave [^\n]*)\n```\n\n```text\n([\s\S]*?)```\n/g;
  re.lastIndex = region.start;
  const out: Shown[] = [];
  for (let m = re.exec(text); m !== null && m.index < region.end; m = re.exec(text)) {
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

/** The token a block's output hands to the next command: explore's shrunk one, or a step session's. */
function tokenShown(printed: string): string | null {
  return (
    /^shrunk {4}(il1\.\S+)$/m.exec(printed)?.[1] ?? /^Token of your schedule: (il1\.\S+)$/m.exec(printed)?.[1] ?? null
  );
}

/** Checks (or, with UPDATE_DOCS=1, rewrites) every shown block of one page against the real command. */
function checkTour(page: string, text: string, region: { start: number; end: number }, cwd: string): number {
  const blocks = shownBlocks(text, region);
  const edits: { at: number; from: string; to: string }[] = [];
  let lastToken: string | null = null;
  for (const b of blocks) {
    let command = b.command;
    const used = /\b(il1\.\S+)/.exec(command)?.[1];
    if (used !== undefined && lastToken !== null && used !== lastToken) {
      if (!UPDATE) throw new Error(`${page} replays ${used}, but the block above it printed ${lastToken}`);
      edits.push({ at: b.commandAt, from: command, to: command.replace(used, lastToken) });
      command = command.replace(used, lastToken);
    }
    const printed = perform(command, cwd);
    if (UPDATE) edits.push({ at: b.bodyAt, from: b.body, to: printed });
    else expect(`${page}: ${command}\n${printed}`).toBe(`${page}: ${command}\n${b.body}`);
    lastToken = tokenShown(printed);
  }
  if (UPDATE) {
    let updated = text;
    for (const e of edits.sort((x, y) => y.at - x.at))
      updated = updated.slice(0, e.at) + e.to + updated.slice(e.at + e.from.length);
    writeFileSync(pagePath(page), updated);
  }
  return blocks.length;
}

describe('the tour', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'interleave-tour-'));
    // The tour's own program: the ```ts block after "Save this as `counter.ts`".
    const m = /Save this as `counter\.ts`[^\n]*\n\n```ts\n([\s\S]*?)```/.exec(readPage('docs/tour.md'));
    if (m === null) throw new Error('the tour lost its counter.ts example');
    writeFileSync(path.join(dir, 'counter.ts'), m[1]!);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(TOURS)(
    'every block of output in $page is what the command prints today, and every token it uses is the one printed before',
    ({ page, region }) => {
      const text = readPage(page);
      const shown = checkTour(page, text, region(text), dir);
      expect(shown).toBeGreaterThanOrEqual(page === 'README.md' ? 2 : 5);
    },
  );

  it("the README's steps are the tour's first steps, word for word", () => {
    const readme = readPage('README.md');
    const { start, end } = TOURS[1]!.region(readme);
    const tour = readme.slice(start, end);
    const steps = tour.slice(tour.indexOf('**1. '), tour.indexOf('\nThe tour goes on in '));
    expect(steps).toMatch(/^\*\*1\. [\s\S]*\*\*2\. /);
    expect(readPage('docs/tour.md').replace(/\]\(\.\.\//g, '](')).toContain(steps.trim());
  });

  it('the token a step session prints replays the same run', () => {
    const text = readPage('docs/tour.md');
    const step = shownBlocks(text, TOURS[0]!.region(text)).find((b) => b.command.includes(' step '));
    expect(step).toBeDefined();
    const token = /^Token of your schedule: (il1\.\S+)$/m.exec(step!.body)![1]!;
    const r = interleave(['replay', 'counter.ts', token], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('count = 1\n');
  });
});

describe('the command-line page', () => {
  it('its user program loads from TypeScript and explore finds the lost update it describes', () => {
    const m = /```ts\n([\s\S]*?)```/.exec(section('docs/command-line.md', '## Your own programs'));
    expect(m).not.toBeNull();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'interleave-docs-'));
    try {
      writeFileSync(path.join(dir, 'two.ts'), m![1]!);
      const r = interleave(['explore', 'two.ts', '--runs', '100', '--json'], { cwd: dir });
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as {
        outcomes: Record<string, number>;
        firstFailure: { result: { value: number } };
      };
      expect(Object.keys(report.outcomes).sort()).toEqual(['ok: value=1', 'ok: value=2']);
      expect(report.firstFailure.result.value).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('its usage error line is the one the command prints', () => {
    const line = /^interleave: unknown demo 'rac'.*$/m.exec(readPage('docs/command-line.md'))![0];
    const r = interleave(['run', 'rac']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${line}\n`);
  });
});
