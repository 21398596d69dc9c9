import { Event, explore, replay, run, sleep, Thread } from 'interleave-threads';
import { decodeToken } from '../../src/scheduler/schedule-token';

/**
 * The waiter's 2-second timeout and main's `set()` after a 4-second sleep fall due at the same
 * instant (t = 5, with one step = 1 s and no switch inside a slice). Whichever happens first
 * decides what `wait` returns: both orders are possible, and nothing else is a choice here.
 */
function* timeoutMeetsSet(): Generator<unknown, boolean | null, unknown> {
  const go = new Event({ name: 'go' });
  let got: boolean | null = null;
  const waiter = new Thread({
    name: 'waiter',
    target: function* () {
      got = yield* go.wait(2);
    },
  });
  waiter.start();
  yield* sleep(4);
  go.set();
  yield* waiter.join();
  return got as boolean | null;
}

const options = { stepTime: 1, switchInterval: 100 };

describe('time as a source of choices', () => {
  it('a plain run fires the due timeout before the step that would beat it', () => {
    expect(run(timeoutMeetsSet, options).value).toBe(false);
  });

  it('exhaustive search runs both orders: the timeout first, and the set first', () => {
    const r = explore(timeoutMeetsSet, { ...options, strategy: 'exhaustive' });
    expect(r.complete).toBe(true);
    expect(r.noChoices).toBe(false);
    expect(Object.keys(r.outcomes).sort()).toEqual(['ok: value=False', 'ok: value=True']);
  });

  it.each(['random', 'pct'] as const)('%s search treats the order as a choice too', (strategy) => {
    const r = explore(timeoutMeetsSet, { ...options, strategy, runs: 40 });
    expect(r.outcomes['ok: value=True']).toBeGreaterThan(0);
    expect(r.outcomes['ok: value=False']).toBeGreaterThan(0);
  });

  it('records the order in the token, so a replay makes the same one', () => {
    const r = explore(timeoutMeetsSet, { ...options, strategy: 'exhaustive', check: (res) => res.value === false });
    const f = r.firstFailure!;
    expect(f.result.value).toBe(true);
    // The one decision of the run: 1, the step before the timeout.
    expect(decodeToken(f.shrunk).choices).toEqual([1]);
    expect(replay(timeoutMeetsSet, f.shrunk).value).toBe(true);
    expect(replay(timeoutMeetsSet, f.schedule).value).toBe(true);
  });

  it('a random run replays its coin flips from its seed', () => {
    const r = explore(timeoutMeetsSet, { ...options, runs: 40, check: (res) => res.value === false });
    const f = r.firstFailure!;
    expect(decodeToken(f.schedule).strategy).toBe('random');
    expect(replay(timeoutMeetsSet, f.schedule).value).toBe(true);
  });
});
