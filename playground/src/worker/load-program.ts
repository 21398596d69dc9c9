import type { MainFunction, RunOptions, RunResult, SourceLocation } from '../../../src/browser';
import * as library from '../../../src/browser';
import type { LineTracker } from './line-tracker';
import { sourceLineMap } from './source-lines';
import { transpile } from './transpile';

/** The name the evaluated program's frames carry in stacks (its `sourceURL`). */
const PROGRAM_FILE = 'program.ts';

/** A program compiled in the page: its main, its `options` and `check` exports. */
export interface PageProgram {
  main: MainFunction;
  options: RunOptions;
  check: ((result: RunResult) => unknown) | undefined;
  /** The source line of a stack position in the program (a step model location), or null when it is not one. */
  sourceLine: (at: SourceLocation | null) => number | null;
}

let headerLines: number | null = null;

/** How many lines the engine puts before a `new Function` body (its `function anonymous(...) {` header). */
function functionHeaderLines(): number {
  if (headerLines !== null) return headerLines;
  const probe = new Function('return new Error().stack;\n//# sourceURL=header-probe.ts') as () => string;
  const m = /header-probe\.ts:(\d+):\d+/.exec(probe() ?? '');
  headerLines = m === null ? 2 : Number(m[1]) - 1;
  return headerLines;
}

function sourceLinesOf(mappings: string): PageProgram['sourceLine'] {
  const map = sourceLineMap(mappings);
  const header = functionHeaderLines();
  return (at) => {
    if (at === null || at.file.split('/').pop() !== PROGRAM_FILE) return null;
    return map(at.line - header, at.column);
  };
}

/**
 * Transpiles and evaluates a program's source as a CommonJS module whose only import is
 * 'interleave-threads'; the same source gives back the same module (one evaluation, as a file).
 */
export async function loadProgram(source: string, lines: LineTracker): Promise<PageProgram> {
  const { code, mappings } = await transpile(source);
  const lib: Record<string, unknown> = { ...library };
  const require = (name: string): unknown => {
    if (name === 'interleave-threads') return lib;
    throw new Error(`Cannot import '${name}' in the playground: a program may import only from 'interleave-threads'`);
  };
  const module = { exports: {} as Record<string, unknown> };
  const evaluate = new Function(
    'require',
    'exports',
    'module',
    '__il_at',
    '__il_spin',
    `${code}\n//# sourceURL=${PROGRAM_FILE}`,
  );
  evaluate(require, module.exports, module, lines.at, lines.spin);
  const mod = module.exports;
  const main = mod.default;
  if (typeof main !== 'function' || main.constructor.name !== 'GeneratorFunction') {
    throw new Error(
      'The program has no default export that is a generator function: write `export default function* main() { ... }`',
    );
  }
  const options = mod.options;
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new Error(
      "The program exports 'options' that is not an object: write `export const options = { switchInterval: 1 }`",
    );
  }
  const check = mod.check;
  if (check !== undefined && typeof check !== 'function')
    throw new Error("The program exports 'check' that is not a function");
  return {
    main: main as MainFunction,
    options: { ...(options as RunOptions | undefined) },
    check: check as PageProgram['check'],
    sourceLine: sourceLinesOf(mappings),
  };
}
