import type { MainFunction, RunOptions, RunResult } from '../../../src/browser';
import { libraryForPrograms } from './library-shim';
import type { LineTracker } from './line-tracker';
import { transpile } from './transpile';

/** A program compiled in the page: its main, its `options` and `check` exports. */
export interface PageProgram {
  main: MainFunction;
  options: RunOptions;
  check: ((result: RunResult) => unknown) | undefined;
}

/**
 * Transpiles and evaluates a program's source as a CommonJS module whose only import is
 * 'interleave-threads'; the same source gives back the same module (one evaluation, as a file).
 */
export async function loadProgram(source: string, lines: LineTracker): Promise<PageProgram> {
  const code = await transpile(source);
  const lib = libraryForPrograms();
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
    `${code}\n//# sourceURL=program.ts`,
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
  };
}
