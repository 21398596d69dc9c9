import { assertSchedules, explore } from 'interleave-threads';
import { counter } from '../support/programs';
import { messageOf } from '../support/run-helpers';

describe('an exhaustive search that stops short never passes silently', () => {
  it('the report says which preemption levels were finished', () => {
    const short = explore(counter(3, true), { strategy: 'exhaustive', runs: 20, preemptionBound: 3 });
    expect(short).toMatchObject({ complete: false, exhausted: true, runs: 20, coveredPreemptions: 0 });
    const tiny = explore(counter(3, true), { strategy: 'exhaustive', runs: 5, preemptionBound: 3 });
    expect(tiny).toMatchObject({ complete: false, coveredPreemptions: -1 });
    const whole = explore(counter(3, true), { strategy: 'exhaustive', runs: Infinity, preemptionBound: 3 });
    expect(whole).toMatchObject({ complete: true, coveredPreemptions: null });
  });

  it('what the finished levels cover is really covered: the same bound as a whole search finds the same outcomes', () => {
    const short = explore(counter(3, false), { strategy: 'exhaustive', runs: 60, preemptionBound: 4 });
    const k = short.coveredPreemptions!;
    expect(short.complete).toBe(false);
    expect(k).toBeGreaterThanOrEqual(0);
    const bounded = explore(counter(3, false), { strategy: 'exhaustive', runs: Infinity, preemptionBound: k });
    expect(bounded.complete).toBe(true);
    for (const key of Object.keys(bounded.outcomes)) expect(short.outcomes).toHaveProperty([key]);
  });

  it('assertSchedules throws when the search was not complete, naming what was covered and the fix', () => {
    const message = messageOf(() =>
      assertSchedules(counter(3, true), {
        strategy: 'exhaustive',
        runs: 20,
        preemptionBound: 3,
        check: (r) => r.value === 3,
      }),
    );
    expect(message).toBe(
      'NOT complete: the budget of 20 runs ran out first; only schedules with ≤ 0 preemptions were all covered ' +
        '(up to reordering of independent steps), not those with 1 to 3. Raise runs, or set preemptionBound: 0 to make what was covered the whole search.\n' +
        'No schedule failed, but a search that stopped short proves nothing; pass allowIncomplete: true to accept it.',
    );
  });

  it('assertSchedules says when not even the schedules without preemption were all run', () => {
    const message = messageOf(() =>
      assertSchedules(counter(3, true), { strategy: 'exhaustive', runs: 5, preemptionBound: 2 }),
    );
    expect(message).toMatch(
      /^NOT complete: the budget of 5 runs ran out first, before even the schedules without preemption were all run \(5 runs made\)\. Raise runs\.\n/,
    );
  });

  it('an unbounded search (partial-order reduction) cut by its budget says what it ran and how to widen it', () => {
    const report = explore(counter(3, true), { strategy: 'exhaustive', runs: 5 });
    expect(report).toMatchObject({ complete: false, exhausted: true, runs: 5, pruned: 1, coveredPreemptions: null });
    const message = messageOf(() => assertSchedules(counter(3, true), { strategy: 'exhaustive', runs: 5 }));
    expect(message).toBe(
      'NOT complete: the budget of 5 runs ran out first (5 runs made, 1 run abandoned as equivalent to runs made: ' +
        '6 runs started). This unbounded search (partial-order reduction) runs one schedule of every class of ' +
        'equivalent schedules, depth first; it had not reached every class, so a failure may lie in those it did ' +
        'not run. Raise runs, or bound it (preemptionBound: 2 or delayBound: 2) to run the schedules with few ' +
        'preemptions first.\n' +
        'No schedule failed, but a search that stopped short proves nothing; pass allowIncomplete: true to accept it.',
    );
  });

  it('allowIncomplete: true accepts a search that stopped short', () => {
    const report = assertSchedules(counter(3, true), { strategy: 'exhaustive', runs: 3, allowIncomplete: true });
    expect(report.complete).toBe(false);
  });

  it('a complete search, and random or PCT searches, pass without allowIncomplete', () => {
    expect(assertSchedules(counter(3, true), { strategy: 'exhaustive', runs: Infinity }).complete).toBe(true);
    expect(assertSchedules(counter(2, true), { strategy: 'random', runs: 10 }).complete).toBe(false);
    expect(assertSchedules(counter(2, true), { strategy: 'pct', runs: 10 }).complete).toBe(false);
  });

  it('a failure found before the budget ends is reported as the failure', () => {
    expect(
      messageOf(() =>
        assertSchedules(counter(3, false), { strategy: 'exhaustive', runs: 50, check: (r) => r.value === 3 }),
      ),
    ).toMatch(/^a schedule fails/);
  });

  it('allowIncomplete must be a boolean', () => {
    expect(
      messageOf(() =>
        assertSchedules(counter(2, true), { strategy: 'exhaustive', allowIncomplete: 'yes' as unknown as boolean }),
      ),
    ).toBe("option 'allowIncomplete' must be true or false, got yes");
  });
});
