import { runProgram, type ProgramRun } from '../../scheduler/run-program';
import { Pruned } from './dfs-strategy';
import { addRaces } from './dpor-races';
import { type DporNode, DporStrategy, DporUnsupported, type SleepEntry } from './dpor-strategy';
import { Probed } from './tree-shard';
import type { ExhaustiveEnd, ExhaustiveSearch } from './exhaustive';

/**
 * Exhaustive search with dynamic partial-order reduction: source-DPOR with sleep sets (Abdulla,
 * Aronis, Jonsson, Sagonas, POPL 2014, Algorithm 1), made stateless: each run replays a path's
 * first decisions and extends it depth-first. After every maximal run, each race between two
 * events adds a thread to the node before the first, so that the reversed order is run too; a
 * sleep set keeps a thread whose runs from a node are done from being run again there until an
 * event it depends on happens. A run whose every enabled thread sleeps is abandoned (counted in
 * `pruned`). Every Mazurkiewicz trace of the program (up to the dependence in `dpor-races.ts`)
 * is run at least once. Throws `DporUnsupported` out of a run whose program waits on timers.
 *
 * A shard (`search.shard`) tries every enabled thread at the branching nodes above its cut and
 * runs below the cut only in its own slices; of another shard's slice it runs just the first
 * event (a probe, not counted), which the sleep sets of the later slices need.
 */
export function searchDpor<T>(search: ExhaustiveSearch<T>): ExhaustiveEnd {
  const nodes: DporNode[] = [];
  const strategy = new DporStrategy(nodes, search.shard ?? null);
  let runs = 0;
  let pruned = 0;
  let exhausted = false;
  let stopped = false;
  let anyChoice = false;
  let replay = 0;
  let sleep: SleepEntry[] = [];
  for (;;) {
    if (runs >= search.budget || runs + pruned >= (search.starts ?? Infinity)) {
      exhausted = true;
      break;
    }
    nodes.length = replay;
    strategy.reset(replay, sleep);
    const execution = runOrPrune(search, strategy, runs + pruned + 1);
    if (execution === null) pruned++;
    if (strategy.branches > 0) anyChoice = true;
    if (execution !== null && execution !== PROBE) {
      strategy.finish();
      if (strategy.ownsRun()) {
        runs++;
        addRaces(nodes, strategy.pending);
        if (search.onRun(execution, strategy.order)) {
          stopped = true;
          break;
        }
      }
    }
    const next = backtrack(nodes);
    if (next === null) break;
    replay = next.replay;
    sleep = next.sleep;
  }
  const complete = !exhausted && !stopped;
  return {
    runs,
    pruned,
    complete,
    exhausted,
    stopped,
    noChoices: !anyChoice,
    coveredPreemptions: complete ? search.bound : null,
  };
}

/** A run stopped after the first event of another shard's slice. */
const PROBE = Symbol('probe');

/** One run of the search; null when the strategy abandoned it (every enabled thread asleep). */
function runOrPrune<T>(
  search: ExhaustiveSearch<T>,
  strategy: DporStrategy,
  started: number,
): ProgramRun<T> | null | typeof PROBE {
  try {
    return runProgram(search.main, search.options, { strategy, detector: search.detector?.(), lazySchedule: true });
  } catch (e) {
    if (e instanceof DporUnsupported) e.started = started;
    if (e instanceof Probed) return PROBE;
    if (!(e instanceof Pruned)) throw e;
    return null;
  }
}

/** Moves to the deepest node with a thread still to run: the prefix to replay and its sleep set. */
function backtrack(nodes: DporNode[]): { replay: number; sleep: SleepEntry[] } | null {
  for (let d = nodes.length - 1; d >= 0; d--) {
    const n = nodes[d]!;
    n.done.push({ tid: n.tid, foot: n.foot, global: n.global, stable: n.objects });
    for (const q of n.backtrack) {
      if (n.done.some((e) => e.tid === q) || n.sleep.some((e) => e.tid === q)) continue;
      n.tid = q;
      nodes.length = d + 1;
      return { replay: d + 1, sleep: [...n.sleep, ...n.done] };
    }
    nodes.length = d;
  }
  return null;
}
