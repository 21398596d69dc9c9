import {
  explore,
  type ExploreOptions,
  type ExploreReport,
  Lock,
  type MainFunction,
  mergeReports,
  sleep,
  Thread,
} from 'interleave-threads';
import { searchExhaustive } from '../../../src/explore/search/exhaustive';
import { TreeShard } from '../../../src/explore/search/tree-shard';
import { resolveRunOptions } from '../../../src/scheduler/options';
import { counter, mixed, philosophers } from '../../support/programs';

/** Three workers sleep, then add to a counter under a lock: timers make the search keep its state cache. */
function* sleepers(): Generator<unknown, number, never> {
  const lock = new Lock({ name: 'lock' });
  let count = 0;
  function* work(delay: number) {
    yield* sleep(delay);
    yield* lock.acquire();
    const seen = count;
    yield;
    count = seen + 1;
    lock.release();
  }
  const ts = [0.1, 0.2].map((d) => new Thread({ target: work, args: [d] }));
  for (const t of ts) t.start();
  for (const t of ts) yield* t.join();
  return count;
}

function shards<T>(main: MainFunction<T>, n: number, options: ExploreOptions<T>): ExploreReport<T>[] {
  return Array.from({ length: n }, (_, i) =>
    explore(main, { ...options, strategy: 'exhaustive', shard: `${i + 1}/${n}` }),
  );
}

/**
 * The fields a merge reproduces exactly; `pruned`, `maxPreemptions` and the first failure's
 * `run` may differ (docs/exhaustive.md says why).
 */
function comparable<T>(r: ExploreReport<T>) {
  const { pruned: _p, maxPreemptions: _m, firstFailure, ...rest } = r;
  return { ...rest, firstFailure: firstFailure && { ...firstFailure, run: 0 } };
}

describe('a sharded exhaustive search with partial-order reduction', () => {
  it.each([
    ['the unlocked counter (a failure)', counter(3, false), (r: { value: unknown }) => r.value === 3],
    ['the locked counter', counter(3, true), undefined],
    ['the dining philosophers (a deadlock)', philosophers(3), undefined],
    ['two threads mixing a lock, a cell and prints', mixed, undefined],
  ] as [string, MainFunction<unknown>, ExploreOptions['check']][])(
    '%s: the merge of 2, 3 and 5 shards equals the whole search but for pruned',
    (_name, main, check) => {
      const options = { strategy: 'exhaustive' as const, runs: Infinity, check };
      const whole = explore(main, options);
      expect(whole.complete).toBe(true);
      for (const n of [2, 3, 5]) {
        const parts = shards(main, n, options);
        expect(parts.map((p) => p.shard)).toEqual(Array.from({ length: n }, (_, i) => `${i + 1}/${n}`));
        const merged = mergeReports(parts);
        expect(comparable(merged)).toEqual(comparable(whole));
        expect(merged.firstFailure?.shrunk).toBe(whole.firstFailure?.shrunk);
        expect(mergeReports([...parts].reverse())).toEqual(merged);
      }
    },
  );

  it('splits the work: with 3 threads no shard of two runs every schedule', () => {
    const parts = shards(counter(3, false), 2, { runs: Infinity });
    expect(parts[0]!.runs).toBeGreaterThan(0);
    expect(parts[1]!.runs).toBeGreaterThan(0);
    expect(parts[0]!.runs + parts[1]!.runs).toBe(
      explore(counter(3, false), { strategy: 'exhaustive', runs: Infinity }).runs,
    );
  });

  it('makes the same shard reports, byte for byte, every time', () => {
    const once = JSON.stringify(shards(counter(3, false), 3, { runs: Infinity, check: (r) => r.value === 3 }));
    const again = JSON.stringify(shards(counter(3, false), 3, { runs: Infinity, check: (r) => r.value === 3 }));
    expect(again).toBe(once);
  });

  it('a merged search cut by its budget still says it is NOT complete', () => {
    const parts = shards(counter(4, false), 2, { runs: 40 });
    expect(parts.map((p) => p.runs)).toEqual([20, 20]);
    const merged = mergeReports(parts.map((p) => JSON.parse(JSON.stringify(p)) as ExploreReport<number>));
    expect(merged).toMatchObject({ complete: false, exhausted: true, runs: 40, budget: 40, coveredPreemptions: null });
    expect(merged.shard).toBeUndefined();
  });

  it('refuses to merge shards of searches with different bounds', () => {
    const a = explore(counter(2, false), { strategy: 'exhaustive', shard: '1/2', preemptionBound: 1 });
    const b = explore(counter(2, false), { strategy: 'exhaustive', shard: '2/2', preemptionBound: 2 });
    expect(() => mergeReports([a, b])).toThrow(
      'report 2 has preemptionBound 2 but report 1 has preemptionBound 1: the shards are not of one search',
    );
  });
});

describe('a sharded exhaustive search with the state cache or a bound', () => {
  it('timers (state cache): the merge is complete with the same outcomes and verdict', () => {
    const check = (r: { value: unknown }) => r.value === 2;
    const whole = explore(sleepers, { strategy: 'exhaustive', runs: Infinity, check });
    expect(whole.complete).toBe(true);
    for (const n of [2, 3]) {
      const merged = mergeReports(shards(sleepers, n, { runs: Infinity, check }));
      expect(merged.complete).toBe(true);
      expect(Object.keys(merged.outcomes).sort()).toEqual(Object.keys(whole.outcomes).sort());
      expect(merged.failures).toBe(0);
    }
  });

  it('a preemption bound: the merge finds the failure at the same fewest preemptions', () => {
    const check = (r: { value: unknown }) => r.value === 3;
    const options = { runs: Infinity, preemptionBound: 2, check };
    const whole = explore(counter(3, false), { ...options, strategy: 'exhaustive' });
    const merged = mergeReports(shards(counter(3, false), 3, options));
    expect(merged.complete).toBe(true);
    expect(Object.keys(merged.outcomes).sort()).toEqual(Object.keys(whole.outcomes).sort());
    expect(merged.firstFailure!.original.preemptions).toBe(whole.firstFailure!.original.preemptions);
    expect(merged.firstFailure!.shrunk).toBe(whole.firstFailure!.shrunk);
  });

  it('a bounded merge cut by its budget says which levels every shard finished', () => {
    const parts = shards(counter(3, true), 2, { runs: 30, preemptionBound: 3 });
    const merged = mergeReports(parts);
    expect(merged.complete).toBe(false);
    expect(merged.coveredPreemptions).toBe(Math.min(...parts.map((p) => p.coveredPreemptions!)));
  });
});

describe('the slices of the tree', () => {
  const main = counter(2, false);
  const schedulesOf = (shard: TreeShard | null): string[] => {
    const seen: string[] = [];
    searchExhaustive({
      main,
      options: { ...resolveRunOptions({ switchInterval: 1 }), strategy: 'round-robin' },
      bound: Infinity,
      budget: Infinity,
      reduction: false,
      detector: null,
      shard,
      onRun: (e) => {
        seen.push(e.result.schedule);
        return false;
      },
    });
    return seen;
  };

  it('are disjoint, and together they are every schedule of the unreduced search', () => {
    const all = schedulesOf(null);
    for (const n of [2, 4]) {
      const parts = Array.from({ length: n }, (_, i) => schedulesOf(new TreeShard(i + 1, n)));
      const union = parts.flat();
      expect(new Set(union).size).toBe(union.length);
      expect(union.sort()).toEqual([...all].sort());
      expect(parts.every((p) => p.length > 0)).toBe(true);
    }
  });
});
