import { type Chooser, cyclicNext } from '../../scheduler/strategies/choice';
import type { ThreadRecord } from '../../scheduler/thread-record';

/**
 * A scheduling choice tied to where it happened in the program rather than to its position in
 * the run: "when thread `prev` has run `steps` steps, switch to `chosen`". Dropping one such
 * choice leaves the others meaning the same thing, which is what shrinking needs.
 */
export interface Anchor {
  key: number;
  chosen: number;
  /** The thread that ran last could have gone on: this choice is a preemption. */
  preempts: boolean;
}

/** `(prev id, prev's steps)` as one number (thread ids stay far below 2^20). */
export function anchorKey(prev: ThreadRecord | null): number {
  return prev === null ? 0 : (prev.id + 1) * 0x100000000 + prev.steps;
}

/**
 * Follows either a positional choice list (to convert a recorded run) or a set of anchors; where
 * neither applies, it continues without preemption: the thread that ran last when it can go on,
 * else the next one in cyclic id order. It records the anchors of every choice that differed
 * from that default, so the run it made can be described (and shrunk) again.
 */
export class AnchoredChooser implements Chooser {
  readonly made: Anchor[] = [];
  /** With `recordPoints`: where the running thread could have been preempted, and by whom. */
  readonly points: { key: number; others: number[] }[] = [];
  readonly #positional: readonly number[] | null;
  readonly #anchors: Map<number, number> | null;
  readonly #recordPoints: boolean;

  constructor(source: { choices: readonly number[] } | { anchors: readonly Anchor[] }, recordPoints = false) {
    this.#recordPoints = recordPoints;
    if ('choices' in source) {
      this.#positional = source.choices;
      this.#anchors = null;
    } else {
      this.#positional = null;
      this.#anchors = new Map(source.anchors.map((a) => [a.key, a.chosen]));
    }
  }

  choose(candidates: readonly ThreadRecord[], prev: ThreadRecord | null, decision: number): number {
    const goesOn = prev !== null && candidates.includes(prev);
    const def = goesOn ? prev.id : cyclicNext(candidates, prev);
    const key = anchorKey(prev);
    const wanted = this.#positional !== null ? this.#positional[decision] : this.#anchors!.get(key);
    const chosen = wanted !== undefined && candidates.some((t) => t.id === wanted) ? wanted : def;
    if (chosen !== def) this.made.push({ key, chosen, preempts: goesOn });
    if (this.#recordPoints && goesOn)
      this.points.push({ key, others: candidates.filter((t) => t !== prev).map((t) => t.id) });
    return chosen;
  }

  /** A timeout due with a step: fire first (the default) unless told to let the step go first (1). */
  timerFirst(timer: ThreadRecord, decision: number): boolean {
    // Keyed by the waiting thread, apart from switch anchors (negative keys).
    const key = -1 - anchorKey(timer);
    const wanted = this.#positional !== null ? this.#positional[decision] : this.#anchors!.get(key);
    if (wanted !== 1) return true;
    this.made.push({ key, chosen: 1, preempts: false });
    return false;
  }
}
