import path from 'node:path';
import { exploreParallel, RuntimeError, ValueError } from 'interleave-threads';

/** exploreParallel's workers run under the CLI's watchdog (issue 15, item 1). */
const busy = path.join(__dirname, '..', 'cli', 'fixtures', 'edges', 'busy-wait.ts');

jest.setTimeout(120_000);

describe('exploreParallel watchdog', () => {
  it('stops the workers of a program whose thread never yields, naming the thread and its last yield', async () => {
    await expect(exploreParallel(busy, { runs: 4, workers: 2, watchdog: 1 })).rejects.toThrow(
      `exploreParallel stopped a worker: watchdog: no step finished for 1 s: a thread is running code that never yields, so the run would never end.\n` +
        `spinner was running; it last yielded at ${busy}:12.\n` +
        'A loop that waits must yield: `while (!flag) yield;` (or wait on a primitive: `yield* event.wait()`).',
    );
  });

  it('rejects with a RuntimeError', async () => {
    const e = await exploreParallel(busy, { runs: 4, workers: 2, watchdog: 1 }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(RuntimeError);
    expect((e as Error).name).toBe('RuntimeError');
  });

  it('refuses a watchdog that is not a number of seconds', async () => {
    await expect(exploreParallel(busy, { runs: 4, workers: 1, watchdog: -1 })).rejects.toThrow(ValueError);
  });
});
