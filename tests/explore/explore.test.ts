import { explore, replay, run, type RunResult, shared, Thread, TypeError, ValueError } from 'interleave-threads';
import { alone, counter } from '../support/programs';

describe('explore with the random strategy', () => {
  const report = explore(counter(3, false), { runs: 300, check: (r) => r.value === 3 });

  it('finds lost updates in the unlocked counter and counts each outcome', () => {
    expect(report.strategy).toBe('random');
    expect(report.runs).toBe(300);
    expect(report.budget).toBe(300);
    expect(report.failures).toBeGreaterThan(0);
    expect(Object.keys(report.outcomes).sort()).toEqual(['ok: value=1', 'ok: value=2', 'ok: value=3']);
    expect(Object.values(report.outcomes).reduce((a, b) => a + b, 0)).toBe(300);
    expect(report.failures).toBe(300 - report.outcomes['ok: value=3']!);
  });

  it('lists the histogram most frequent outcome first', () => {
    const counts = Object.values(report.outcomes);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('says the budget ran out without covering the space', () => {
    expect(report.complete).toBe(false);
    expect(report.exhausted).toBe(true);
    expect(report.noChoices).toBe(false);
    expect(report.distinct).toBeGreaterThan(1);
    expect(report.distinct).toBeLessThanOrEqual(300);
  });

  it('gives the first failing run a token that replays it', () => {
    const f = report.firstFailure!;
    const again = replay(counter(3, false), f.schedule);
    expect(again.value).not.toBe(3);
    expect(again.steps).toBe(f.original.steps);
    expect(again.preemptions).toBe(f.original.preemptions);
  });

  it("shows the check each run's own token, even read after the search, and reports a plain result", () => {
    // Exploration encodes a run's token only when it is read, from what the run left: reading
    // it late, after the search has gone on to other seeds, must still give that run's token.
    const kept: RunResult<number>[] = [];
    const json: string[] = [];
    const r = explore(counter(3, false), {
      runs: 40,
      seed: 'tokens',
      check: (res) => {
        kept.push(res);
        if (json.length === 0) json.push(JSON.stringify(res));
        return res.value === 3;
      },
    });
    // The search's 40 runs come first (shrinking calls the check again after them).
    expect(kept.length).toBeGreaterThanOrEqual(40);
    for (let k = 0; k < 40; k++) {
      const alone = run(counter(3, false), {
        strategy: 'random',
        seed: `tokens:${k}`,
        switchInterval: 1,
        maxSteps: 100_000,
      });
      expect(kept[k]!.schedule).toBe(alone.schedule);
      expect([kept[k]!.value, kept[k]!.steps]).toEqual([alone.value, alone.steps]);
    }
    expect(JSON.parse(json[0]!)).toMatchObject({ schedule: kept[0]!.schedule, steps: kept[0]!.steps });
    // Like a plain result's, races and trace exist only when set.
    expect('races' in kept[0]!).toBe(false);
    expect('trace' in kept[0]!).toBe(false);
    // What leaves the search spreads and serializes with every field, the token included.
    const f = r.firstFailure!;
    expect({ ...f.result }.schedule).toBe(f.shrunk);
    expect(JSON.parse(JSON.stringify(f.result)).schedule).toBe(f.shrunk);
    expect(Object.getPrototypeOf(f.result)).toBe(Object.prototype);
  });

  it("gives an exhaustive search's runs choices tokens that replay them, read after the search", () => {
    const kept: RunResult<number>[] = [];
    explore(counter(2, false), {
      strategy: 'exhaustive',
      preemptionBound: 2,
      check: (res) => {
        kept.push(res);
        return true;
      },
    });
    expect(kept.length).toBeGreaterThan(5);
    const tokens = new Set(kept.map((res) => res.schedule));
    expect(tokens.size).toBe(kept.length);
    for (const res of kept) {
      const again = replay(counter(2, false), res.schedule);
      expect([again.value, again.steps, again.preemptions]).toEqual([res.value, res.steps, res.preemptions]);
    }
  });

  it('makes run k with seed `seed:k`, so it is reproducible alone', () => {
    const f = report.firstFailure!;
    const alone = run(counter(3, false), {
      strategy: 'random',
      seed: `0:${f.run}`,
      switchInterval: 1,
      maxSteps: 100_000,
    });
    expect(alone.schedule).toBe(f.schedule);
    expect(alone.value).not.toBe(3);
  });

  it('gives the same report for the same seed and another one for another seed', () => {
    const again = explore(counter(3, false), { runs: 300, check: (r) => r.value === 3 });
    expect(again).toEqual(report);
    const other = explore(counter(3, false), { runs: 300, seed: 'other', check: (r) => r.value === 3 });
    expect(other.seed).toBe('other');
    expect(other.firstFailure!.schedule).not.toBe(report.firstFailure!.schedule);
  });
});

describe('explore defaults', () => {
  it('switches at every step by default, where a switch interval of 100 hides the race', () => {
    expect(explore(counter(2, false), { runs: 200, check: (r) => r.value === 2 }).failures).toBeGreaterThan(0);
    const coarse = explore(counter(2, false), { runs: 200, switchInterval: 100, check: (r) => r.value === 2 });
    expect(coarse.failures).toBe(0);
  });

  it('by default fails a run that does not end ok or in which a thread raised', () => {
    const r = explore(
      function* () {
        const t = new Thread({
          target: function* () {
            yield;
            throw new ValueError('bad input');
          },
        });
        t.start();
        yield* t.join();
      },
      { runs: 5 },
    );
    expect(r.failures).toBe(5);
    expect(r.firstFailure!.reason).toBe('Thread-1 raised ValueError: bad input');
    expect(Object.keys(r.outcomes)).toEqual([
      'ok: output="Exception in thread Thread-1:\\nValueError: bad input\\n"; raised: Thread-1 ValueError: bad input',
    ]);
  });

  it('says so when there was no scheduling choice to make', () => {
    const r = explore(alone, { runs: 10 });
    expect(r.noChoices).toBe(true);
    expect(r.complete).toBe(true);
    expect(r.exhausted).toBe(false);
    expect(r.distinct).toBe(1);
    expect(r.outcomes).toEqual({ 'ok: value=2': 10 });
  });

  it('calls onProgress after every run with the runs made and the budget', () => {
    const seen: [number, number][] = [];
    explore(counter(2, true), { runs: 4, onProgress: (n, of) => seen.push([n, of]) });
    expect(seen).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
  });
});

describe('explore with stopOnFailure', () => {
  it('stops at the first failing run', () => {
    const r = explore(counter(3, false), { runs: 1000, stopOnFailure: true, check: (r) => r.value === 3 });
    expect(r.stoppedOnFailure).toBe(true);
    expect(r.failures).toBe(1);
    expect(r.runs).toBe(r.firstFailure!.run + 1);
    expect(r.exhausted).toBe(false);
  });
});

describe('explore with the pct strategy', () => {
  it('finds the lost update and reports d and the run length its change points use', () => {
    const r = explore(counter(3, false), { strategy: 'pct', runs: 300, check: (r) => r.value === 3 });
    expect(r.failures).toBeGreaterThan(0);
    expect(r.depth).toBe(3);
    // The longest of four random calibration runs, seeded `seed:calibrate:j`.
    const probes = [0, 1, 2, 3].map(
      (j) => run(counter(3, false), { strategy: 'random', seed: `0:calibrate:${j}`, switchInterval: 1 }).steps,
    );
    expect(r.pctLength).toBe(Math.max(...probes));
    const f = r.firstFailure!;
    expect(replay(counter(3, false), f.schedule).value).not.toBe(3);
  });

  it('uses a pctLength given in the options', () => {
    const r = explore(counter(2, false), { strategy: 'pct', runs: 10, depth: 2, pctLength: 5 });
    expect(r.pctLength).toBe(5);
    expect(r.depth).toBe(2);
  });
});

describe('explore failure paths', () => {
  it('counts a check that throws as a failure and says what it threw', () => {
    const r = explore(counter(2, false), {
      runs: 50,
      check: (res) => {
        if (res.value !== 2) throw new Error(`expected 2, got ${String(res.value)}`);
      },
    });
    expect(r.failures).toBeGreaterThan(0);
    expect(r.firstFailure!.reason).toMatch(/^check threw Error: expected 2, got 1$/);
  });

  it('fails a run that hits maxSteps and shrinks it to a busy-wait that never lets the setter run', () => {
    function* spin() {
      const done = shared(false, 'done');
      const waiter = new Thread({
        target: function* () {
          while (!(yield* done.read()));
        },
      });
      const setter = new Thread({
        target: function* () {
          for (let i = 0; i < 20; i++) yield;
          yield* done.write(true);
        },
      });
      waiter.start();
      setter.start();
      yield* waiter.join();
      yield* setter.join();
    }
    const r = explore(spin, { runs: 100, maxSteps: 60 });
    expect(r.failures).toBeGreaterThan(0);
    const f = r.firstFailure!;
    expect(f.result.status).toBe('step-limit');
    expect(f.reason).toMatch(/^step limit: /);
    expect(f.preemptions).toBe(0);
    expect(replay(spin, f.shrunk).status).toBe('step-limit');
    expect(Object.keys(r.outcomes)).toContain('ok');
  });

  it('refuses a main that is not a generator function', () => {
    expect(() => explore((() => 1) as never, {})).toThrow(TypeError);
  });

  it.each([
    [{ strategy: 'round-robin' }, /option 'strategy' of explore must be 'random', 'pct' or 'exhaustive'.*use run\(\)/],
    [{ runs: 0 }, /option 'runs' must be an integer >= 1, got 0/],
    [{ runs: Infinity }, /option 'runs' must be an integer >= 1, got Infinity/],
    [{ preemptionBound: 2 }, /'preemptionBound' applies to strategy 'exhaustive' only/],
    [{ strategy: 'exhaustive', preemptionBound: -1 }, /'preemptionBound' must be an integer >= 0/],
    [{ strategy: 'exhaustive', gil: false }, /with gil: false use 'random' or 'pct'/],
    [{ shard: '0/2' }, /option 'shard' must be 'i\/n' with 1 <= i <= n/],
    [{ shard: '3/2' }, /option 'shard' must be 'i\/n'/],
    [{ strategy: 'exhaustive', shard: '2/1' }, /option 'shard' must be 'i\/n'/],
    [{ stopOnFailure: 'yes' }, /option 'stopOnFailure' must be true or false/],
    [{ bogus: 1 }, /unknown option 'bogus'/],
    [{ switchInterval: 0 }, /option 'switchInterval' must be an integer >= 1/],
  ])('refuses %j with a ValueError naming the option', (options, message) => {
    expect(() => explore(counter(2, false), options as never)).toThrow(ValueError);
    expect(() => explore(counter(2, false), options as never)).toThrow(message);
  });

  it('refuses a check that is not a function with a TypeError', () => {
    expect(() => explore(counter(2, false), { check: 'value === 2' as never })).toThrow(TypeError);
  });
});

describe('explore with race detection', () => {
  it('hands each run its races, so a check can fail on them', () => {
    const r = explore(counter(2, false), {
      runs: 20,
      detectRaces: true,
      check: (res) => (res.races ?? []).length === 0,
    });
    expect(r.failures).toBe(20);
    expect(r.firstFailure!.result.races![0]!.variable).toBe('count');
  });
});
