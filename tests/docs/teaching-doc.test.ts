import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureBuilt, interleave, ROOT } from '../cli/helpers/cli';

/**
 * docs/teaching.md shows commands and what they print. Every printed block must be what the CLI
 * prints today. A line `[…]` in a block stands for lines left out (a long session's middle).
 * Refresh the blocks with UPDATE_DOCS=1 npx jest tests/docs/teaching-doc (it keeps each block's
 * number of lines before and after its `[…]`; a block with several `[…]` is left for a person).
 */
const DOC = path.join(ROOT, 'docs', 'teaching.md');
const UPDATE = process.env.UPDATE_DOCS === '1';
const ELIDED = '[…]';

jest.setTimeout(240_000);

interface Shown {
  command: string;
  bodyAt: number;
  body: string;
}

function shownBlocks(doc: string): Shown[] {
  const re = /```sh\n((?:printf '[^']*' \| )?npx interleave [^\n]*)\n```\n\n```text\n([\s\S]*?)```\n/g;
  const out: Shown[] = [];
  for (let m = re.exec(doc); m !== null; m = re.exec(doc)) {
    out.push({ command: m[1]!, bodyAt: m.index + m[0].indexOf('```text\n') + 8, body: m[2]! });
  }
  return out;
}

function perform(command: string): string {
  const m = /^(?:printf '([^']*)' \| )?npx interleave (.*)$/.exec(command)!;
  const input = m[1] === undefined ? '' : m[1].replace(/\\n/g, '\n');
  const r = interleave(m[2]!.split(' '), { input });
  if (r.stderr !== '') throw new Error(`${command} wrote to stderr: ${r.stderr}`);
  return r.stdout;
}

/** The block as a pattern: its text exactly, with any run of lines where it says `[…]`. */
function matcher(body: string): RegExp {
  const parts = body.split(`${ELIDED}\n`).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('(?:.*\\n)*?')}$`);
}

function refreshed(body: string, actual: string): string {
  if (!body.includes(`${ELIDED}\n`)) return actual;
  // A block with several gaps shows chosen screens from the middle: it is refreshed by hand.
  if (body.split(`${ELIDED}\n`).length > 2) return body;
  const [head, tail] = body.split(`${ELIDED}\n`) as [string, string];
  const lines = actual.split('\n');
  const h = head.split('\n').length - 1;
  const t = tail.split('\n').length;
  return [...lines.slice(0, h), ELIDED, ...lines.slice(lines.length - t)].join('\n');
}

describe('docs/teaching.md', () => {
  beforeAll(() => ensureBuilt(), 180_000);
  const doc = readFileSync(DOC, 'utf8');
  const blocks = shownBlocks(doc);

  it('shows a step screen, a challenge and a prediction', () => {
    expect(blocks.map((b) => b.command)).toEqual([
      expect.stringMatching(/\| npx interleave step deadlock$/),
      expect.stringMatching(/\| npx interleave step race --challenge$/),
      expect.stringMatching(/^npx interleave step lock --challenge$/),
      expect.stringMatching(/\| npx interleave run race --predict$/),
    ]);
  });

  it('prints each block as the CLI prints it today', () => {
    let text = doc;
    for (const b of [...blocks].reverse()) {
      const actual = perform(b.command);
      if (UPDATE) text = text.slice(0, b.bodyAt) + refreshed(b.body, actual) + text.slice(b.bodyAt + b.body.length);
      else expect(actual).toMatch(matcher(b.body));
    }
    if (UPDATE) writeFileSync(DOC, text);
  });
});
