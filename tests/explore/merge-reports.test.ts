import { explore, mergeReports, ValueError, type ExploreOptions } from 'interleave-threads';
import { counter } from '../support/programs';

const main = counter(3, false);
const check = (r: { value: unknown }): boolean => r.value === 3;

function shards(n: number, options: ExploreOptions<number>) {
  return Array.from({ length: n }, (_, i) => explore(main, { ...options, check, shard: `${i + 1}/${n}` }));
}

describe('shards and mergeReports', () => {
  it.each(['random', 'pct'] as const)('merging the %s shards gives the report of the whole search', (strategy) => {
    const whole = explore(main, { strategy, runs: 301, check });
    const parts = shards(3, { strategy, runs: 301 });
    expect(parts.map((p) => p.runs)).toEqual([101, 100, 100]);
    expect(parts.map((p) => p.shard)).toEqual(['1/3', '2/3', '3/3']);
    expect(mergeReports(parts)).toEqual(whole);
    // The order of the reports does not matter.
    expect(mergeReports([parts[2]!, parts[0]!, parts[1]!])).toEqual(whole);
  });

  it('merges reports read back from JSON, as a CI merge step does', () => {
    const whole = explore(main, { runs: 200, check });
    const parts = shards(2, { runs: 200 }).map((p) => JSON.parse(JSON.stringify(p)));
    const merged = mergeReports(parts);
    expect(JSON.stringify(merged)).toBe(JSON.stringify(whole));
  });

  it('counts schedules run in two shards once in distinct', () => {
    const parts = shards(2, { runs: 200 });
    const merged = mergeReports(parts);
    expect(merged.distinct).toBeLessThan(parts[0]!.distinct + parts[1]!.distinct);
    expect(merged.distinct).toBe(explore(main, { runs: 200, check }).distinct);
  });

  it('refuses reports that are not all the shards of one search', () => {
    const parts = shards(3, { runs: 30 });
    expect(() => mergeReports([])).toThrow(ValueError);
    expect(() => mergeReports([parts[0]!, parts[1]!])).toThrow('shards 3/3 are missing; merge all 3 shards');
    expect(() => mergeReports([parts[0]!, parts[0]!, parts[2]!])).toThrow('shard 1/3 appears twice');
    const other = explore(main, { runs: 30, seed: 9, check, shard: '2/3' });
    expect(() => mergeReports([parts[0]!, other, parts[2]!])).toThrow(
      /has seed "9" but report 1 has seed "0": the shards are not of one search/,
    );
    expect(() => mergeReports([explore(main, { runs: 30 })])).toThrow("report 1 is not a shard's report");
    const four = explore(main, { runs: 30, check, shard: '1/4' });
    expect(() => mergeReports([parts[0]!, four])).toThrow('report 2 is shard 1/4 but report 1 is one of 3 shards');
  });

  it('leaves shard fields out of an unsharded report', () => {
    const r = explore(main, { runs: 10 });
    expect(r.shard).toBeUndefined();
    expect(r.fingerprints).toBeUndefined();
  });
});
