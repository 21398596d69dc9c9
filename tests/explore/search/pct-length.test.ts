import { explore, mergeReports, replay } from 'interleave-threads';
import { isCheckpoint, PctLengths } from '../../../src/explore/search/pct-length';
import { resolveExploreOptions } from '../../../src/explore/explore-options';
import { lateWindow } from '../../support/programs';

describe("PCT's run length grows to the longest run seen", () => {
  it('finds a bug whose failing runs are more than twice as long as the calibration runs, with default options', () => {
    const r = explore(lateWindow, { strategy: 'pct', runs: 2000, stopOnFailure: true, shrink: false });
    const f = r.firstFailure!;
    expect(f).not.toBeNull();
    expect(f.original.steps).toBeGreaterThan(2 * r.pctLength!);
    // The failing run is reproducible alone: its token carries the length it drew in.
    const again = replay(lateWindow, f.schedule);
    expect(again.errors.map((e) => String(e.error))).toEqual(['Error: saw the half-done update']);
  });

  it('misses it when the length stays at the calibration (what the growth fixes)', () => {
    const calibrated = explore(lateWindow, { strategy: 'pct', runs: 1 }).pctLength!;
    const r = explore(lateWindow, { strategy: 'pct', runs: 2000, pctLength: calibrated, shrink: false });
    expect(r.failures).toBe(0);
  });

  it('gives run k the same length in any slice of the search, so PCT shards still merge into the whole', () => {
    const whole = explore(lateWindow, { strategy: 'pct', runs: 300, shrink: false });
    const parts = [1, 2, 3].map((i) =>
      explore(lateWindow, { strategy: 'pct', runs: 300, shrink: false, shard: `${i}/3` }),
    );
    expect(mergeReports(parts)).toEqual(whole);
  });

  it('counts only checkpoint runs (0-15, then powers of two) and never shrinks', () => {
    expect([0, 15, 16, 17, 31, 32, 48, 64].map(isCheckpoint)).toEqual([
      true,
      true,
      true,
      false,
      false,
      true,
      false,
      true,
    ]);
    const o = resolveExploreOptions({ strategy: 'pct' });
    const lengths = new PctLengths(lateWindow, o.run, '0', 10);
    const seq = [0, 1, 5, 20, 100, 1000].map((k) => lengths.lengthFor(k));
    expect(seq[0]).toBe(10);
    for (let i = 1; i < seq.length; i++) expect(seq[i]).toBeGreaterThanOrEqual(seq[i - 1]!);
    expect(seq[seq.length - 1]).toBeGreaterThan(10);
    // A fresh instance asked for a late run first computes the same length.
    expect(new PctLengths(lateWindow, o.run, '0', 10).lengthFor(1000)).toBe(seq[seq.length - 1]);
  });
});
