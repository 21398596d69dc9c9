/**
 * Property tests of the runtime itself: random small programs (locks, events, conditions,
 * semaphores, queues, barriers, sleeps, shared cells, starts and joins) run under random and
 * PCT schedules, and every run must keep the invariants checked in `support/`. A failure
 * shrinks to a small program and prints it as a Python-like listing.
 */
import fc from 'fast-check';
import { programArb, scheduleArb } from './support/arbitrary';
import {
  checkedRun,
  determinismViolations,
  exploreViolations,
  expectSound,
  searchTreeViolations,
  type TreeSearch,
} from './support/harness';
import { SOAK } from './support/soak';

/** A fixed seed keeps `npm test` reproducible; the soak run explores far more cases. */
const SEED = 0x5eed;
const RUNS = SOAK ? 20_000 : 400;

describe('runtime invariants on random programs', () => {
  it('hold under random and PCT schedules: exclusion, no lost wake-up, FIFO hand-off, time, timeouts, real deadlocks', () => {
    fc.assert(
      fc.property(programArb, scheduleArb, (p, options) => {
        expectSound(p, options, checkedRun(p, options).violations);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('give identical runs for the same seed, and replaying any token reproduces the run byte for byte', () => {
    fc.assert(
      fc.property(programArb, scheduleArb, (p, options) => {
        expectSound(p, options, determinismViolations(p, options));
      }),
      { seed: SEED + 1, numRuns: SOAK ? RUNS / 4 : RUNS / 4 },
    );
  });

  it('make explore reproducible: the same search twice agrees, and its failing and shrunk tokens replay to what it reports', () => {
    fc.assert(
      fc.property(
        programArb,
        fc.constantFrom<'random' | 'pct' | 'exhaustive'>('random', 'pct', 'exhaustive'),
        fc.integer({ min: 0, max: 1_000_000 }),
        (p, strategy, seed) => {
          expectSound(p, { strategy, seed }, exploreViolations(p, { strategy, seed }));
        },
      ),
      { seed: SEED + 3, numRuns: SOAK ? 2_000 : 24 },
    );
  });

  it("keep the exhaustive search's tree sound: DPOR's path and the bounded stack pass assertInvariants() after every run", () => {
    const searches: TreeSearch[] = [
      { dpor: true, bound: Infinity, delays: false },
      { dpor: false, bound: Infinity, delays: false },
      { dpor: false, bound: 1, delays: false },
      { dpor: false, bound: 2, delays: true },
    ];
    fc.assert(
      fc.property(programArb, fc.constantFrom(...searches), (p, search) => {
        expectSound(p, search, searchTreeViolations(p, search));
      }),
      { seed: SEED + 4, numRuns: SOAK ? 2_000 : 40 },
    );
  });

  it('cover every outcome: runs end ok, in real deadlocks, and with timeouts firing', () => {
    // A generator that never produced a deadlock or a timeout would make the checks above vacuous.
    const seen = { ok: 0, deadlock: 0, cycle: 0, timeout: 0 };
    fc.assert(
      fc.property(programArb, scheduleArb, (p, options) => {
        const { result } = checkedRun(p, options);
        if (result.status === 'ok') seen.ok++;
        if (result.status === 'deadlock') seen.deadlock++;
        if (result.deadlock?.cycle != null) seen.cycle++;
        if (result.trace?.some((e) => e.type === 'timer')) seen.timeout++;
      }),
      { seed: SEED + 2, numRuns: 200 },
    );
    expect(seen.ok).toBeGreaterThan(20);
    expect(seen.deadlock).toBeGreaterThan(10);
    expect(seen.cycle).toBeGreaterThan(2);
    expect(seen.timeout).toBeGreaterThan(20);
  });
});
