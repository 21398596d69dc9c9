import { explore, replay, type ExploreReport } from 'interleave-threads';
import { judge } from '../../src/explore/outcome';
import { BUGS, type Bug } from './catalog';

/** Runs until the first failure (the run count), or Infinity when the budget found none. */
function runsToFailure(r: ExploreReport): number {
  return r.firstFailure === null ? Infinity : r.firstFailure.run + 1;
}

const checkOf = (bug: Bug) => bug.check ?? null;

describe.each(BUGS.map((b) => [b.name, b] as const))('the %s bug', (_name, bug) => {
  it(`is found by random or PCT search within ${bug.budget} runs`, () => {
    const o = { runs: bug.budget, stopOnFailure: true, shrink: false, check: bug.check };
    const found = explore(bug.main, o).firstFailure ?? explore(bug.main, { ...o, strategy: 'pct' }).firstFailure;
    expect(found).not.toBeNull();
  });

  it(`needs ${bug.preemptions} preemption${bug.preemptions === 1 ? '' : 's'}: a preemption-bounded exhaustive search finds it first with exactly that many; an unbounded one shrinks to that many`, () => {
    const r = explore(bug.main, { strategy: 'exhaustive', preemptionBound: 3, stopOnFailure: true, check: bug.check });
    expect(r.firstFailure).not.toBeNull();
    expect(r.firstFailure!.original.preemptions).toBe(bug.preemptions);
    expect(r.firstFailure!.preemptions).toBe(bug.preemptions);
    const unbounded = explore(bug.main, { strategy: 'exhaustive', stopOnFailure: true, check: bug.check });
    expect(unbounded.firstFailure!.preemptions).toBe(bug.preemptions);
  });

  it('shrinks to a token that replays the same failure', () => {
    const r = explore(bug.main, {
      strategy: bug.deep ? 'pct' : 'random',
      runs: bug.budget,
      stopOnFailure: true,
      check: bug.check,
    });
    const f = r.firstFailure!;
    expect(f.preemptions).toBe(bug.preemptions);
    const again = replay(bug.main, f.shrunk);
    expect(again.steps).toBe(f.result.steps);
    expect(judge(again, checkOf(bug))?.signature).toBe(judge(f.result, checkOf(bug))?.signature);
  });

  if (bug.deep) {
    it('is found by PCT no later than by random search', () => {
      const o = { runs: bug.budget, stopOnFailure: true, shrink: false, check: bug.check };
      const pct = runsToFailure(explore(bug.main, { ...o, strategy: 'pct' }));
      const random = runsToFailure(explore(bug.main, o));
      expect(pct).toBeLessThan(Infinity);
      expect(pct).toBeLessThanOrEqual(random);
    });
  }

  const fixed = bug.fixed;
  if (fixed !== undefined) {
    it(`has a fixed version that exhaustive search covers${fixed.bound === null ? '' : ` within ${fixed.bound} preemptions`} without a failure`, () => {
      const r = explore(fixed.main, {
        strategy: 'exhaustive',
        runs: Infinity,
        preemptionBound: fixed.bound ?? undefined,
        check: bug.check,
      });
      expect(r.complete).toBe(true);
      expect(r.failures).toBe(0);
    });
  }
});

describe('the bug suite', () => {
  it('has at least twelve bugs, deep ones, and ones needing two preemptions', () => {
    expect(BUGS.length).toBeGreaterThanOrEqual(12);
    expect(BUGS.filter((b) => b.deep).length).toBeGreaterThanOrEqual(2);
    expect(BUGS.filter((b) => b.preemptions >= 2).length).toBeGreaterThanOrEqual(2);
    expect(new Set(BUGS.map((b) => b.name)).size).toBe(BUGS.length);
  });
});
