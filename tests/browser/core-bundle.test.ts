import path from 'node:path';
import * as browser from '../../src/browser';
import * as root from '../../src/index';
import { nodeBuiltinsReachedFrom } from './node-builtins';

const src = (file: string): string => path.resolve(__dirname, '..', '..', 'src', file);

describe('the core runs in a browser', () => {
  it('bundles src/browser.ts for the browser platform with no Node built-in in its import graph', async () => {
    expect(await nodeBuiltinsReachedFrom(src('browser.ts'))).toEqual([]);
  }, 30_000);

  it('catches a Node built-in: the package root reaches worker_threads through exploreParallel', async () => {
    const found = await nodeBuiltinsReachedFrom(src('index.ts'));
    expect(found).toContainEqual({ module: 'node:worker_threads', importer: 'src/parallel/explore-parallel.ts' });
  }, 30_000);

  it('exports everything the package root does except exploreParallel', () => {
    const expected = Object.keys(root).filter((name) => name !== 'exploreParallel').sort();
    expect(Object.keys(browser).sort()).toEqual(expected);
  });

  it('runs, explores and replays a race from the browser entry', () => {
    const main = function* () {
      const n = browser.shared(0, 'n');
      const bump = function* () {
        yield* n.update((v) => v + 1);
      };
      const ts = [new browser.Thread({ target: bump }), new browser.Thread({ target: bump })];
      for (const t of ts) t.start();
      for (const t of ts) yield* t.join();
      return n.value;
    };
    const report = browser.explore(main, { runs: 200, seed: 1, switchInterval: 1, check: (r) => r.value === 2 });
    expect(report.failures).toBeGreaterThan(0);
    expect(browser.replay(main, report.firstFailure!.shrunk).value).toBe(1);
  });
});
