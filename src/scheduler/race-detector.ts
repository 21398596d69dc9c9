import type { RaceDetector, RaceReport } from './run-program';
import type { ThreadRecord } from './thread-record';

/** A vector clock: component i is how far thread i's history is known. */
type VC = number[];

interface Access {
  thread: ThreadRecord;
  clock: number;
  step: number;
}

interface CellState {
  name: string;
  write: Access | null;
  reads: Map<number, Access>;
}

/**
 * A happens-before race detector over `shared` cells, with vector clocks (after Lamport and
 * FastTrack's per-variable last-write/last-reads). Two accesses to one cell race when at least
 * one writes and neither happens before the other through the primitives' release/acquire
 * edges, thread start and join. It sees a race in the schedule that ran even when that
 * schedule happened to give the right answer.
 */
export class VectorClockDetector implements RaceDetector {
  readonly #clocks: VC[] = [];
  readonly #syncs = new WeakMap<object, VC>();
  readonly #cells = new Map<object, CellState>();
  readonly #reported = new Set<string>();
  readonly #races: RaceReport[] = [];

  #vc(t: ThreadRecord): VC {
    let vc = this.#clocks[t.id];
    if (vc === undefined) {
      vc = [];
      vc[t.id] = 1;
      this.#clocks[t.id] = vc;
    }
    return vc;
  }

  release(t: ThreadRecord, sync: object): void {
    const vc = this.#vc(t);
    const s = this.#syncs.get(sync);
    this.#syncs.set(sync, s === undefined ? vc.slice() : joinInto(s, vc));
    vc[t.id] = (vc[t.id] ?? 0) + 1;
  }

  acquire(t: ThreadRecord, sync: object): void {
    const s = this.#syncs.get(sync);
    if (s !== undefined) joinInto(this.#vc(t), s);
  }

  fork(parent: ThreadRecord, child: ThreadRecord): void {
    const p = this.#vc(parent);
    const c = p.slice();
    c[child.id] = 1;
    this.#clocks[child.id] = c;
    p[parent.id] = (p[parent.id] ?? 0) + 1;
  }

  join(t: ThreadRecord, ended: ThreadRecord): void {
    joinInto(this.#vc(t), this.#vc(ended));
  }

  access(t: ThreadRecord, cell: object, name: string, write: boolean, step: number): void {
    let c = this.#cells.get(cell);
    if (c === undefined) this.#cells.set(cell, (c = { name, write: null, reads: new Map() }));
    const vc = this.#vc(t);
    const me: Access = { thread: t, clock: vc[t.id] ?? 0, step };
    if (c.write !== null && !this.#ordered(c.write, vc, t)) this.#report(c.name, c.write, true, me, write);
    if (write) {
      for (const r of c.reads.values()) if (!this.#ordered(r, vc, t)) this.#report(c.name, r, false, me, true);
      c.write = me;
      c.reads.clear();
    } else {
      c.reads.set(t.id, me);
    }
  }

  reports(): RaceReport[] {
    return this.#races;
  }

  /** `a` happened before the current access of `t` (with clock `vc`). */
  #ordered(a: Access, vc: VC, t: ThreadRecord): boolean {
    return a.thread === t || a.clock <= (vc[a.thread.id] ?? 0);
  }

  #report(variable: string, first: Access, firstWrite: boolean, second: Access, secondWrite: boolean): void {
    const a = first.thread.name;
    const b = second.thread.name;
    const key = `${variable}\0${a}\0${b}\0${firstWrite}\0${secondWrite}`;
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    const verb = (w: boolean): string => (w ? 'wrote' : 'read');
    this.#races.push({
      variable,
      threads: [a, b],
      message:
        `Data race on '${variable}': ${a} ${verb(firstWrite)} it (step ${first.step}) and ${b} ${verb(secondWrite)} it (step ${second.step}), ` +
        `and nothing orders the two accesses (no lock, event, queue or join between them), so another schedule can swap them.`,
    });
  }
}

function joinInto(into: VC, from: VC): VC {
  for (let i = 0; i < from.length; i++) {
    const v = from[i];
    if (v !== undefined && v > (into[i] ?? 0)) into[i] = v;
  }
  return into;
}
