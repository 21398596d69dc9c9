import { randint, random, run, ValueError, type RunOptions } from 'interleave-threads';

function draws(options: RunOptions = {}, n = 5): number[] {
  return run(function* () {
    yield;
    return Array.from({ length: n }, () => random());
  }, options).value as number[];
}

describe('random and randint', () => {
  it('random() gives floats in [0, 1), the same for the same seed', () => {
    const a = draws({ seed: 11 }, 200);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(a).size).toBe(200);
    expect(draws({ seed: 11 }, 200)).toEqual(a);
  });

  it('different seeds give different numbers; the default seed is 0', () => {
    expect(draws({ seed: 1 })).not.toEqual(draws({ seed: 2 }));
    expect(draws()).toEqual(draws({ seed: 0 }));
    expect(draws({ seed: 'a' })).not.toEqual(draws({ seed: 'b' }));
  });

  it('randint(a, b) includes both ends', () => {
    const r = run(
      function* () {
        yield;
        const seen = new Set<number>();
        for (let i = 0; i < 500; i++) seen.add(randint(1, 6));
        return [...seen].sort();
      },
      { seed: 3 },
    );
    expect(r.value).toEqual([1, 2, 3, 4, 5, 6]);
    expect(
      run(function* () {
        yield;
        return [randint(4, 4), randint(-2, -2)];
      }).value,
    ).toEqual([4, -2]);
  });

  it('randint raises ValueError for non-integers and an empty range', () => {
    const r = run(function* () {
      yield;
      const out: string[] = [];
      for (const [a, b] of [
        [1.5, 3],
        [1, NaN],
        [5, 4],
      ] as [number, number][]) {
        try {
          randint(a, b);
          out.push('no error');
        } catch (e) {
          out.push(`${e instanceof ValueError} ${String(e)}`);
        }
      }
      return out;
    });
    expect(r.value).toEqual([
      'true ValueError: randint needs two integers, got 1.5 and 3',
      'true ValueError: randint needs two integers, got 1 and NaN',
      'true ValueError: empty range for randint(5, 4)',
    ]);
  });
});
