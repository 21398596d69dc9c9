import type { Rng } from './strategies/strategy';

/*
 * Baagøe's Alea generator, seeded from a string exactly as the `seedrandom` package's `alea`
 * seeds it, so every seed gives the same numbers it always gave (tests check it against the
 * package). Written here because making a seedrandom generator is slow (it attaches properties
 * to a fresh function, which V8 handles slowly), and exploration makes one per run.
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
  return fromState(s0, s1, s2);
}

/** Alea's recurrence (multiply-with-carry, lag 3) from three state words in [0, 1). */
function fromState(s0: number, s1: number, s2: number): Rng {
  const state = new AleaState(s0, s1, s2);
  return () => state.next();
}

/**
 * The state in object fields, not in variables of a closure: V8 stores a number held in a
 * closure's variable as a new heap object each time it changes, and a field of an object that
 * always holds numbers in place.
 */
class AleaState {
  c = 1;

  constructor(
    public s0: number,
    public s1: number,
    public s2: number,
  ) {}

  next(): number {
    const t = 2091639 * this.s0 + this.c * TWO_POW_MINUS_32;
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    return (this.s2 = t - this.c);
  }
}

/**
 * Alea's generator with its three state words taken from a quick hash of `seed` (three 32-bit
 * multiply-xorshift lanes) instead of three Mash passes, which do several times the work per
 * character. The random and PCT strategies seed one per run, and exploration makes thousands
 * of short runs: Mash seeding was the largest single cost of a run of a small program.
 */
export function quickAlea(seed: string, salt = ''): Rng {
  // Hashing `seed` then `salt` equals hashing `seed + salt`, without making that string: a
  // concatenation of 13 or more characters is a rope, and reading its characters flattens it.
  const h = new Lanes(seed.length + salt.length);
  h.mix(seed);
  h.mix(salt);
  return fromState(
    avalanche(h.a) * TWO_POW_MINUS_32,
    avalanche(h.b ^ h.a) * TWO_POW_MINUS_32,
    avalanche(h.c ^ h.b) * TWO_POW_MINUS_32,
  );
}

/** Three 32-bit multiply-xorshift lanes over characters. */
class Lanes {
  a: number;
  b = 0x85ebca6b | 0;
  c = 0xc2b2ae35 | 0;

  constructor(length: number) {
    this.a = 0x9e3779b9 ^ length;
  }

  mix(text: string): void {
    let a = this.a;
    let b = this.b;
    let c = this.c;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      a = Math.imul(a ^ ch, 0x5bd1e995);
      a ^= a >>> 15;
      b = Math.imul(b ^ ch, 0x27d4eb2f);
      b ^= b >>> 13;
      c = Math.imul(c ^ ch, 0x165667b1);
      c ^= c >>> 16;
    }
    this.a = a;
    this.b = b;
    this.c = c;
  }
}

/** Spreads every input bit over the output (the finalizer of MurmurHash3's 32-bit hash). */
function avalanche(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
