import type { ThreadRecord } from './thread-record';

/** A thread that gave up its turn, and the threads that must be picked before it may run again. */
interface Parked {
  thread: ThreadRecord;
  before: ThreadRecord[];
}

/**
 * Fair yields (`sleep(0)`), after CHESS's fair scheduler (Musuvathi and Qadeer, PLDI 2008): a
 * thread that yields is held out of the strategy until every thread runnable at that moment has
 * been picked once (or ended), so a spin-wait cannot be chosen again and again while the thread
 * it waits for starves. Being held is a block, not a preemption, and no strategy sees the held
 * thread as a candidate, so exhaustive search does not branch on it either.
 *
 * Invariant: every thread in some `before` list is in the strategy (runnable, not yet picked):
 * a thread must be picked to block, end or yield itself, and a pick removes it from every list.
 * So when the strategy is empty, nothing is held.
 */
export class YieldTurns {
  readonly #parked: Parked[] = [];
  readonly #release: (t: ThreadRecord) => void;

  /** `release` makes a held thread runnable again (the runtime's wake). */
  constructor(release: (t: ThreadRecord) => void) {
    this.#release = release;
  }

  get size(): number {
    return this.#parked.length;
  }

  /** Holds `t` (already blocked) until each thread of `before` has been picked. */
  park(t: ThreadRecord, before: ThreadRecord[]): void {
    this.#parked.push({ thread: t, before });
  }

  /** `next` was picked: threads whose last awaited thread it was are released. */
  picked(next: ThreadRecord): void {
    const parked = this.#parked;
    for (let i = 0; i < parked.length; ) {
      const p = parked[i]!;
      const at = p.before.indexOf(next);
      if (at >= 0) p.before.splice(at, 1);
      if (p.before.length === 0) {
        parked.splice(i, 1);
        this.#release(p.thread);
      } else i++;
    }
  }

  /** Releases the longest-held thread (a safety net: by the invariant, none is held when nothing runs). */
  releaseOne(): boolean {
    const p = this.#parked.shift();
    if (p === undefined) return false;
    this.#release(p.thread);
    return true;
  }
}
