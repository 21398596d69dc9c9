import Module from 'node:module';

let hooked = false;

type Resolve = (request: string, parent: unknown, ...rest: unknown[]) => string;

/**
 * Makes `import ... from 'interleave-threads'` in a loaded program resolve to this very copy of
 * the library, wherever the program file lives: the program's primitives and the runs that
 * execute it must share one module instance (one active-run slot), and a file outside any
 * project would find no installed package at all. Also lets a TypeScript program import its own
 * `./helper.js` as TypeScript's ES-module style writes it, when only `helper.ts` exists. Used by
 * the CLI and by exploreParallel's workers; installed once per process (or worker).
 */
export function hookLibraryImports(): void {
  if (hooked) return;
  hooked = true;
  const library = require.resolve('../index');
  const moduleInternals = Module as unknown as { _resolveFilename: Resolve };
  const original = moduleInternals._resolveFilename;
  moduleInternals._resolveFilename = function (
    this: unknown,
    request: string,
    parent: unknown,
    ...rest: unknown[]
  ): string {
    if (request === 'interleave-threads') return original.call(this, library, parent, ...rest);
    try {
      return original.call(this, request, parent, ...rest);
    } catch (e) {
      const ts = typeScriptTwin(request);
      if (ts === null || (e as { code?: unknown }).code !== 'MODULE_NOT_FOUND') throw e;
      try {
        return original.call(this, ts, parent, ...rest);
      } catch {
        throw e;
      }
    }
  };
}

/** `./a.js` → `./a.ts` (and `.mjs` → `.mts`, `.cjs` → `.cts`) for a relative request, else null. */
function typeScriptTwin(request: string): string | null {
  if (!request.startsWith('.')) return null;
  const m = /\.([cm]?)js$/.exec(request);
  return m === null ? null : `${request.slice(0, -m[0].length)}.${m[1]}ts`;
}
