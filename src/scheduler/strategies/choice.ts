import type { ThreadRecord } from '../thread-record';
import { ReadySet } from './ready-set';
import type { Strategy } from './strategy';

/**
 * Picks the thread a `Chooser` names at each decision with two or more candidates. This is the
 * strategy of replay, of exhaustive search and of the interactive `step` command: they all see
 * the candidates in id order, so a recorded choice means the same thing on every machine.
 * Gathering the sorted candidates is O(n) per decision; these modes run small programs.
 */
export interface Chooser {
  /** Returns the id of the thread to run; `candidates` are sorted by id; `prev` ran last. */
  choose(candidates: readonly ThreadRecord[], prev: ThreadRecord | null, decision: number): number;
  /** A timeout of `timer` is due this instant: true fires it before the next step (the default). */
  timerFirst?(timer: ThreadRecord, decision: number): boolean;
}

export class ChoiceStrategy implements Strategy {
  readonly #ready = new ReadySet();
  readonly #chooser: Chooser;
  readonly #scratch: ThreadRecord[] = [];
  #decision = 0;

  constructor(chooser: Chooser) {
    this.#chooser = chooser;
  }

  get size(): number {
    return this.#ready.size;
  }

  add(t: ThreadRecord): void {
    this.#ready.add(t);
  }

  /** Coinciding timeout and step: the chooser decides (a decision of its own, recorded as 0 or 1). */
  timerFirst(timer: ThreadRecord): boolean {
    const decision = this.#decision++;
    return this.#chooser.timerFirst?.(timer, decision) ?? true;
  }

  pick(prev: ThreadRecord | null): ThreadRecord {
    const ready = this.#ready;
    if (ready.size === 1) return ready.removeAt(0);
    const c = this.#scratch;
    c.length = 0;
    for (const t of ready.items) c.push(t);
    c.sort(byId);
    const id = this.#chooser.choose(c, prev, this.#decision++);
    const t = c.find((x) => x.id === id);
    if (t === undefined) throw new Error(`internal: chooser picked thread #${id}, which is not runnable`);
    ready.remove(t);
    return t;
  }

  assertInvariants(): void {
    this.#ready.assertInvariants();
  }
}

function byId(a: ThreadRecord, b: ThreadRecord): number {
  return a.id - b.id;
}

/**
 * The policy after a token's recorded choices run out, and the fallback of every chooser: the
 * next runnable thread after `prev` in cyclic id order, keeping `prev` itself only when it is the
 * sole candidate. Deterministic and fair, so a busy-wait cannot starve the thread it waits for.
 */
export function cyclicNext(candidates: readonly ThreadRecord[], prev: ThreadRecord | null): number {
  const after = prev === null ? -1 : prev.id;
  for (const t of candidates) if (t.id > after) return t.id;
  return candidates[0]!.id;
}
