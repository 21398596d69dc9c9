/**
 * Small non-cryptographic hashing for fingerprints of schedules and of happens-before graphs.
 * Two independent 32-bit lanes (MurmurHash3's mixing steps with different seeds) give a 53-bit
 * number: among a million schedules the chance of any collision is below one in ten thousand.
 */

/** Mixes the 32-bit value `v` into the running 32-bit hash `h`. */
export function mix(h: number, v: number): number {
  let k = Math.imul(v | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let x = h ^ k;
  x = (x << 13) | (x >>> 19);
  return (Math.imul(x, 5) + 0xe6546b64) | 0;
}

/** Final avalanche, so that nearby inputs give unrelated outputs. */
export function finish(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

export const SEED_A = 0x9747b28c;
export const SEED_B = 0x3c6ef372;

/** Joins two lanes into one safe integer (21 + 32 bits). */
export function join(a: number, b: number): number {
  return (finish(a) & 0x1fffff) * 0x100000000 + finish(b);
}

/** The fingerprint of a choice list (with its length, so prefixes differ from the whole). */
export function fingerprintChoices(choices: readonly number[]): number {
  let a = SEED_A ^ choices.length;
  let b = SEED_B;
  for (let i = 0; i < choices.length; i++) {
    a = mix(a, choices[i]!);
    b = mix(b, choices[i]! ^ 0x5bd1e995);
  }
  return join(a, b);
}
