import { runProgram, type ProgramRun, type RaceDetector } from '../../scheduler/run-program';
import type { ResolvedRunOptions } from '../../scheduler/options';
import { type DeferredItem, DfsStrategy, itemPrefix, Pruned } from './dfs-strategy';
import { searchDpor } from './dpor';
import { Probed, type TreeShard } from './tree-shard';

/** What an exhaustive search is given. */
export interface ExhaustiveSearch<T> {
  main: () => Generator<unknown, T, never>;
  options: ResolvedRunOptions;
  /** The most preemptions (or delays, with `delays`) a schedule may have (Infinity: none). */
  bound: number;
  /** Bound delays (Emmi, Qadeer, Rakamarić, POPL 2011) instead of preemptions. */
  delays?: boolean;
  /** The most complete runs to make. */
  budget: number;
  /** The most runs to start, abandoned ones included (default: no limit beyond `budget`). */
  starts?: number;
  /**
   * False for a search that only looks for some failing schedule (shrinking): states are then
   * remembered without the thread that ran last, which prunes more but may skip schedules
   * within the bound whose cost depends on it, so such a search never claims completeness.
   */
  exact?: boolean;
  reduction: boolean;
  /**
   * Unbounded searches with reduction use dynamic partial-order reduction (`dpor.ts`), which
   * throws `DporUnsupported` for a program that waits on timers; false keeps the state cache.
   */
  dpor?: boolean;
  /** A fresh race detector per run, when races are detected. */
  detector: (() => RaceDetector) | null;
  /**
   * Sees every complete run in order; returning true stops the search. For a shard, `order`
   * places the run among the slices of the tree (a merge keeps the first failure of the lowest).
   */
  onRun: (execution: ProgramRun<T>, order: readonly number[]) => boolean;
  /** Only this shard's slices of the tree (see `TreeShard`); null or absent: the whole tree. */
  shard?: TreeShard | null;
}

/** How an exhaustive search ended. */
export interface ExhaustiveEnd {
  runs: number;
  /** Runs abandoned on reaching a state explored before. */
  pruned: number;
  /** Every schedule within the bound was run (up to equivalence). */
  complete: boolean;
  /** The budget ran out first. */
  exhausted: boolean;
  /** `onRun` asked to stop. */
  stopped: boolean;
  /** No run had a decision between two or more threads. */
  noChoices: boolean;
  /**
   * Every schedule with at most this many preemptions was run (up to equivalence): the levels
   * the search finished. -1 when it did not finish even the schedules without preemption; null
   * for the partial-order-reducing search (`dpor.ts`), which does not go level by level.
   */
  coveredPreemptions: number | null;
}

/**
 * Depth-first search over schedules by iterative context bounding (Musuvathi & Qadeer, PLDI
 * 2007): first every schedule without a preemption, then every schedule with one, and so on up
 * to `bound`, so the first failure found has the fewest preemptions. Within a level, a search
 * item is a prefix of choices; its runs continue without preemption and are backtracked
 * depth-first; a choice that would cost one preemption more than the level allows becomes an
 * item of the next level (the paper's work queue, so no schedule is run twice).
 *
 * Partial-order reduction: the runs keep a fingerprint of their happens-before graph, and a run
 * that reaches a state already reached with no more preemptions spent is abandoned — its
 * continuations were all explored from there. Since states reached by reordering independent
 * transitions coincide, such reorderings are not explored twice. Caching by state rather than
 * sleep sets keeps this sound together with the preemption bound (the fewest preemptions are
 * kept with each state, and the thread that ran last, whose cost of continuing differs).
 */
export function searchExhaustive<T>(search: ExhaustiveSearch<T>): ExhaustiveEnd {
  const exact = search.exact ?? true;
  if (search.dpor === true && search.reduction && exact && search.bound === Infinity && search.delays !== true)
    return searchDpor(search);
  const bounded = exact && search.bound !== Infinity;
  const strategy = new DfsStrategy(search.reduction, bounded, search.delays ?? false, search.shard ?? null);
  const tally: Tally = { runs: 0, pruned: 0, exhausted: false, stopped: false, anyChoice: false };
  let items: DeferredItem[] = [{ path: [], length: 0, alt: -1 }];
  let level = 0;
  while (items.length > 0) {
    const deferred: DeferredItem[] = [];
    if (!searchLevel(search, strategy, items, level, deferred, tally)) break;
    items = deferred;
    level++;
  }
  const { runs, pruned, exhausted, stopped } = tally;
  const complete = exact && !exhausted && !stopped;
  const coveredPreemptions = complete ? search.bound : level - 1;
  return { runs, pruned, complete, exhausted, stopped, noChoices: !tally.anyChoice, coveredPreemptions };
}

/** What a level-by-level search has done so far. */
interface Tally {
  runs: number;
  pruned: number;
  exhausted: boolean;
  stopped: boolean;
  anyChoice: boolean;
}

/**
 * Runs a level's items in order; false when the search must end. A loop, not `items.every` with
 * an arrow: a closure on the stack during a run would be kept by the Error of any thread that
 * fails in it, and through the strategy it captures, the whole run (tests/scheduler/run-retention).
 */
function searchLevel<T>(
  search: ExhaustiveSearch<T>,
  strategy: DfsStrategy,
  items: readonly DeferredItem[],
  level: number,
  deferred: DeferredItem[],
  tally: Tally,
): boolean {
  for (const item of items) if (!searchItem(search, strategy, item, level, deferred, tally)) return false;
  return true;
}

/** Runs one item of a level depth-first; false when the search must end (budget, or asked to stop). */
function searchItem<T>(
  search: ExhaustiveSearch<T>,
  strategy: DfsStrategy,
  item: DeferredItem,
  level: number,
  deferred: DeferredItem[],
  tally: Tally,
): boolean {
  const start = item.alt < 0 ? [] : itemPrefix(item);
  strategy.beginItem(start);
  const defer = (next: DeferredItem): void => {
    deferred.push(next);
  };
  for (let prefix: number[] | null = start; prefix !== null; prefix = strategy.backtrack(level, search.bound, defer)) {
    if (tally.runs >= search.budget || tally.runs + tally.pruned >= (search.starts ?? Infinity)) {
      tally.exhausted = true;
      return false;
    }
    strategy.reset(prefix);
    const execution = runOnce(search, strategy, tally);
    if (strategy.branches > 0) tally.anyChoice = true;
    if (execution === null || !strategy.ownsRun()) continue;
    tally.runs++;
    // A shard's first failure is placed among the slices by its level, then its choices above the cut.
    if (search.onRun(execution, [level, ...strategy.order])) {
      tally.stopped = true;
      return false;
    }
  }
  return true;
}

/** One run; null when it was abandoned (a state seen before, counted in `pruned`) or left to another shard. */
function runOnce<T>(search: ExhaustiveSearch<T>, strategy: DfsStrategy, tally: Tally): ProgramRun<T> | null {
  try {
    return runProgram(search.main, search.options, { strategy, detector: search.detector?.(), lazySchedule: true });
  } catch (e) {
    if (e instanceof Probed) return null;
    if (!(e instanceof Pruned)) throw e;
    tally.pruned++;
    return null;
  }
}
