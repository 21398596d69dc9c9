/**
 * Determinism at scale: every demo and every program of the bug suite, under the random and
 * PCT strategies over many seeds, runs twice with identical output, steps, time, trace and
 * token; a sample of the tokens is replayed too. `npm run test:soak` runs 10,000 seeds.
 *
 * Budget: `npm test` gives each program and strategy SEEDS (1,000) seeds, fewer for a program
 * whose runs are long (at most STEP_CAP steps of one run per seed, in total), so the whole suite
 * stays within a few minutes: the GIL demo takes 400,000 steps a run. The test names say how
 * many seeds each program got.
 */
import { replay, run } from 'interleave-threads';
import { fingerprint } from './support/checks';
import { examplePrograms, optionsFor } from './support/programs';
import { SOAK } from './support/soak';

const SEEDS = SOAK ? 10_000 : 1_000;
const STEP_CAP = SOAK ? 10_000_000 : 100_000;
/** Even the longest program gets this many seeds per strategy. */
const MIN_SEEDS = 1;
/** Every REPLAY_EVERY-th seed's token is also replayed. */
const REPLAY_EVERY = 25;

const programs = examplePrograms();

it('finds the demos to run', () => {
  expect(programs.filter((p) => p.name.startsWith('demos/')).length).toBeGreaterThanOrEqual(10);
});

describe.each(programs.map((p) => [p.name, p] as const))('%s', (_name, p) => {
  // Seed 0's first run doubles as the probe that sizes the budget.
  const strategies = (['random', 'pct'] as const).map((strategy) => {
    const probe = run(p.main, optionsFor(p, strategy, 0, { trace: true }));
    const seeds = Math.max(MIN_SEEDS, Math.min(SEEDS, Math.floor(STEP_CAP / Math.max(1, probe.steps))));
    return [strategy, seeds, probe] as const;
  });

  it.each(strategies)(
    'under %s, each of %i seeds gives the same run twice, and replays of its token match',
    (strategy, seeds, probe) => {
      const mismatches: string[] = [];
      const schedules = new Set<string>();
      for (let seed = 0; seed < seeds; seed++) {
        const options = optionsFor(p, strategy, seed, { trace: true });
        const a = seed === 0 ? probe : run(p.main, options);
        const fa = fingerprint(a);
        if (fingerprint(run(p.main, options)) !== fa) mismatches.push(`seed ${seed}: the second run differs`);
        if (seed % REPLAY_EVERY === 0 && fingerprint(replay(p.main, a.schedule, { trace: true })) !== fa)
          mismatches.push(`seed ${seed}: replay of ${a.schedule} differs`);
        schedules.add(a.schedule);
        if (mismatches.length > 5) break;
      }
      expect(mismatches).toEqual([]);
      expect(schedules.size).toBe(seeds);
    },
  );
});
