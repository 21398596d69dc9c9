import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isGeneratorFunction } from '../../src/_internal/generator-function';
import { DEMOS } from '../../src/cli/demo-catalog';
import { ensureBuilt, ROOT } from '../cli/helpers/cli';

// What `npm pack` ships, checked from the repository (.ci/pack-smoke checks the installed tarball).
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  files: string[];
  dependencies: Record<string, string>;
};

describe('the package', () => {
  it('runs nothing when installed: no install scripts; it is built when packed', () => {
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[s]).toBeUndefined();
    expect(pkg.scripts.prepack).toBe('npm run build');
  });

  it('ships an MIT LICENSE', () => {
    const text = readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
    expect(text).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the interleave authors\n/);
    expect(pkg.files).toContain('LICENSE');
  });

  it('depends on no transpiler: sucrase is bundled into dist/vendor by the build', () => {
    expect(pkg.dependencies.tsx).toBeUndefined();
    expect(pkg.dependencies.sucrase).toBeUndefined();
    expect(pkg.dependencies.esbuild).toBeUndefined();
    expect(pkg.scripts.build).toContain('scripts/vendor-sucrase.js');
  });

  describe('exports every demo as interleave-threads/demos/<name>', () => {
    beforeAll(() => ensureBuilt(), 180_000);

    it.each(DEMOS.map((d) => d.name))('%s', (name) => {
      const target = pkg.exports['./demos/*'] as Record<string, string>;
      const file = path.join(ROOT, target.default!.replace('*', name));
      expect(existsSync(path.join(ROOT, target.types!.replace('*', name)))).toBe(true);
      const mod = require(file) as { default: unknown };
      expect(isGeneratorFunction(mod.default)).toBe(true);
    });
  });
});
