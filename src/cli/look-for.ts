import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Program } from './load-program';

/**
 * A program's lesson: its `export const lookFor` (a string or lines), else the "Look for:" part
 * of the comment that opens the file, as lines; empty when it has neither.
 */
export function lookForLines(prog: Program): string[] {
  if (typeof prog.lookFor === 'string') return [prog.lookFor];
  if (Array.isArray(prog.lookFor)) return prog.lookFor.map(String);
  for (const file of sourcesOf(prog.file)) {
    const lines = lookForInComment(readFileSync(file, 'utf8'));
    if (lines.length > 0) return lines;
  }
  return [];
}

/** The file, and for a compiled demo (dist/demos/x.js, whose comments tsc drops) its TypeScript source. */
function sourcesOf(file: string): string[] {
  const ts = `${path.basename(file).replace(/\.[cm]?js$/, '')}.ts`;
  const dir = path.dirname(file);
  return [file, path.join(dir, ts), path.resolve(dir, '..', '..', 'demos', ts)].filter((f) => existsSync(f));
}

/** The "Look for:" sentence(s) of the `//` comment block that opens `source`, rewrapped as one paragraph. */
export function lookForInComment(source: string): string[] {
  const comment: string[] = [];
  // A compiled file may open with a shebang or "use strict" before the comment.
  const body = source.replace(/^#!.*\n/, '').replace(/^\s*(['"])use strict\1;?\s*\n/, '');
  for (const line of body.split(/\r?\n/)) {
    const m = /^\s*\/\/ ?(.*)$/.exec(line);
    if (m === null) break;
    comment.push(m[1]!);
  }
  const joined = comment.join(' ').replace(/\s+/g, ' ');
  const at = joined.indexOf('Look for:');
  if (at < 0) return [];
  return wrapWords(joined.slice(at + 'Look for:'.length).trim(), 88);
}

function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
