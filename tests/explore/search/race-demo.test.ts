import { explore } from 'interleave-threads';
import raceMain, { check, options } from '../../../demos/race';

// The race demo: ten threads, random work before each `count += 1`, switchInterval 7.
describe('exhaustive search on the race demo (switchInterval 7)', () => {
  it('finds the lost update within a few hundred runs and shrinks it to 1 preemption (default: partial-order reduction)', () => {
    const r = explore(raceMain, { ...options, strategy: 'exhaustive', check, stopOnFailure: true });
    expect(r.firstFailure).not.toBeNull();
    expect(r.runs).toBeLessThanOrEqual(300);
    expect(r.firstFailure!.preemptions).toBe(1);
    expect(r.firstFailure!.result.value).toBeLessThan(10);
  });

  it('finds it with a delay bound of 1 too', () => {
    const r = explore(raceMain, { ...options, strategy: 'exhaustive', delayBound: 1, check, stopOnFailure: true });
    expect(r.runs).toBeLessThanOrEqual(300);
    expect(r.firstFailure!.preemptions).toBe(1);
  });

  it('not with a preemption bound: every order in which the threads finish is free, so the runs without preemption never end', () => {
    const r = explore(raceMain, { ...options, strategy: 'exhaustive', preemptionBound: 1, runs: 300, check });
    expect(r).toMatchObject({ failures: 0, complete: false, exhausted: true, coveredPreemptions: -1 });
    expect(r.maxPreemptions).toBe(0);
  });
});
