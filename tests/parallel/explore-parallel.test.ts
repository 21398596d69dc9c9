import path from 'node:path';
import { explore, exploreParallel, mergeReports, TypeError, ValueError } from 'interleave-threads';
import { closeWorkerPool } from '../../src/parallel/explore-parallel';
import main, { check } from '../explore/fixtures/unlocked-counter';

const file = path.join(__dirname, '..', 'explore', 'fixtures', 'unlocked-counter.ts');

describe('exploreParallel', () => {
  // Worker threads compile the TypeScript sources with tsx first: allow for a busy machine.
  jest.setTimeout(60_000);

  it('gives the report of explore with the same options, the check taken from the module', async () => {
    const progress: number[] = [];
    const [random, pct] = await Promise.all([
      exploreParallel(file, { runs: 400, workers: 2, breakEven: false, onProgress: (n) => progress.push(n) }),
      exploreParallel(file, { strategy: 'pct', runs: 200, workers: 2, breakEven: false }),
    ]);
    expect(random).toEqual(explore(main, { runs: 400, check }));
    expect(pct).toEqual(explore(main, { strategy: 'pct', runs: 200, check }));
    expect(random.failures).toBeGreaterThan(0);
    expect(progress[progress.length - 1]).toBe(400);
  });

  it('stops where explore stops with stopOnFailure, and shards an exhaustive search over its workers', async () => {
    const [stopped, exhaustive] = await Promise.all([
      exploreParallel(file, { runs: 400, workers: 2, stopOnFailure: true, breakEven: false }),
      exploreParallel(file, { strategy: 'exhaustive', workers: 2 }),
    ]);
    expect(stopped).toEqual(explore(main, { runs: 400, stopOnFailure: true, check }));
    // Each worker searches one shard of the tree: the report is the merge of the two shards'.
    const shards = ['1/2', '2/2'].map((shard) => explore(main, { strategy: 'exhaustive', check, shard }));
    expect(exhaustive).toEqual(mergeReports(shards));
    // And it equals the unsharded search's but for the runs abandoned (docs/exhaustive.md).
    const whole = explore(main, { strategy: 'exhaustive', check });
    expect({ ...exhaustive, pruned: 0 }).toEqual({ ...whole, pruned: 0 });
    expect(exhaustive.complete).toBe(true);
  });

  it('puts back an uneven split of three workers in order, its first failure shrunk while they ran', async () => {
    const [random, pct] = await Promise.all([
      exploreParallel(file, { runs: 301, workers: 3, breakEven: false, seed: 'uneven' }),
      exploreParallel(file, { strategy: 'pct', runs: 301, workers: 3, breakEven: false, seed: 'uneven' }),
    ]);
    expect(JSON.stringify(random)).toBe(JSON.stringify(explore(main, { runs: 301, check, seed: 'uneven' })));
    expect(JSON.stringify(pct)).toBe(
      JSON.stringify(explore(main, { strategy: 'pct', runs: 301, check, seed: 'uneven' })),
    );
    expect(random.firstFailure).not.toBeNull();
  });

  afterAll(() => closeWorkerPool());

  it('refuses a check function, bad workers and a module without a main', async () => {
    await expect(exploreParallel(file, { check } as never)).rejects.toThrow(/takes the check from the module/);
    await expect(exploreParallel(file, { workers: 0 })).rejects.toThrow(ValueError);
    await expect(exploreParallel(42 as never)).rejects.toThrow(TypeError);
    await expect(exploreParallel(path.join(__dirname, '..', 'support', 'programs.ts'))).rejects.toThrow(
      /has no default export that is a generator function/,
    );
  });
});
