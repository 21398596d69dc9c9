import seedrandom from 'seedrandom';
import { alea, quickAlea } from '../../src/scheduler/alea';

/** The first `n` numbers of a generator. */
function draws(rng: () => number, n: number): number[] {
  return Array.from({ length: n }, () => rng());
}

describe('alea', () => {
  it('draws exactly what seedrandom.alea draws for the same seed', () => {
    const seeds = ['', ' ', '0', '0:schedule', '0:17:schedule', 'abc:program', 'ünïcødé ✓', 'x'.repeat(300)];
    for (let k = 0; k < 200; k++) seeds.push(`${k * 7919}:${k}:schedule`);
    for (const seed of seeds) expect(draws(alea(seed), 50)).toEqual(draws(seedrandom.alea(seed), 50));
  });

  it('gives numbers in [0, 1) and different sequences for different seeds', () => {
    const a = draws(alea('1'), 1000);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(a).size).toBe(1000);
    expect(draws(alea('2'), 10)).not.toEqual(a.slice(0, 10));
  });

  it('keeps no state between generators: the same seed twice gives the same sequence', () => {
    const first = alea('same');
    draws(alea('other'), 100);
    const second = alea('same');
    expect(draws(first, 20)).toEqual(draws(second, 20));
  });
});

describe('quickAlea (the strategies’ per-run generator)', () => {
  it('is deterministic: the same seed gives the same sequence', () => {
    expect(draws(quickAlea('0:17:schedule'), 100)).toEqual(draws(quickAlea('0:17:schedule'), 100));
  });

  it('hashes a seed and a salt as it hashes their concatenation', () => {
    expect(draws(quickAlea('0:17', ':schedule'), 20)).toEqual(draws(quickAlea('0:17:schedule'), 20));
    expect(draws(quickAlea('0:17', ':program'), 20)).not.toEqual(draws(quickAlea('0:17', ':schedule'), 20));
  });

  it('gives unrelated sequences for seeds one character apart', () => {
    const a = draws(quickAlea('0:1:schedule'), 200);
    const b = draws(quickAlea('0:2:schedule'), 200);
    const c = draws(quickAlea('1:1:schedule'), 200);
    expect(a.filter((x, i) => x === b[i])).toHaveLength(0);
    expect(a.filter((x, i) => x === c[i])).toHaveLength(0);
  });

  it('spreads its draws evenly: first draws over 20,000 seeds, and a long sequence, pass a chi-square test', () => {
    // 16 buckets, 15 degrees of freedom: 37.7 is the 0.1% critical value.
    const chiSquare = (xs: number[]): number => {
      const buckets = new Array<number>(16).fill(0);
      for (const x of xs) buckets[Math.floor(x * 16)]!++;
      const expected = xs.length / 16;
      return buckets.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    };
    const firsts = Array.from({ length: 20_000 }, (_, k) => quickAlea(`0:${k}:schedule`)());
    expect(firsts.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(chiSquare(firsts)).toBeLessThan(37.7);
    expect(chiSquare(draws(quickAlea('long'), 20_000))).toBeLessThan(37.7);
    // A coin from the first draw (the random strategy's two-thread choice) is fair across runs.
    const heads = firsts.filter((x) => x < 0.5).length;
    expect(Math.abs(heads - 10_000)).toBeLessThan(400);
  });
});
