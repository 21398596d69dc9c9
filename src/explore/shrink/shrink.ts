import { runProgram, type ProgramRun, type RaceDetector, type RunResult } from '../../scheduler/run-program';
import type { ResolvedRunOptions } from '../../scheduler/options';
import { ChoiceStrategy } from '../../scheduler/strategies/choice';
import { type Anchor, AnchoredChooser } from './anchored-chooser';
import { searchExhaustive } from '../search/exhaustive';
import type { ExploreCheck } from '../explore-options';
import { judge } from '../outcome';

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
 *    c. step a again on what is left, then (3e) the last j preemptions alone, j = 1, 2, ...;
 *    d. if more than one preemption is left: keep only the choices made at blocks and ends,
 *       and try a single preemption at each point of that run where the running thread could
 *       go on, to each other runnable thread (a lost update needs one switch at the right step,
 *       which the failing run may not have had).
 *    A kept run is re-described by the anchors it really used, a strict subset of those it was
 *    given, so every pass ends.
 *
 * When the recorded choices do not reproduce the failure (a PCT run whose change points fell
 * inside a GIL slice) and the search of step 2 found nothing, the scan of step 3d on the run with
 * no preemption looks for a failing run to start from. Returns null only when that fails too.
 */
export function shrink<T>(input: ShrinkInput<T>): Shrunk<T> | null {
  const shrinker = new Shrinker(input);
  // 1. The failing run as anchors.
  let best = shrinker.fromChoices(input.choices);
  // 2. Fewest preemptions by bounded exhaustive search.
  best = shrinker.searchBelow((best?.result ?? input.result).preemptions) ?? best;
  // A run whose choices do not replay (PCT's change points fall inside GIL slices) and that the
  // search did not beat: look for one preemption placed anywhere on the run that has none.
  if (best === null) best = shrinker.scanSingle({ result: shrinker.run([]).result, anchors: [] }, false);
  if (best === null) return null;
  // 3. Edits of the anchors, each kept when the run still fails the same way and is no worse.
  shrinker.current = best;
  shrinker.single();
  shrinker.deltaDebug();
  shrinker.single();
  shrinker.lastPreemptions();
  if (shrinker.current.result.preemptions > 1) shrinker.scanSingle(shrinker.current, true);
  return shrinker.current;
}

/** A run made while shrinking, and the chooser that made it (its anchors). */
interface Attempt<T> {
  result: RunResult<T>;
  chooser: AnchoredChooser;
}

/** The runs and edits of one shrink: `current` is the best failing schedule so far. */
class Shrinker<T> {
  current: Shrunk<T> = null as unknown as Shrunk<T>;
  #edits = 0;
  readonly #input: ShrinkInput<T>;

  constructor(input: ShrinkInput<T>) {
    this.#input = input;
  }

  /** Runs with `chooser` (or with these anchors), round-robin where it says nothing. */
  run(anchors: Anchor[], chooser = new AnchoredChooser({ anchors })): Attempt<T> {
    const i = this.#input;
    const config = { strategy: new ChoiceStrategy(chooser), detector: i.detector?.(), lazySchedule: true };
    return { result: runProgram(i.main, i.options, config).result, chooser };
  }

