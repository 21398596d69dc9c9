import type { Rng } from './strategies/strategy';

/*
 * Baagøe's Alea generator, seeded from a string exactly as the `seedrandom` package's `alea`
 * seeds it, so every seed gives the same numbers it always gave (tests check it against the
 * package). Written here because making a seedrandom generator costs about 2 µs (it attaches
 * properties to a fresh function, which V8 handles slowly), and exploration makes one per run.
 */

const TWO_POW_32 = 0x100000000;
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/** Mash, the string hash Alea seeds with; `n` carries from one call to the next. */
class Mash {
  n = 0xefc8249d;

  hash(data: string): number {
    let n = this.n;
    for (let i = 0; i < data.length; i++) {
      n += data.charCodeAt(i);
      let h = 0.02519603282416938 * n;
      n = h >>> 0;
      h -= n;
      h *= n;
      n = h >>> 0;
      h -= n;
      n += h * TWO_POW_32;
    }
    this.n = n;
    return (n >>> 0) * TWO_POW_MINUS_32;
  }
}

// Seeding first hashes ' ' three times: the same three numbers and the same Mash state for
// every seed, so they are computed once.
const blank = new Mash();
const S0 = blank.hash(' ');
const S1 = blank.hash(' ');
const S2 = blank.hash(' ');
const AFTER_BLANKS = blank.n;

/** A seeded generator of numbers in [0, 1), the same sequence as `seedrandom.alea(seed)`. */
export function alea(seed: string): Rng {
  const mash = new Mash();
  mash.n = AFTER_BLANKS;
  let s0 = S0 - mash.hash(seed);
  if (s0 < 0) s0 += 1;
  let s1 = S1 - mash.hash(seed);
  if (s1 < 0) s1 += 1;
  let s2 = S2 - mash.hash(seed);
  if (s2 < 0) s2 += 1;
  let c = 1;
  return () => {
    const t = 2091639 * s0 + c * TWO_POW_MINUS_32;
    s0 = s1;
    s1 = s2;
    c = t | 0;
    return (s2 = t - c);
  };
}
