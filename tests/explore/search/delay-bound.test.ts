import { explore, shared, Thread, ValueError } from 'interleave-threads';
import { counter } from '../programs';

function* work(steps: number): Generator<unknown, void, unknown> {
  for (let i = 0; i < steps; i++) yield;
}

/** Four threads that each add 1 with no lock after some work; under switchInterval 7 only some windows can be split. */
function* race4(): Generator<unknown, number, never> {
  const count = shared(0, 'count');
  const tasks = [12, 19, 26, 33].map(
    (w) =>
      new Thread({
        target: function* () {
          yield* work(w);
          yield* count.update((n) => n + 1);
          yield* work(20);
        },
      }),
  );
  for (const t of tasks) t.start();
  for (const t of tasks) yield* t.join();
  return count.value;
}

describe('delay bounding (delayBound)', () => {
  it('finds the four-thread race under switchInterval 7 within a few hundred runs', () => {
    const report = explore(race4, {
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
        explore(race4, {
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
    expect(() => explore(race4, { strategy: 'random', delayBound: 1 })).toThrow(
      new ValueError("option 'delayBound' applies to strategy 'exhaustive' only (the strategy is 'random')"),
    );
    expect(() => explore(race4, { strategy: 'exhaustive', delayBound: 1, preemptionBound: 1 })).toThrow(
      new ValueError("options 'delayBound' and 'preemptionBound' cannot be combined: a search bounds one or the other"),
    );
    expect(() => explore(race4, { strategy: 'exhaustive', delayBound: -1 })).toThrow(
      new ValueError("option 'delayBound' must be an integer >= 0, got -1"),
    );
  });
});
