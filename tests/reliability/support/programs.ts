/**
 * The example programs the determinism suites run: every demo (demos/*.ts) and every program
 * of the bug suite (tests/bugs/**), found on disk so new ones are covered without a list here.
 * A program is a module whose default export is a generator function (its `main`), with
 * optional `options` for `run`.
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
      const mod = require(file) as { default?: unknown; main?: unknown; options?: unknown };
      const main = isGeneratorFunction(mod.default) ? mod.default : isGeneratorFunction(mod.main) ? mod.main : null;
      if (main === null) continue;
      const options = typeof mod.options === 'object' && mod.options !== null ? (mod.options as RunOptions) : {};
      out.push({ name: relative(ROOT, file), main: main as ExampleProgram['main'], options });
    }
  }
  return out;
}

/** The program's options for one seeded run, with the strategy and seed the test chooses. */
export function optionsFor(p: ExampleProgram, strategy: 'random' | 'pct', seed: number, extra: RunOptions = {}): RunOptions {
  const { strategy: _s, seed: _seed, ...own } = p.options;
  return { ...own, strategy, seed, ...extra };
}
