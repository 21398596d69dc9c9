import { existsSync } from 'node:fs';
import path from 'node:path';
import { isGeneratorFunction } from '../_internal/generator-function';
import { hookProgramFiles } from '../_internal/program-hooks';
import { ProgramSyntaxError } from '../_internal/transpile';
import type { RunResult } from '../scheduler/run-program';
import type { RunOptions } from '../scheduler/options';
import type { MainFunction } from '../scheduler/run';
import { DEMOS, findDemo } from './demo-catalog';
import { noMainError } from './main-export';
import { UsageError } from './usage-error';

/** A program the CLI runs: a demo or a user's file, with the defaults it exports. */
export interface Program {
  /** The name or path as the user typed it (used in replay commands). */
  readonly spec: string;
  /** The file it was loaded from. */
  readonly file: string;
  /** The named export run instead of the default one (`--main`), or null. */
  readonly exportName: string | null;
  readonly main: MainFunction;
  /** The file's `export const options`: defaults the command-line options override. */
  readonly options: RunOptions;
  /** The file's `export function check(result)`: the property `explore` tests. */
  readonly check: ((result: RunResult) => unknown) | undefined;
  /** The file's `export const lookFor`: the lesson to show before a run (else its opening comment's "Look for:"). */
  readonly lookFor?: unknown;
  /** The file's `export const question`: what `run --predict` asks instead of main's return value. */
  readonly question?: unknown;
}

const PROGRAM_FILE = /\.(?:[cm]?js|[cm]?ts)$/;

/** Where the demos live: `demos/` beside `src/` (in the repo and, compiled, under `dist/`). */
export const DEMO_DIR = path.resolve(__dirname, '..', '..', 'demos');
/** Where demos are found: their TypeScript sources (for their own lines), then the compiled ones. */
export const DEMO_DIRS: readonly string[] = [path.resolve(DEMO_DIR, '..', '..', 'demos'), DEMO_DIR];

/**
 * Loads a demo by name or a program file by path, and takes its default export as main (or the
 * generator function exported as `exportName`); bad input is a UsageError.
 */
export function loadProgram(spec: string, exportName?: string, how: { source?: boolean } = {}): Program {
  const file = how.source === true ? (demoSource(spec) ?? locate(spec)) : locate(spec);
  // Compiled demos are plain CommonJS; anything else may be TypeScript or an ES module.
  if (!isCompiledDemo(file)) hookProgramFiles();
  const mod = requireProgram(spec, file);
  if (exportName !== undefined) {
    if (!isGeneratorFunction(mod[exportName])) {
      const mains = Object.keys(mod).filter((k) => k !== 'default' && isGeneratorFunction(mod[k]));
      throw new UsageError(
        `${spec} has no export '${exportName}' that is a generator function`,
        mains.length === 0
          ? 'leave out --main to run its default export'
          : `its generator exports: ${mains.join(', ')}`,
      );
    }
  }
  // `module.exports = function* () {}` in a CommonJS file counts as the default export.
  const main = exportName !== undefined ? mod[exportName] : typeof mod === 'function' ? mod : mod.default;
  if (!isGeneratorFunction(main)) throw noMainError(spec, mod);
  const options = mod.options;
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new UsageError(
      `${spec} exports 'options' that is not an object`,
      'write `export const options = { switchInterval: 1 }`',
    );
  }
  const check = mod.check;
  if (check !== undefined && typeof check !== 'function') {
    throw new UsageError(
      `${spec} exports 'check' that is not a function`,
      'write `export function check(result) { return result.value === 10; }`',
    );
  }
  return {
    spec,
    file,
    exportName: exportName ?? null,
    main: main as MainFunction,
    options: { ...(options as RunOptions | undefined) },
    check: check as Program['check'],
    lookFor: mod.lookFor,
    question: mod.question,
  };
}

/**
 * A demo's TypeScript source (shipped beside dist/), for the views that show its lines: loaded
 * through the TypeScript hook, whose stacks give the source's own lines. Null for a file path.
 */
function demoSource(spec: string): string | null {
  if (findDemo(spec) === undefined) return null;
  for (const dir of DEMO_DIRS) {
    const f = path.join(dir, `${spec}.ts`);
    if (existsSync(f)) return f;
  }
  return null;
}

/** A demo name, or a path to a `.js`, `.mjs` or `.ts` file. */
function locate(spec: string): string {
  if (findDemo(spec) !== undefined) {
    for (const ext of ['.js', '.ts']) {
      const f = path.join(DEMO_DIR, spec + ext);
      if (existsSync(f)) return f;
    }
    throw new UsageError(
      `the demo '${spec}' is missing from ${DEMO_DIR}`,
      'reinstall interleave-threads, or run npm run build in its repository',
    );
  }
  if (!PROGRAM_FILE.test(spec)) {
    const close = DEMOS.find((d) => d.name.startsWith(spec) || spec.startsWith(d.name));
    throw new UsageError(
      `unknown demo '${spec}'`,
      `${close === undefined ? '' : `did you mean '${close.name}'? `}'interleave list' shows the demos; a program file ends in .js, .mjs or .ts`,
    );
  }
  const file = path.resolve(spec);
  if (!existsSync(file))
    throw new UsageError(`no such file: ${spec}`, 'check the path; it is relative to the current directory');
  return file;
}

function isCompiledDemo(file: string): boolean {
  return file.endsWith('.js') && path.dirname(file) === DEMO_DIR;
}

/** `require`s the file; a file that does not load is a UsageError (with a code frame for a syntax error). */
function requireProgram(spec: string, file: string): Record<string, unknown> {
  try {
    return require(file) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof ProgramSyntaxError) throw new SyntaxUsageError(e);
    const why = e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);
    throw new UsageError(`cannot load ${spec}: ${why}`, 'fix the file, or run a demo: interleave list');
  }
}

/** A syntax error in a program file: where it is (`file:line:column`), then the line and a caret. */
class SyntaxUsageError extends UsageError {
  readonly #frame: string;

  constructor(e: ProgramSyntaxError) {
    const where = path.relative(process.cwd(), e.file) || e.file;
    super(
      `cannot load ${where}:${e.line}:${e.column}: SyntaxError: ${e.reason}`,
      'fix the syntax error and run it again',
    );
    this.#frame = e.frame;
  }

  override line(): string {
    return `${super.line()}\n${this.#frame}`;
  }
}
