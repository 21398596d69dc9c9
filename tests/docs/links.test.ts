import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { allPages, pagePath, README, readPage } from '../support/docs';

/**
 * The README is the front door (at most 12 KiB) and links every page of docs/; every relative
 * link of the README and the docs reaches a file, and a `#fragment` a heading of that page.
 */
const README_LIMIT = 12 * 1024;

/** The page's text without its code blocks and inline code, where `[x](y)` is not a link. */
function prose(text: string): string {
  return text.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Every link target of a page: `[text](target)` and `[text](target "title")`. */
function links(text: string): string[] {
  return [...prose(text).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown page's headings, numbered as GitHub numbers repeats. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of prose(text).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(m[1]!.trim());
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** What is wrong with a relative link of `page`, or null when it reaches its file (and heading). */
function brokenLink(page: string, target: string): string | null {
  if (/^[a-z]+:/i.test(target)) return null;
  const [file, fragment] = target.split('#') as [string, string | undefined];
  const resolved = file === '' ? pagePath(page) : path.resolve(path.dirname(pagePath(page)), decodeURIComponent(file));
  if (!existsSync(resolved)) return `${page}: ${target} does not exist`;
  if (fragment === undefined || !resolved.endsWith('.md') || statSync(resolved).isDirectory()) return null;
  const known = anchors(readPage(path.relative(pagePath(''), resolved)));
  return known.has(fragment) ? null : `${page}: ${target} names no heading of ${path.basename(resolved)}`;
}

describe('the README and the docs pages', () => {
  it('the README is at most 12 KiB', () => {
    expect(statSync(README).size).toBeLessThanOrEqual(README_LIMIT);
  });

  it('the README links every page of docs/, and every docs page it links exists', () => {
    const linked = links(readPage('README.md'))
      .filter((t) => t.startsWith('docs/'))
      .map((t) => t.split('#')[0]!);
    expect(linked.filter((t) => !existsSync(pagePath(t)))).toEqual([]);
    const pages = readdirSync(pagePath('docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`);
    expect(pages.filter((p) => !linked.includes(p)).map((p) => `${p} is not linked from README.md`)).toEqual([]);
  });

  it('every relative link reaches a file, and every #fragment a heading', () => {
    const broken = allPages().flatMap((page) => links(readPage(page)).flatMap((t) => brokenLink(page, t) ?? []));
    expect(broken).toEqual([]);
  });

  it('a broken link or a missing heading is caught', () => {
    expect(brokenLink('docs/tour.md', '../demos/race.ts')).toBeNull();
    expect(brokenLink('docs/tour.md', 'demos/race.ts')).toMatch(/does not exist/);
    expect(brokenLink('docs/tour.md', '../README.md#set-up-two-commands')).toBeNull();
    expect(brokenLink('docs/tour.md', '../README.md#set-up')).toMatch(/names no heading/);
    expect(links('see [a](b.md) and `[c](d.md)`\n```\n[e](f.md)\n```\n')).toEqual(['b.md']);
  });
});
