import { readFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { hookLibraryImports } from './library-imports';
import { locateCompileError, transpile } from './transpile';

interface CompilingModule {
  _compile(code: string, file: string): unknown;
}
type Loader = (module: CompilingModule, file: string) => void;

const EXTENSIONS = ['.ts', '.mts', '.cts', '.mjs', '.cjs', '.js'];
// The library's own files: dist/src (src/ when run from the sources) and the bundled transpiler.
const LIBRARY = [path.resolve(__dirname, '..'), path.resolve(__dirname, '..', '..', 'vendor')].map((d) => d + path.sep);
let hooked = false;

/**
 * Lets `require` load a program written as TypeScript or as an ES module (`.ts`, `.mts`, `.cts`,
 * `.mjs`, and `.js` with `import`/`export`), with no build step, and makes its
 * `import ... from 'interleave-threads'` resolve to this copy of the library. Files under
 * `node_modules` and the library's own files load as Node loads them. A syntax error in a
 * program file is thrown as a ProgramSyntaxError with its line, column and code frame. Used by
 * the CLI and by exploreParallel's workers; installed once per process (or worker).
 */
export function hookProgramFiles(): void {
  if (hooked) return;
  hooked = true;
  hookLibraryImports();
  const loaders = (Module as unknown as { _extensions: Record<string, Loader | undefined> })._extensions;
  for (const ext of EXTENSIONS) {
    const original = loaders[ext];
    loaders[ext] = (module, file) => {
      if (original !== undefined && !isProgramFile(file)) return original(module, file);
      compileProgram(module, file);
    };
  }
}

function isProgramFile(file: string): boolean {
  return !file.split(path.sep).includes('node_modules') && !LIBRARY.some((dir) => file.startsWith(dir));
}

/** A program file as compiled: its source, and the CommonJS made from it. */
export interface CompiledProgram {
  readonly source: string;
  readonly code: string;
}

/** The program files compiled in this thread (or handed over by the thread that compiled them). */
const compiled = new Map<string, CompiledProgram>();

/** The program files compiled in this thread so far, by path: for worker threads that load them too. */
export function compiledPrograms(): [string, CompiledProgram][] {
  return [...compiled];
}

/**
 * Files another thread compiled: loading one here reuses its code when the file's source is
 * still the same, so a worker need not load the transpiler (the larger part of its start-up).
 */
export function reuseCompiledPrograms(programs: readonly [string, CompiledProgram][]): void {
  for (const [file, program] of programs) compiled.set(file, program);
}

function compileProgram(module: CompilingModule, file: string): void {
  const source = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const known = compiled.get(file);
  const code = known !== undefined && known.source === source ? known.code : transpile(source, file);
  compiled.set(file, { source, code });
  try {
    module._compile(code, file);
  } catch (e) {
    throw locateCompileError(e, file, source);
  }
}
