import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository's root, README.md and the docs/ folder. */
export const ROOT = path.resolve(__dirname, '..', '..');
export const README = path.join(ROOT, 'README.md');
export const DOCS = path.join(ROOT, 'docs');

/** A page's path from its name relative to the root: `README.md`, `docs/tour.md`. */
export function pagePath(name: string): string {
  return path.join(ROOT, name);
}

export function readPage(name: string): string {
  return readFileSync(pagePath(name), 'utf8');
}

/** README.md and every docs/*.md (not the generated docs/api/), as names relative to the root. */
export function allPages(): string[] {
  const docs = readdirSync(DOCS)
    .filter((f) => f.endsWith('.md'))
    .sort();
  return ['README.md', ...docs.map((f) => `docs/${f}`)];
}

/**
 * The text of a page from the heading line `heading` (exact, with its #s) to the next heading of
 * the same or a higher level outside a code block, or the end of the page.
 */
export function section(page: string, heading: string): string {
  const lines = readPage(page).split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`${page} has no heading '${heading}'`);
  const level = /^#+/.exec(heading)![0].length;
  let fenced = false;
  let end = start + 1;
  for (; end < lines.length; end++) {
    const line = lines[end]!;
    if (line.startsWith('```')) fenced = !fenced;
    const m = /^(#+) /.exec(line);
    if (!fenced && m !== null && m[1]!.length <= level) break;
  }
  return lines.slice(start, end).join('\n');
}
