import { explore, ValueError } from 'interleave-threads';
import { counter, staggeredRace } from '../../support/programs';

describe('delay bounding (delayBound)', () => {
  it('finds the four-thread race under switchInterval 7 within a few hundred runs', () => {
    const report = explore(staggeredRace, {
      strategy: 'exhaustive',
      delayBound: 3,
      runs: 300,
      switchInterval: 7,
      stopOnFailure: true,
      check: (r) => r.value === 4,
    });
    expect(report.failures).toBe(1);
    expect(report.firstFailure!.run).toBeLessThan(300);
    expect(report.firstFailure!.result.value).toBeLessThan(4);
    expect(report.delayBound).toBe(3);
    // The failure goes through the shrinker, as random's do: a lost update needs one preemption.
    expect(report.firstFailure!.preemptions).toBe(1);
    expect(report.firstFailure!.preemptions).toBeLessThanOrEqual(report.firstFailure!.original.preemptions);
  });

  it('is deterministic: the same search gives the same bytes', () => {
    const once = (): string =>
      JSON.stringify(
        explore(staggeredRace, {
          strategy: 'exhaustive',
          delayBound: 2,
          runs: 200,
          switchInterval: 7,
          check: (r) => r.value === 4,
        }),
      );
    expect(once()).toBe(once());
  });

  it('with 0 delays there is exactly one schedule: the default scheduler, whatever the threads do', () => {
    const report = explore(counter(4, false), { strategy: 'exhaustive', delayBound: 0, runs: Infinity });
    expect(report).toMatchObject({ runs: 1, complete: true, delayBound: 0 });
  });

  it('each delay more covers at least as many outcomes, and a bound as large as the threads allow covers every one', () => {
    const outcomes = [0, 1, 2, 6].map((k) =>
      Object.keys(
        explore(counter(3, false), { strategy: 'exhaustive', delayBound: k, runs: Infinity }).outcomes,
      ).sort(),
    );
    for (let k = 1; k < outcomes.length; k++) for (const o of outcomes[k - 1]!) expect(outcomes[k]).toContain(o);
    const all = Object.keys(explore(counter(3, false), { strategy: 'exhaustive', runs: Infinity }).outcomes).sort();
    expect(outcomes[3]).toEqual(all);
  });

  it('a search that stops short says how many delays it covered', () => {
    const report = explore(counter(3, true), { strategy: 'exhaustive', delayBound: 4, runs: 3 });
    expect(report.complete).toBe(false);
    expect(report.coveredPreemptions).toBeGreaterThanOrEqual(-1);
  });

  it('is for exhaustive searches only, and not together with preemptionBound', () => {
    expect(() => explore(staggeredRace, { strategy: 'random', delayBound: 1 })).toThrow(
      new ValueError("option 'delayBound' applies to strategy 'exhaustive' only (the strategy is 'random')"),
    );
    expect(() => explore(staggeredRace, { strategy: 'exhaustive', delayBound: 1, preemptionBound: 1 })).toThrow(
      new ValueError("options 'delayBound' and 'preemptionBound' cannot be combined: a search bounds one or the other"),
    );
    expect(() => explore(staggeredRace, { strategy: 'exhaustive', delayBound: -1 })).toThrow(
      new ValueError("option 'delayBound' must be an integer >= 0, got -1"),
    );
  });
});
