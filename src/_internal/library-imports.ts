import Module from 'node:module';

let hooked = false;

/**
 * Makes `import ... from 'interleave-threads'` in a loaded program resolve to this very copy of
 * the library, wherever the program file lives: the program's primitives and the runs that
 * execute it must share one module instance (one active-run slot), and a file outside any
 * project would find no installed package at all. Used by the CLI and by exploreParallel's
 * workers; installed once per process (or worker).
 */
export function hookLibraryImports(): void {
  if (hooked) return;
  hooked = true;
  const library = require.resolve('../index');
  const M = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = M._resolveFilename;
  M._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    return original.call(this, request === 'interleave-threads' ? library : request, ...rest);
  };
}
