import { runProgram, type ProgramRun, type RaceDetector } from '../../scheduler/run-program';
import type { ResolvedRunOptions } from '../../scheduler/options';
import { type DeferredItem, DfsStrategy, itemPrefix, Pruned } from './dfs-strategy';
import { searchDpor } from './dpor';

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
  /** Sees every complete run in order; returning true stops the search. */
  onRun: (execution: ProgramRun<T>) => boolean;
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
   * the search finished. -1 when it did not finish even the schedules without preemption.
   */
  coveredPreemptions: number;
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
  const { main, options, bound, budget } = search;
  const exact = search.exact ?? true;
  if (search.dpor === true && search.reduction && exact && bound === Infinity && search.delays !== true)
    return searchDpor(search);
  const strategy = new DfsStrategy(search.reduction, exact && bound !== Infinity, search.delays ?? false);
  let runs = 0;
  let pruned = 0;
  let exhausted = false;
  let stopped = false;
  let anyChoice = false;
  let items: DeferredItem[] = [{ path: [], length: 0, alt: -1 }];
  let level = 0;
  outer: while (items.length > 0) {
    const deferred: DeferredItem[] = [];
    const defer = (item: DeferredItem): void => {
      deferred.push(item);
    };
    for (const item of items) {
      const start = item.alt < 0 ? [] : itemPrefix(item);
      strategy.beginItem(start);
      let prefix: number[] | null = start;
      while (prefix !== null) {
        if (runs >= budget || runs + pruned >= (search.starts ?? Infinity)) {
          exhausted = true;
          break outer;
        }
        strategy.reset(prefix);
        let execution: ProgramRun<T> | null = null;
        try {
          execution = runProgram(main, options, { strategy, detector: search.detector?.(), lazySchedule: true });
        } catch (e) {
          if (!(e instanceof Pruned)) throw e;
          pruned++;
        }
        if (strategy.branches > 0) anyChoice = true;
        if (execution !== null) {
          runs++;
          if (search.onRun(execution)) {
            stopped = true;
            break outer;
          }
        }
        prefix = strategy.backtrack(level, bound, defer);
      }
    }
    items = deferred;
    level++;
  }
  const complete = exact && !exhausted && !stopped;
  const coveredPreemptions = complete ? bound : level - 1;
  return { runs, pruned, complete, exhausted, stopped, noChoices: !anyChoice, coveredPreemptions };
}
