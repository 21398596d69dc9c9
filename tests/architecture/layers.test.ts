import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importsOf, layerOf, layerViolations, type SourceFile } from './import-layers';

const SRC = path.join(__dirname, '..', '..', 'src');

function sourceFiles(dir = SRC): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    if (!entry.name.endsWith('.ts')) return [];
    return [{ path: path.relative(SRC, full).split(path.sep).join('/'), text: readFileSync(full, 'utf8') }];
  });
}

describe('the layers of src/', () => {
  it('every import in src/ points to its own layer or one below', () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(50);
    expect(layerViolations(files)).toEqual([]);
  });

  it('the scheduler imports nothing from primitives, explore, parallel or cli', () => {
    const upward = sourceFiles()
      .filter((f) => f.path.startsWith('scheduler/'))
      .flatMap((f) =>
        importsOf(f.text).filter((s) =>
          /(primitives|explore|parallel|cli|_internal\/(run-bound|lock-protocol|library-imports))/.test(s),
        ),
      );
    expect(upward).toEqual([]);
  });

  it('catches an upward import, in every form an import can take', () => {
    const files: SourceFile[] = [
      { path: 'primitives/lock.ts', text: 'export class Lock {}' },
      { path: 'explore/explore.ts', text: 'export function explore() {}' },
      { path: 'scheduler/a.ts', text: "import { Lock } from '../primitives/lock';" },
      { path: 'scheduler/b.ts', text: "export { explore } from '../explore/explore';" },
      { path: 'scheduler/c.ts', text: "const m = require('../primitives/lock');" },
      { path: 'scheduler/d.ts', text: "import type { Lock } from '../primitives/lock';" },
      { path: 'scheduler/e.ts', text: "const m = import('../explore/explore');" },
      { path: 'primitives/ok.ts', text: "import { x } from '../scheduler/a';\nimport { y } from './lock';" },
    ];
    expect(layerViolations(files)).toEqual([
      'scheduler/a.ts (scheduler) imports primitives/lock.ts (primitives), a layer above it',
      'scheduler/b.ts (scheduler) imports explore/explore.ts (explore), a layer above it',
      'scheduler/c.ts (scheduler) imports primitives/lock.ts (primitives), a layer above it',
      'scheduler/d.ts (scheduler) imports primitives/lock.ts (primitives), a layer above it',
      'scheduler/e.ts (scheduler) imports explore/explore.ts (explore), a layer above it',
    ]);
  });

  it('catches an engine file importing a primitives-only helper from _internal', () => {
    const files: SourceFile[] = [
      { path: '_internal/run-bound.ts', text: "import { x } from '../scheduler/context';" },
      { path: 'scheduler/context.ts', text: "import { RunBound } from '../_internal/run-bound';" },
    ];
    expect(layerViolations(files)).toEqual([
      'scheduler/context.ts (scheduler) imports _internal/run-bound.ts (primitives), a layer above it',
    ]);
  });

  it('names a file that no layer claims', () => {
    expect(layerOf('widgets/knob.ts')).toBe(-1);
    expect(layerViolations([{ path: 'widgets/knob.ts', text: '' }])).toEqual([
      'widgets/knob.ts is in no layer: add it to LAYERS in tests/architecture/import-layers.ts',
    ]);
  });
});
