import seedrandom from 'seedrandom';
import { alea } from '../../src/scheduler/alea';

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