  fails(r: RunResult<T>): boolean {
    return judge(r, this.#input.check)?.signature === this.#input.signature;
  }

  /** Step 1: the recorded choices replayed and described as anchors; null when they do not fail. */
  fromChoices(choices: readonly number[]): Shrunk<T> | null {
    const { result, chooser } = this.run([], new AnchoredChooser({ choices }));
    return this.fails(result) ? { result, anchors: chooser.made } : null;
  }

  /** Step 2: the shortest failing run at the lowest preemption level below `ceiling` the search reaches. */
  searchBelow(ceiling: number): Shrunk<T> | null {
    if (ceiling <= 0) return null;
    const i = this.#input;
    let found: ProgramRun<T> | null = null;
    searchExhaustive<T>({
      main: i.main,
      options: i.options,
      bound: ceiling - 1,
      budget: SHRINK_SEARCH_RUNS,
      starts: SHRINK_SEARCH_STARTS,
      exact: false,
      reduction: i.reduction,
      detector: i.detector,
      onRun: (e) => {
        if (found !== null && e.result.preemptions > found.result.preemptions) return true;
        if (this.fails(e.result) && (found === null || e.result.steps < found.result.steps)) found = e;
        return false;
      },
    });
    return found === null ? null : this.fromChoices((found as ProgramRun<T>).choices!);
  }

  /** Keeps `anchors` when their run fails the same way and is no worse than `current`. */
  attempt(anchors: Anchor[]): boolean {
    const { result, chooser } = this.run(anchors);
    if (!this.fails(result) || !better(result, this.current.result)) return false;
    this.current = { result, anchors: chooser.made };
    return true;
  }

  #edit(anchors: Anchor[]): boolean {
    return this.#edits++ < SHRINK_EDIT_RUNS && this.attempt(anchors);
  }

  /** Steps 3a/3c: one preemption alone, with the choices made where a thread blocked or ended. */
  single(): void {
    if (this.current.result.preemptions <= 1) return;
    const from = this.current.anchors;
    const keep = from.filter((a) => !a.preempts);
    for (const p of from) if (p.preempts && this.#edit([...keep, p]) && this.current.result.preemptions <= 1) return;
  }

  /** Step 3b: delta debugging, dropping chunks of anchors, halving the chunk down to single anchors. */
  deltaDebug(): void {
    let chunk = Math.max(1, this.current.anchors.length >> 1);
    while (this.current.anchors.length > 0 && this.#edits < SHRINK_EDIT_RUNS) {
      let improved = false;
      for (let i = 0; i < this.current.anchors.length && this.#edits < SHRINK_EDIT_RUNS; ) {
        const from = this.current.anchors;
        if (this.#edit(from.slice(0, i).concat(from.slice(i + chunk)))) improved = true;
        else i += chunk;
      }
      if (chunk === 1 && !improved) break;
      if (chunk > 1) chunk >>= 1;
    }
  }

  /**
   * Step 3e: the last j preemptions alone (j = 1, 2, ...), with the choices made at blocks and
   * ends. A race that needs several threads stopped between a read and a write is often decided
   * by the last preemptions of the run, while the earlier ones only shuffled the threads' work;
   * delta debugging cannot drop those one by one when each drop lets a later anchor fire elsewhere.
   */
  lastPreemptions(): void {
    const from = this.current.anchors;
    const keep = from.filter((a) => !a.preempts);
    const preempting = from.filter((a) => a.preempts);
    for (let j = 1; j < preempting.length && j < this.current.result.preemptions; j++) {
      if (this.#edit([...keep, ...preempting.slice(preempting.length - j)])) {
        this.lastPreemptions();
        return;
      }
    }
  }

  /**
   * Step 3d: on the run of `from` that keeps only the choices made where threads blocked or
   * ended, one preemption at each point where the running thread could go on, to each other
   * thread. `improve`: keep only what beats `current`; otherwise the first failing run is taken.
   */
  scanSingle(from: Shrunk<T>, improve: boolean): Shrunk<T> | null {
    const keep = from.anchors.filter((a) => !a.preempts);
    const { chooser: base } = this.run([], new AnchoredChooser({ anchors: keep }, true));
    let scans = 0;
    for (const point of base.points) {
      for (const other of point.others) {
        if (scans++ >= SHRINK_SCAN_RUNS) return improve ? this.current : null;
        const anchors = [...keep, { key: point.key, chosen: other, preempts: true }];
        if (improve) {
          if (this.attempt(anchors) && this.current.result.preemptions <= 1) return this.current;
        } else {
          const { result, chooser } = this.run(anchors);
          if (this.fails(result)) return { result, anchors: chooser.made };
        }
      }
    }
    return improve ? this.current : null;
  }
}

function better<T>(r: RunResult<T>, than: RunResult<T>): boolean {
  return r.preemptions < than.preemptions || (r.preemptions === than.preemptions && r.steps <= than.steps);
}
