import path from 'node:path';
import { TypeError, ValueError } from '../errors';
import { isGeneratorFunction } from '../_internal/generator-function';
import { hookProgramFiles } from '../_internal/program-hooks';
import type { MainFunction } from '../scheduler/run';
import type { ExploreCheck } from '../explore/explore-options';

/** A program module as `exploreParallel` uses it: its default export and its `check`, if any. */
export interface ProgramModule {
  main: MainFunction;
  check: ExploreCheck | null;
}

/** An absolute path for `module` (relative paths are from the current directory). */
export function modulePath(module: unknown): string {
  if (typeof module !== 'string' || module === '') {
    throw new TypeError(
      `exploreParallel(module, options): module must be the path of a file whose default export is main, got ${typeof module}`,
    );
  }
  return path.resolve(module);
}

/** Loads a program module with `require` (TypeScript and ES modules through the program hooks). */
export function loadProgramModule(file: string): ProgramModule {
  hookProgramFiles();
  const mod = require(file) as Record<string, unknown> | (() => unknown);
  const main = typeof mod === 'function' ? mod : mod.default;
  if (!isGeneratorFunction(main)) {
    throw new ValueError(
      `${file} has no default export that is a generator function: write \`export default function* main() { ... }\``,
    );
  }
  const check = typeof mod === 'function' ? undefined : mod.check;
  if (check !== undefined && typeof check !== 'function')
    throw new ValueError(`${file} exports 'check' that is not a function`);
  return { main: main as MainFunction, check: (check as ExploreCheck | undefined) ?? null };
}
