import { builtinModules } from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

/** A Node built-in reached from a bundle's entry: the module and the file that imports it. */
export interface BuiltinImport {
  module: string;
  importer: string;
}

const BUILTINS = new Set(builtinModules);

function isBuiltin(request: string): boolean {
  return request.startsWith('node:') || BUILTINS.has(request) || BUILTINS.has(request.split('/')[0]!);
}

/**
 * Bundles `entry` for the browser platform with esbuild and lists every Node built-in its import
 * graph reaches (each kept external so the bundle still completes and all of them are listed).
 */
export async function nodeBuiltinsReachedFrom(entry: string): Promise<BuiltinImport[]> {
  const found: BuiltinImport[] = [];
  const root = path.resolve(__dirname, '..', '..');
  const recorder: Plugin = {
    name: 'record-node-builtins',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (!isBuiltin(args.path)) return undefined;
        found.push({ module: args.path, importer: path.relative(root, args.importer) });
        return { path: args.path, external: true };
      });
    },
  };
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
    plugins: [recorder],
  });
  return found;
}
