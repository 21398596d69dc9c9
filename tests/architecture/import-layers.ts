import path from 'node:path';
import ts from 'typescript';

/**
 * The layers of `src/`, lowest first. A file may import files of its own layer or of a layer
 * below; never one above. `_internal/` is a visibility folder, not a layer: each of its files is
 * placed by what it serves.
 */
export const LAYERS: readonly { name: string; files: readonly string[] }[] = [
  {
    name: 'errors and types',
    files: [
      'errors.ts',
      'types.ts',
      '_internal/base64url.ts',
      '_internal/code-frame.ts',
      '_internal/format.ts',
      '_internal/generator-function.ts',
      '_internal/option-values.ts',
      '_internal/stack-frames.ts',
    ],
  },
  { name: 'scheduler', files: ['scheduler/'] },
  {
    name: 'primitives',
    files: [
      'primitives/',
      '_internal/run-bound.ts',
      '_internal/lock-protocol.ts',
      '_internal/peek.ts',
      '_internal/would-block.ts',
    ],
  },
  { name: 'explore', files: ['explore/'] },
  // The step model behind the CLI's step view and the playground: Node-free, above exploration.
  { name: 'teach', files: ['teach/'] },
  // Loading program files: used by parallel's workers and by the CLI.
  {
    name: 'parallel',
    files: [
      'parallel/',
      '_internal/library-imports.ts',
      '_internal/program-hooks.ts',
      '_internal/transpile.ts',
      '_internal/traceback.ts',
    ],
  },
  { name: 'public face', files: ['index.ts', 'browser.ts'] },
  { name: 'cli and playground', files: ['cli/', 'playground/'] },
];

/** A file as the checker reads it: its path relative to `src/` (with `/`) and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** The layer index of a `src/`-relative path, or -1 when no layer claims it. */
export function layerOf(file: string, layers = LAYERS): number {
  return layers.findIndex((l) => l.files.some((f) => (f.endsWith('/') ? file.startsWith(f) : file === f)));
}

/** The relative specifiers a file imports: `import`, `export … from`, `require()` and `import()`. */
export function importsOf(text: string): string[] {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map((f) => f.fileName).filter((name) => name.startsWith('.'));
}

/** Every import against the direction (and every file no layer claims), as readable lines. */
export function layerViolations(files: readonly SourceFile[], layers = LAYERS): string[] {
  const known = new Set(files.map((f) => f.path));
  const problems: string[] = [];
  for (const file of files) {
    const from = layerOf(file.path, layers);
    if (from < 0) {
      problems.push(`${file.path} is in no layer: add it to LAYERS in tests/architecture/import-layers.ts`);
      continue;
    }
    for (const spec of importsOf(file.text)) {
      const target = resolveInSrc(file.path, spec, known);
      if (target === null) continue;
      const to = layerOf(target, layers);
      if (to > from) {
        problems.push(`${file.path} (${layers[from]!.name}) imports ${target} (${layers[to]!.name}), a layer above it`);
      }
    }
  }
  return problems;
}

/** The `src/`-relative file a relative specifier names, or null when it leaves `src/`. */
function resolveInSrc(from: string, spec: string, known: ReadonlySet<string>): string | null {
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  if (joined.startsWith('..')) return null;
  for (const candidate of [joined, `${joined}.ts`, `${joined}/index.ts`]) {
    if (known.has(candidate)) return candidate;
  }
  return `${joined}.ts`;
}
