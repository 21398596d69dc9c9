import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { explore, exploreParallel } from 'interleave-threads';
import { closeWorkerPool } from '../../src/parallel/explore-parallel';
import { workerPool } from '../../src/parallel/worker-pool';
import { installStepWatch, type StepWatch } from '../../src/scheduler/step-watch';
import main, { check } from '../explore/fixtures/unlocked-counter';

const file = path.join(__dirname, '..', 'explore', 'fixtures', 'unlocked-counter.ts');

/** A step watch that counts, standing for an outer watchdog (the `interleave` command's). */
class CountingWatch implements StepWatch {
  steps = 0;
  runStarted(): void {}
  step(): void {
    this.steps++;
  }
  runEnded(): void {}
}

describe("exploreParallel's worker pool", () => {
  // Worker threads compile the TypeScript sources with tsx first: allow for a busy machine.
  jest.setTimeout(120_000);
  afterEach(() => closeWorkerPool());

  it("a second call runs on the first call's workers: none is constructed, the same threads come back", async () => {
    const first = await exploreParallel(file, { runs: 300, workers: 2, breakEven: false });
    const started = workerPool.started;
    const threads = workerPool.idleThreadIds.sort();
    expect(threads).toHaveLength(2);
    const second = await exploreParallel(file, { runs: 300, workers: 2 });
    expect(workerPool.started).toBe(started);
    expect(workerPool.idleThreadIds.sort()).toEqual(threads);
    expect(second).toEqual(first);
    expect(second).toEqual(explore(main, { runs: 300, check }));
  });

  it('closing the pool ends its workers: the next call starts new ones', async () => {
    await exploreParallel(file, { runs: 100, workers: 2, breakEven: false });
    const threads = workerPool.idleThreadIds;
    const started = workerPool.started;
    await closeWorkerPool();
    expect(workerPool.warm).toBe(0);
    await exploreParallel(file, { runs: 100, workers: 2, breakEven: false });
    expect(workerPool.started).toBe(started + 2);
    expect(workerPool.idleThreadIds.filter((t) => threads.includes(t))).toEqual([]);
  });

  it('below the break-even, with the watchdog off, no worker is started and the report is the same', async () => {
    const started = workerPool.started;
    // One run for two workers: one worker's share is the whole search.
    expect(await exploreParallel(file, { runs: 1, workers: 2, watchdog: 0 })).toEqual(
      explore(main, { runs: 1, check }),
    );
    // Ten runs for three workers: their start-up costs far more than the runs they would take over.
    expect(await exploreParallel(file, { runs: 10, workers: 3, watchdog: 0 })).toEqual(
      explore(main, { runs: 10, check }),
    );
    expect(workerPool.started).toBe(started);
    expect(workerPool.warm).toBe(0);
  });

  it('with the watchdog on, it stays in this thread only where an outer watch sees its steps', async () => {
    const started = workerPool.started;
    const watch = new CountingWatch();
    installStepWatch(watch);
    try {
      expect(await exploreParallel(file, { runs: 10, workers: 3 })).toEqual(explore(main, { runs: 10, check }));
    } finally {
      installStepWatch(null);
    }
    expect(workerPool.started).toBe(started);
    expect(watch.steps).toBeGreaterThan(0);
    // Unwatched, a run that never yields could not be stopped here: the same search goes to workers.
    expect(await exploreParallel(file, { runs: 10, workers: 3 })).toEqual(explore(main, { runs: 10, check }));
    expect(workerPool.started).toBe(started + 3);
  });

  it('starts the workers it will use whatever a probe says before it loads the program, and keeps them', async () => {
    const started = workerPool.started;
    const noMain = path.join(__dirname, '..', 'support', 'programs.ts');
    await expect(exploreParallel(noMain, { runs: 100, workers: 2 })).rejects.toThrow(/has no default export/);
    expect(workerPool.started).toBe(started + 2);
    expect(workerPool.warm).toBe(2);
    expect(await exploreParallel(file, { runs: 100, workers: 2 })).toEqual(explore(main, { runs: 100, check }));
    expect(workerPool.started).toBe(started + 2);
  });

  it('idle workers never keep the process alive, and closeWorkerPool ends them at once', () => {
    const fixture = path.join(__dirname, 'fixtures', 'pool-exit.ts');
    for (const args of [[], ['close']]) {
      const child = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), fixture, ...args], {
        encoding: 'utf8',
        timeout: 110_000,
      });
      expect(child.stderr).toBe('');
      expect(child.status).toBe(0);
      expect(JSON.parse(child.stdout)).toEqual({ runs: 40, warm: 2, warmAfter: args.length === 0 ? 2 : 0 });
    }
  });
});
