import { run, sleep, Thread, time, type RunOptions } from 'interleave-threads';

/** Three workers of six marked steps at switchInterval 1: the order the scheduler chose. */
function order(options: RunOptions): string {
  const seen: string[] = [];
  const r = run(
    function* () {
      const ts = ['A', 'B', 'C'].map(
        (name) =>
          new Thread({
            name,
            target: function* () {
              for (let i = 0; i < 6; i++) {
                seen.push(name);
                yield;
              }
            },
          }),
      );
      for (const t of ts) t.start();
      for (const t of ts) yield* t.join();
    },
    { switchInterval: 1, ...options },
  );
  expect(r.status).toBe('ok');
  return seen.join('');
}

function counts(s: string): Record<string, number> {
  const c: Record<string, number> = {};
  for (const ch of s) c[ch] = (c[ch] ?? 0) + 1;
  return c;
}

describe('random strategy', () => {
  it('gives the same order for the same seed, run after run', () => {
    for (const seed of [0, 1, 'abc'])
      expect(order({ strategy: 'random', seed })).toBe(order({ strategy: 'random', seed }));
  });

  it('gives different orders for different seeds', () => {
    const orders = new Set(Array.from({ length: 10 }, (_, seed) => order({ strategy: 'random', seed })));
    expect(orders.size).toBeGreaterThan(5);
  });

  it('treats a number seed and its string as the same seed', () => {
    expect(order({ strategy: 'random', seed: 42 })).toBe(order({ strategy: 'random', seed: '42' }));
  });

  it('still runs every step of every thread', () => {
    for (let seed = 0; seed < 5; seed++)
      expect(counts(order({ strategy: 'random', seed }))).toEqual({ A: 6, B: 6, C: 6 });
  });
});

describe('pct strategy', () => {
  it('runs every thread to its end, the same way for the same seed', () => {
    for (let seed = 0; seed < 5; seed++) {
      const o = order({ strategy: 'pct', seed });
      expect(counts(o)).toEqual({ A: 6, B: 6, C: 6 });
      expect(order({ strategy: 'pct', seed })).toBe(o);
    }
  });

  it('finds more than one order across seeds', () => {
    const orders = new Set(
      Array.from({ length: 20 }, (_, seed) => order({ strategy: 'pct', seed, depth: 3, pctLength: 20 })),
    );
    expect(orders.size).toBeGreaterThan(1);
  });

  it('runs the highest-priority thread until it ends when there are no change points (depth 1)', () => {
    for (let seed = 0; seed < 5; seed++)
      expect(order({ strategy: 'pct', seed, depth: 1 })).toMatch(/^(A{6}|B{6}|C{6}){3}$/);
  });
});

describe('without the GIL', () => {
  /** Two CPU-bound threads of 1,000 steps each; main joins both. stepTime 1 keeps times exact. */
  function cpuBound(options: RunOptions) {
    return run(
      function* () {
        const body = function* () {
          for (let i = 0; i < 1000; i++) yield;
        };
        const a = new Thread({ target: body });
        const b = new Thread({ target: body });
        a.start();
        b.start();
        yield* a.join();
        yield* b.join();
        return time();
      },
      { stepTime: 1, ...options },
    );
  }

  it('with the GIL two CPU-bound threads take the sum of their steps', () => {
    const r = cpuBound({});
    expect(r.status).toBe('ok');
    // 1,001 steps per worker, main's two join steps, one more to block, its last step.
    expect(r.steps).toBe(2 * 1001 + 4);
    expect(r.time).toBe(r.steps);
    expect(r.value).toBe(r.steps - 1);
  });

  it('with gil: false and cores: 2 the two threads overlap and take about half the time', () => {
    const gil = cpuBound({});
    const r = cpuBound({ gil: false, cores: 2 });
    expect(r.status).toBe('ok');
    expect(r.steps).toBe(gil.steps);
    // Main shares the cores with the workers until it blocks in its second step.
    expect(r.time).toBe(1004);
    expect(r.time / gil.time).toBeCloseTo(0.5, 2);
  });

  it('with gil: false and one core each tick runs one step, as with the GIL', () => {
    const r = cpuBound({ gil: false, cores: 1 });
    expect(r.steps).toBe(cpuBound({}).steps);
    expect(r.time).toBe(r.steps);
  });

  it('with more cores than threads every runnable thread advances each tick', () => {
    const r = cpuBound({ gil: false, cores: 8 });
    // Tick 1: main alone; ticks 2-1002: both workers (main blocks in tick 2); 1003-1004: main's joins.
    expect(r.time).toBe(1004);
    expect(r.value).toBe(1003);
  });

  it('ignores cores while the GIL is on', () => {
    expect(cpuBound({ cores: 4 }).time).toBe(cpuBound({}).time);
  });
});

describe('pct change points', () => {
  // Regression: a change point at the step where the running thread blocked and was woken at
  // once (sleep(0)) must still lower it below the others, without breaking the priority heap.
  it('lower a thread that blocked and was woken within the same step', () => {
    const lastIsMain: boolean[] = [];
    for (let seed = 0; seed < 16; seed++) {
      const seen: string[] = [];
      const r = run(
        function* () {
          const w = (name: string) =>
            new Thread({
              name,
              target: function* () {
                for (let i = 0; i < 3; i++) {
                  seen.push(name);
                  yield;
                }
              },
            });
          const a = w('A');
          const b = w('B');
          a.start();
          b.start();
          yield* sleep(0); // steps 1 and 2: the one change point (depth 2, pctLength 2) is one of them
          seen.push('M');
          yield* a.join();
          yield* b.join();
        },
        { strategy: 'pct', seed, depth: 2, pctLength: 2 },
      );
      expect(r.status).toBe('ok');
      lastIsMain.push(seen.join('').endsWith('M'));
    }
    expect(lastIsMain).toEqual(Array(16).fill(true));
  });
});
