import { fingerprintChoices } from './hash';

/**
 * One shard's part of an exhaustive search (`shard: 'i/n'`). The search tree is cut below its
 * first `depth` branching decisions (decisions between two or more threads, or a timer and a
 * step); the choices made there name a slice of the tree. Every shard walks the decisions above
 * the cut the same way, so all shards agree on the slices, and each runs below the cut only in
 * its own slices: the shards cover disjoint parts of the tree whose union is the whole. The
 * partial-order-reducing search deals the slices out in the order its walk meets them
 * (`ownsNth`); the level-by-level search meets a slice again at each level, so a slice is the
 * shard's that the hash of its choices picks (`owns`).
 */
export class TreeShard {
  /** Branching decisions above the cut: enough for about 2n slices when each offers two choices. */
  readonly depth: number;

  constructor(
    readonly index: number,
    readonly count: number,
  ) {
    this.depth = count === 1 ? 0 : Math.ceil(Math.log2(count)) + 1;
  }

  /** Whether the j-th slice met (in the order every shard meets them) is this shard's: dealt in turn. */
  ownsNth(j: number): boolean {
    return j % this.count === this.index - 1;
  }

  /** Whether the slice named by the choices at its branching decisions above the cut is this shard's. */
  owns(choices: readonly number[]): boolean {
    if (this.count === 1) return true;
    return fingerprintChoices(choices) % this.count === this.index - 1;
  }
}

/** Thrown out of a run that has reached another shard's slice: the run is not this shard's to make. */
export class Probed {}

/** The share of `budget` runs that shard `index` of `count` makes (the shares add up to the budget). */
export function shardBudget(budget: number, index: number, count: number): number {
  if (budget === Infinity) return Infinity;
  return Math.floor((budget * index) / count) - Math.floor((budget * (index - 1)) / count);
}

/** Compares two slice orders (lexicographic; a prefix comes first). */
export function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
