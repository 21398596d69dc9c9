import { execute, type Execution, type RaceDetector, type RunResult } from '../scheduler/execute';
import type { ResolvedRunOptions } from '../scheduler/options';
import { ChoiceStrategy } from '../scheduler/strategies/choice';
import { type Anchor, AnchoredChooser } from './anchored-chooser';
import { searchExhaustive } from './exhaustive';
import type { ExploreCheck } from './explore-options';
import { judge } from './outcome';

/** Complete runs the bounded search of step 2 may make... */
export const SHRINK_SEARCH_RUNS = 200;
/** ...and runs it may start, counting those abandoned on reaching a state seen before. */
export const SHRINK_SEARCH_STARTS = 2000;
/** Runs the edits of steps 3a to 3c may make... */
export const SHRINK_EDIT_RUNS = 400;
/** ...and the scan of step 3d. */
export const SHRINK_SCAN_RUNS = 600;

/** A failing run to shrink: the options and seed it ran with, and what failing the same way means. */
export interface ShrinkInput<T> {
  main: () => Generator<unknown, T, never>;
  options: ResolvedRunOptions;
  check: ExploreCheck<T> | null;
  signature: string;
  /** The failing run's choices (thread ids at decisions with two or more candidates). */
  choices: readonly number[];
  result: RunResult<T>;
  reduction: boolean;
  detector: (() => RaceDetector) | null;
}

/** The best schedule found: its run (with a `'choices'` token) and its anchors. */
export interface Shrunk<T> {
  result: RunResult<T>;
  anchors: Anchor[];
}

/**
 * Shrinks a failing schedule, deterministically and with bounded work (at most
 * 2 + SHRINK_SEARCH_STARTS + SHRINK_EDIT_RUNS + SHRINK_SCAN_RUNS runs, whatever the program):
 *
 * 1. Replay the failing run's choices, recording each choice that differs from the
 *    non-preemptive default as an anchor ("when thread P has run S steps, switch to Q").
 *    Anchors tie choices to program points, not to positions in the run, so after an edit the
 *    remaining ones keep their meaning.
 * 2. Search for the fewest preemptions: an exhaustive search by iterative context bounding
 *    (0 preemptions, then 1, ...) below the failing run's count, keeping runs that fail the same
 *    way (same status and kind of failure). The first level with such a run is the minimum; that
 *    level is finished (within the budget) to keep its shortest run. This settles small programs.
 * 3. Edit the anchors of the best run so far; an edit is kept when the run still fails the same
 *    way with no more preemptions, and no more steps at equal preemptions:
 *    a. keep the choices made where a thread blocked or ended, and only one preemption, trying
 *       each in turn (a lost update or a deadlock often needs just one, placed right);
 *    b. delta debugging: drop chunks of anchors, halves first, down to single anchors;
 *    c. step a again on what is left;
 *    d. if more than one preemption is left: keep only the choices made at blocks and ends,
 *       and try a single preemption at each point of that run where the running thread could
 *       go on, to each other runnable thread (a lost update needs one switch at the right step,
 *       which the failing run may not have had).
 *    A kept run is re-described by the anchors it really used, a strict subset of those it was
 *    given, so every pass ends.
 *
 * Returns null only when the recorded choices do not reproduce the failure (a PCT run whose
 * change points fell inside a GIL slice) and the search found nothing either.
 */
export function shrink<T>(input: ShrinkInput<T>): Shrunk<T> | null {
  const fails = (r: RunResult<T>): boolean => judge(r, input.check)?.signature === input.signature;
  const runWith = (chooser: AnchoredChooser): RunResult<T> =>
    execute(input.main, input.options, { strategy: new ChoiceStrategy(chooser), detector: input.detector?.(), lazySchedule: true }).result;
  const better = (r: RunResult<T>, than: RunResult<T>): boolean =>
    r.preemptions < than.preemptions || (r.preemptions === than.preemptions && r.steps <= than.steps);

  // 1. The failing run as anchors.
  let best: Shrunk<T> | null = null;
  const first = new AnchoredChooser({ choices: input.choices });
  const replayed = runWith(first);
  if (fails(replayed)) best = { result: replayed, anchors: first.made };

  // 2. Fewest preemptions by bounded exhaustive search.
  const ceiling = (best?.result ?? input.result).preemptions;
  if (ceiling > 0) {
    let found: Execution<T> | null = null;
    searchExhaustive<T>({
      main: input.main,
      options: input.options,
      bound: ceiling - 1,
      budget: SHRINK_SEARCH_RUNS,
      starts: SHRINK_SEARCH_STARTS,
      exact: false,
      reduction: input.reduction,
      detector: input.detector,
      onRun: (e) => {
        if (found !== null && e.result.preemptions > found.result.preemptions) return true;
        if (fails(e.result) && (found === null || e.result.steps < found.result.steps)) found = e;
        return false;
      },
    });
    if (found !== null) {
      const chooser = new AnchoredChooser({ choices: (found as Execution<T>).choices! });
      const again = runWith(chooser);
      if (fails(again)) best = { result: again, anchors: chooser.made };
    }
  }
  if (best === null) return null;

  // 3. Edits of the anchors, each kept when the run still fails the same way and is no worse.
  let edits = 0;
  let current: Shrunk<T> = best;
  const attempt = (anchors: Anchor[]): boolean => {
    const chooser = new AnchoredChooser({ anchors });
    const r = runWith(chooser);
    if (!fails(r) || !better(r, current.result)) return false;
    current = { result: r, anchors: chooser.made };
    return true;
  };
  const edit = (anchors: Anchor[]): boolean => edits++ < SHRINK_EDIT_RUNS && attempt(anchors);
  // 3a. One preemption alone, with the choices made where a thread blocked or ended.
  const single = (): void => {
    if (current.result.preemptions <= 1) return;
    const from = current.anchors;
    const keep = from.filter((a) => !a.preempts);
    for (const p of from) if (p.preempts && edit([...keep, p]) && current.result.preemptions <= 1) return;
  };
  single();
  // 3b. Delta debugging: drop chunks of anchors, halving the chunk down to single anchors.
  let chunk = Math.max(1, current.anchors.length >> 1);
  while (current.anchors.length > 0 && edits < SHRINK_EDIT_RUNS) {
    let improved = false;
    for (let i = 0; i < current.anchors.length && edits < SHRINK_EDIT_RUNS; ) {
      const from = current.anchors;
      if (edit(from.slice(0, i).concat(from.slice(i + chunk)))) improved = true;
      else i += chunk;
    }
    if (chunk === 1) {
      if (!improved) break;
    } else {
      chunk >>= 1;
    }
  }
  single();
  // 3d. One preemption anywhere: on the run that keeps only the choices made where threads
  // blocked or ended, try each point where the running thread could go on, and each other thread.
  if (current.result.preemptions > 1) {
    const keep = current.anchors.filter((a) => !a.preempts);
    const base = new AnchoredChooser({ anchors: keep }, true);
    runWith(base);
    let scans = 0;
    scan: for (const point of base.points) {
      for (const other of point.others) {
        if (scans++ >= SHRINK_SCAN_RUNS) break scan;
        if (attempt([...keep, { key: point.key, chosen: other, preempts: true }]) && current.result.preemptions <= 1) break scan;
      }
    }
  }
  return current;
}
