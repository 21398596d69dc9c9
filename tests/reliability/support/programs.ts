/**
 * The example programs the determinism suites run: every demo (demos/*.ts) and every program
 * of the bug suite (tests/bugs/**), found on disk so new ones are covered without a list here.
 * A program is a module whose default export is a generator function (its `main`), with
 * optional `options` for `run`, or an entry of an exported catalog such as the bug suite's
 * `BUGS` (`{ name, main, fixed?: { main } }`).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { RunOptions } from 'interleave-threads';
import { isGeneratorFunction } from '../../../src/_internal/generator-function';

export interface ExampleProgram {
  /** Path from the repository root, such as `demos/race.ts`. */
  name: string;
  main: () => Generator<unknown, unknown, never>;
  /** The program's own run options (its switch interval, say); strategy and seed are set by the test. */
  options: RunOptions;
}

const ROOT = join(__dirname, '..', '..', '..');

function files(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.sort().flatMap((e) => {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) return e === 'node_modules' || e.startsWith('__') ? [] : files(p);
    return /\.ts$/.test(e) && !/\.(test|spec|d)\.ts$/.test(e) ? [p] : [];
  });
}

/** Loads every program of the given directories (relative to the repository root). */
export function examplePrograms(dirs: readonly string[] = ['demos', 'tests/bugs']): ExampleProgram[] {
  const out: ExampleProgram[] = [];
  for (const dir of dirs) {
    for (const file of files(join(ROOT, dir))) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(file) as Record<string, unknown>;
      const name = relative(ROOT, file);
      const main = isGeneratorFunction(mod.default) ? mod.default : isGeneratorFunction(mod.main) ? mod.main : null;
      if (main !== null) out.push({ name, main: main as ExampleProgram['main'], options: optionsOf(mod) });
      // A catalog (the bug suite's BUGS): each entry's program, and its fixed version.
      for (const list of Object.values(mod)) {
        if (!Array.isArray(list)) continue;
        for (const entry of list as CatalogEntry[]) {
          if (
            typeof entry !== 'object' ||
            entry === null ||
            typeof entry.name !== 'string' ||
            !isGeneratorFunction(entry.main)
          )
            continue;
          // Catalog programs are meant for explore, which switches at every step by default.
          const options = { switchInterval: 1, ...optionsOf(entry) };
          out.push({ name: `${name}#${entry.name}`, main: entry.main, options });
          if (isGeneratorFunction(entry.fixed?.main))
            out.push({ name: `${name}#${entry.name} (fixed)`, main: entry.fixed!.main, options });
        }
      }
    }
  }
  return out;
}

interface CatalogEntry {
  name: unknown;
  main: ExampleProgram['main'];
  options?: unknown;
  fixed?: { main: ExampleProgram['main'] };
}

function optionsOf(o: { options?: unknown }): RunOptions {
  return typeof o.options === 'object' && o.options !== null ? (o.options as RunOptions) : {};
}

/** The program's options for one seeded run, with the strategy and seed the test chooses. */
export function optionsFor(
  p: ExampleProgram,
  strategy: 'random' | 'pct',
  seed: number,
  extra: RunOptions = {},
): RunOptions {
  const { strategy: _s, seed: _seed, ...own } = p.options;
  return { ...own, strategy, seed, ...extra };
}
