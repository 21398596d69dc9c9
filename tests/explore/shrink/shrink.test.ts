import { explore, replay, ReplayError, type RunResult } from 'interleave-threads';
import raceMain, { check as raceCheck, options as raceOptions } from '../../../demos/race';
import deadlockMain, { check as deadlockCheck } from '../../../demos/deadlock';
import { decodeToken } from '../../../src/scheduler/schedule-token';
import { abba, counter, fourWayRace, fourWayRaceOk } from '../../support/programs';

describe('shrinking the first failure', () => {
  it('shrinks a lost update of the unlocked counter demo to one preemption', () => {
    const r = explore(raceMain, { runs: 50, stopOnFailure: true, check: raceCheck });
    const f = r.firstFailure!;
    expect(f.original.preemptions).toBeGreaterThan(1);
    expect(f.preemptions).toBe(1);
    expect(f.result.preemptions).toBe(1);
    expect(raceCheck(f.result as RunResult)).toBe(false);
    const again = replay(raceMain, f.shrunk);
    expect(again.value).toBe(f.result.value);
    expect(again.output).toBe(f.result.output);
    expect(again.preemptions).toBe(1);
  });

  it("shrinks it to one preemption with the demo's own switch interval too, where the switch must fall on a slice end", () => {
    const r = explore(raceMain, { ...raceOptions, runs: 50, stopOnFailure: true, check: raceCheck });
    const f = r.firstFailure!;
    expect(raceOptions.switchInterval).toBe(7);
    expect(f.original.preemptions).toBeGreaterThan(1);
    expect(f.preemptions).toBe(1);
    expect(replay(raceMain, f.shrunk).value).toBe(f.result.value);
  });

  it("shrinks PCT's first failure to one preemption at the demo's switch interval, though its change points fall inside slices", () => {
    const r = explore(raceMain, { ...raceOptions, strategy: 'pct', runs: 50, stopOnFailure: true, check: raceCheck });
    const f = r.firstFailure!;
    expect(f.original.preemptions).toBeGreaterThan(1);
    expect(f.preemptions).toBe(1);
    expect(raceCheck(replay(raceMain, f.shrunk) as RunResult)).toBe(false);
    expect(replay(raceMain, f.shrunk).preemptions).toBe(1);
  });

  it('shrinks a failure that needs three preemptions to three (random found it with many more)', () => {
    const r = explore(fourWayRace, { runs: 200, stopOnFailure: true, check: fourWayRaceOk });
    const f = r.firstFailure!;
    expect(f.original.preemptions).toBeGreaterThan(10);
    expect(f.preemptions).toBe(3);
    expect(fourWayRaceOk(replay(fourWayRace, f.shrunk))).toBe(false);
  });

  it('and three is the fewest: every schedule with two preemptions or fewer passes', () => {
    const r = explore(fourWayRace, {
      strategy: 'exhaustive',
      runs: Infinity,
      preemptionBound: 2,
      check: fourWayRaceOk,
      shrink: false,
    });
    expect(r.complete).toBe(true);
    expect(r.failures).toBe(0);
  }, 60_000);

  it('gives a shrunk token that records its choices and replays the failure exactly', () => {
    const r = explore(counter(3, false), { runs: 100, check: (res) => res.value === 3 });
    const f = r.firstFailure!;
    expect(decodeToken(f.shrunk).strategy).toBe('choices');
    expect(f.result.schedule).toBe(f.shrunk);
    const again = replay(counter(3, false), f.shrunk);
    expect(again.value).toBe(f.result.value);
    expect(again.steps).toBe(f.result.steps);
    expect(f.reason).toBe('check returned false');
  });

  it('shrinks the lockA/lockB deadlock to one preemption and the fewest steps of any deadlock', () => {
    const r = explore(abba, { runs: 200 });
    const f = r.firstFailure!;
    expect(f.result.status).toBe('deadlock');
    expect(f.result.deadlock!.cycle).toEqual(['Thread-1', 'Thread-2', 'Thread-1']);
    expect(f.preemptions).toBe(1);
    const all = explore(abba, { strategy: 'exhaustive', runs: Infinity, reduction: false, shrink: false });
    expect(all.complete).toBe(true);
    // The exhaustive search's first deadlock has the fewest preemptions; no deadlock is shorter than ours.
    expect(f.result.steps).toBeLessThanOrEqual(all.firstFailure!.result.steps);
    expect(replay(abba, f.shrunk).status).toBe('deadlock');
  });

  it('shrinks the deadlock demo, whose threads sleep while holding a lock, to no preemption at all', () => {
    const r = explore(deadlockMain, { runs: 20, check: deadlockCheck });
    const f = r.firstFailure!;
    expect(f.result.status).toBe('deadlock');
    expect(f.preemptions).toBe(0);
    const fewest = explore(deadlockMain, {
      strategy: 'exhaustive',
      runs: Infinity,
      check: deadlockCheck,
      shrink: false,
    });
    expect(fewest.firstFailure!.original.preemptions).toBe(0);
    expect(f.result.steps).toBe(fewest.firstFailure!.result.steps);
  });

  it('keeps the kind of failure: a deadlock does not shrink into a thread error', () => {
    const r = explore(abba, { runs: 100 });
    expect(r.firstFailure!.reason).toMatch(/^deadlock: /);
  });

  it('refuses its token for another program or once damaged, saying why', () => {
    const f = explore(counter(3, false), { runs: 100, check: (res) => res.value === 3 }).firstFailure!;
    expect(() => replay(counter(2, false), f.shrunk)).toThrow(ReplayError);
    expect(() => replay(counter(2, false), f.shrunk)).toThrow(/replay diverged/);
    const damaged = f.shrunk.slice(0, -6) + (f.shrunk.endsWith('a') ? 'b' : 'a') + f.shrunk.slice(-5);
    expect(() => replay(counter(3, false), damaged)).toThrow(/damaged or truncated/);
    expect(() => replay(counter(3, false), f.shrunk.slice(0, 20))).toThrow(ReplayError);
    expect(() => replay(counter(3, false), f.shrunk, { switchInterval: 100 })).toThrow(
      /option 'switchInterval' is 100 here but 1 in the schedule token/,
    );
  });

  it('with shrink: false hands back the failing run itself', () => {
    const r = explore(counter(3, false), { runs: 100, shrink: false, check: (res) => res.value === 3 });
    const f = r.firstFailure!;
    expect(f.shrunk).toBe(f.schedule);
    expect(f.preemptions).toBe(f.original.preemptions);
  });

  it('is deterministic: the same failure shrinks to the same token', () => {
    const a = explore(counter(3, false), { runs: 100, check: (res) => res.value === 3 });
    const b = explore(counter(3, false), { runs: 100, check: (res) => res.value === 3 });
    expect(a.firstFailure!.shrunk).toBe(b.firstFailure!.shrunk);
  });
});
