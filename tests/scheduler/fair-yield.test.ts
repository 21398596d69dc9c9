import { explore, run, sleep, Thread } from 'interleave-threads';
import { flagWait, peterson, petersonOk } from '../support/programs';

describe('sleep(0) lets every other runnable thread go first', () => {
  it.each(['round-robin', 'random', 'pct'] as const)(
    'under %s, a spin-wait spins at most once per step of the thread it waits for',
    (strategy) => {
      for (const seed of [0, 1, 2, 3, 4]) {
        const r = run(flagWait(30), { strategy, seed, switchInterval: 1 });
        expect(r.status).toBe('ok');
        expect(r.value).toBeLessThanOrEqual(31);
      }
    },
  );

  it('is a block, not a preemption: a spin-wait under round-robin with long slices preempts no one', () => {
    const r = run(flagWait(30));
    expect(r.status).toBe('ok');
    expect(r.value).toBeGreaterThan(0);
    expect(r.switches).toBeGreaterThan(0);
    expect(r.preemptions).toBe(0);
  });

  it('lowers the thread below the others under PCT: with no change points the waiter spins once at most', () => {
    for (const seed of [0, 1, 2, 3, 4, 5, 6, 7]) {
      const r = run(flagWait(30), { strategy: 'pct', depth: 1, seed, switchInterval: 1 });
      expect(r.value).toBeLessThanOrEqual(1);
    }
  });

  it('returns at once when no other thread can run, as before', () => {
    const r = run(function* () {
      yield* sleep(0);
      return 'done';
    });
    expect(r.value).toBe('done');
    expect(r.steps).toBe(3);
  });

  it('holds the thread only until each thread runnable at the yield was picked once', () => {
    const order: string[] = [];
    const r = run(
      function* () {
        const body = (name: string) =>
          function* () {
            for (let i = 0; i < 3; i++) {
              order.push(name);
              yield;
            }
          };
        new Thread({ target: body('a') }).start();
        new Thread({ target: body('b') }).start();
        order.push('main');
        yield* sleep(0);
        order.push('main');
      },
      { switchInterval: 1 },
    );
    expect(r.status).toBe('ok');
    // sleep's first step is a switch point: a and b run, then main yields; it goes on only after
    // a and b have each been picked again.
    expect(order.slice(0, 5)).toEqual(['main', 'a', 'b', 'a', 'b']);
    expect(order.indexOf('main', 1)).toBeGreaterThanOrEqual(5);
  });
});

describe("a correct spin lock (Peterson's, waiting with sleep(0)) has no failing schedule", () => {
  const main = peterson(2);
  const check = petersonOk(2);

  it.each(['random', 'pct'] as const)('under %s: every run ends ok, none near the step limit', (strategy) => {
    const r = explore(main, { strategy, runs: 1000, check });
    expect(r.failures).toBe(0);
    expect(Object.keys(r.outcomes)).toEqual(['ok: value=4']);
  });

  it('under exhaustive search: the search completes with no failure', () => {
    const r = explore(peterson(1), { strategy: 'exhaustive', runs: 100_000, check: petersonOk(1) });
    expect(r.complete).toBe(true);
    expect(r.failures).toBe(0);
  });

  it('with a preemption bound too (where a spinner chosen again and again used to fail)', () => {
    const r = explore(main, { strategy: 'exhaustive', runs: 100_000, preemptionBound: 2, check });
    expect(r.complete).toBe(true);
    expect(r.failures).toBe(0);
  });
});
