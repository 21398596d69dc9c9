import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
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
    // exploreParallel's worker pool (src/parallel/worker-pool.ts) is what imports it.
    expect(found).toContainEqual({ module: 'node:worker_threads', importer: 'src/parallel/worker-pool.ts' });
  }, 30_000);

  it('exports everything the package root does except exploreParallel', () => {
    const expected = Object.keys(root)
      .filter((name) => name !== 'exploreParallel')
      .sort();
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

  it('runs, explores and replays from a bundle in a realm with no Node globals (Buffer, process)', async () => {
    const bundle = await build({
      entryPoints: [src('browser.ts')],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'interleave',
      write: false,
      logLevel: 'silent',
    });
    const realm = vm.createContext({ TextEncoder, TextDecoder });
    vm.runInContext(bundle.outputFiles[0]!.text, realm);
    const out = vm.runInContext(
      `(() => {
        const { explore, replay, run, shared, Thread, print } = interleave;
        function* main() {
          const n = shared(0, 'n');
          function* bump() { yield* n.update((v) => v + 1); }
          const ts = [new Thread({ target: bump }), new Thread({ target: bump })];
          for (const t of ts) t.start();
          for (const t of ts) yield* t.join();
          yield* print('n =', n.value);
          return n.value;
        }
        const report = explore(main, { runs: 100, seed: 3, switchInterval: 1, check: (r) => r.value === 2 });
        const shrunk = replay(main, report.firstFailure.shrunk);
        return { typeofBuffer: typeof Buffer, token: run(main).schedule, shrunk: shrunk.output };
      })()`,
      realm,
    ) as { typeofBuffer: string; token: string; shrunk: string };
    expect(out.typeofBuffer).toBe('undefined');
    expect(out.token).toMatch(/^il1\./);
    expect(out.shrunk).toBe('n = 1\n');
  }, 30_000);
});
