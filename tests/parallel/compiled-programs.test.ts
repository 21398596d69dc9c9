import { spawnSync } from 'node:child_process';
import path from 'node:path';

describe('program files compiled by one thread, reused by a worker', () => {
  jest.setTimeout(120_000);

  it('reuses the handed-over code when the source is unchanged, and compiles a changed file anew', () => {
    const fixture = path.join(__dirname, 'fixtures', 'reuse-compiled.ts');
    const child = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), fixture], {
      encoding: 'utf8',
      timeout: 110_000,
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    // The handed-over code returns 2; the file's own source returns 1.
    expect(JSON.parse(child.stdout)).toEqual({ same: 2, changed: 1, sameCode: true, changedCompiled: true });
  });
});
