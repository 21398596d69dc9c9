import type { Runtime } from '../../scheduler/runtime';
import { BLOCKED, type ThreadRecord } from '../../scheduler/thread-record';
import { finish, mix, SEED_A, SEED_B } from './hash';

/** What one transition did to one object: counts, so a trailing op prelude can be taken back. */
interface Cell {
  /** Hash (two lanes) of the last event that wrote the object. */
  wa: number;
  wb: number;
  /** Sum of the hashes of the events that read it since that write (order does not matter). */
  ra: number;
  rb: number;
  /** The event that last listed the cell in its footprint, and its reads and writes there. */
  mark: number;
  reads: number;
  writes: number;
}

/**
 * A fingerprint of the happens-before graph of the run so far (its Mazurkiewicz trace), kept
 * up to date one transition at a time. Two schedules that differ only in the order of
 * independent transitions have the same graph, hence the same fingerprint, and (for a program
 * whose threads share state only through visible operations) the same state.
 *
 * Each transition (a thread's run between two scheduling decisions) is an event. Its hash
 * mixes its thread, that thread's previous event, and for every object it used the last event
 * that wrote the object (a write also waits for the reads since): exactly the events it is
 * ordered after. Reads of a `shared` cell commute with each other; every other use of a
 * primitive counts as a write. Creating, starting or ending a thread, reading the clock or the
 * random generator, unnamed primitive names, and any step while a timeout is pending are
 * global events, ordered with everything. The fingerprint is the sum of each thread's latest
 * event hash, which covers the whole graph (every event is some thread's past).
 *
 * After CHESS's state caching with happens-before graph fingerprints (Musuvathi et al., OSDI 2008).
 */
export class TraceState {
  readonly #cells = new Map<object, Cell>();
  readonly #output = {};
  readonly #global: Cell = newCell();
  #lastA: number[] = [];
  #lastB: number[] = [];
  #pending: (object | null)[] = [];
  #fa = 0;
  #fb = 0;
  #timeA = 0;
  #timeB = 0;
  #event = 0;
  readonly #footprint: Cell[] = [];
  #isGlobal = false;
  #lastCell: Cell | null = null;
  #lastWrite = false;
  #outputLength = 0;
  #threadCount = 0;

  /** Forgets the previous run (objects are per run, so nothing carries over). */
  reset(): void {
    this.#cells.clear();
    Object.assign(this.#global, newCell());
    this.#lastA = [];
    this.#lastB = [];
    this.#pending = [];
    this.#fa = 0;
    this.#fb = 0;
    this.#timeA = 0;
    this.#timeB = 0;
    this.#event = 0;
    this.#outputLength = 0;
    this.#threadCount = 0;
  }

  /** The fingerprint of the state now, first lane, with `salt` (the last thread, when preemptions are counted). */
  keyA(salt: number): number {
    return finish(mix(this.#fa, salt)) | 0;
  }

  /** The second lane of the fingerprint. */
  keyB(salt: number): number {
    return finish(mix(this.#fb, salt ^ 0x5bd1e995)) | 0;
  }

  /** `t` was chosen: its transition begins with the effect of the op it announced last. */
  begin(t: ThreadRecord): void {
    this.#event++;
    this.#footprint.length = 0;
    this.#isGlobal = false;
    if (t.opOn !== null) this.#use(t.opOn, t.opName !== 'read');
    // Resuming after a wait depends on whoever ended the wait (the releaser, the setter...).
    const waited = this.#pending[t.id];
    if (waited !== undefined && waited !== null) {
      this.#use(waited, true);
      this.#pending[t.id] = null;
    }
    this.#lastCell = null;
  }

  /** The running transition used `on`; `what` names the call. */
  touch(on: object, what: string): void {
    if (what === 'time' || what === 'random' || what === 'name' || what === 'threads') {
      this.#isGlobal = true;
      return;
    }
    this.#use(on, what !== 'read' && what !== 'join');
  }

  /** A thread was started in the running transition (its id and name depend on the order). */
  global(): void {
    this.#isGlobal = true;
  }

  /**
   * A decision that is not a thread's step (a timeout fired before or after the next step)
   * still changes the state: it is a global event of its own, chained like a thread's events.
   */
  decided(v: number): void {
    const g = this.#global;
    const oldA = this.#timeA;
    const oldB = this.#timeB;
    const a = mix(mix(mix(SEED_A, -1), oldA), mix(g.wa + g.ra, v));
    const b = mix(mix(mix(SEED_B, -1), oldB), mix(g.wb + g.rb, v));
    record(g, true, a, b);
    this.#fa = (this.#fa + a - oldA) | 0;
    this.#fb = (this.#fb + b - oldB) | 0;
    this.#timeA = a;
    this.#timeB = b;
  }

  /** `t` ended in the running transition: a write its joiners read. */
  ended(t: ThreadRecord): void {
    this.#use(t, true);
  }

  /** `t`'s transition is over: turn its footprint into an event. */
  end(thread: ThreadRecord, rt: Runtime): void {
    // The op announced at the very end only validated its arguments: its effect is the next transition's.
    const last = this.#lastCell;
    if (last !== null && thread.opOn !== null && this.#cells.get(thread.opOn) === last) {
      if (this.#lastWrite) last.writes--;
      else last.reads--;
      if (last.reads + last.writes === 0) this.#footprint.splice(this.#footprint.lastIndexOf(last), 1);
    }
    if (rt.output.length !== this.#outputLength) {
      this.#outputLength = rt.output.length;
      this.#use(this.#output, true);
    }
    if (rt.threads.length !== this.#threadCount) {
      this.#threadCount = rt.threads.length;
      this.#isGlobal = true;
    }
    if (rt.timers.size !== 0 && rt.timers.peekLive() !== undefined) this.#isGlobal = true;
    if (thread.state === BLOCKED) this.#pending[thread.id] = thread.waitingOn;

    const id = thread.id;
    const oldA = this.#lastA[id] ?? 0;
    const oldB = this.#lastB[id] ?? 0;
    let hashA = mix(mix(SEED_A, id), oldA);
    let hashB = mix(mix(SEED_B, id), oldB);
    const fp = this.#footprint;
    for (let i = 0; i < fp.length; i++) {
      const c = fp[i]!;
      const w = c.writes > 0;
      hashA = mix(mix(hashA, w ? 1 : 0), w ? c.wa + c.ra : c.wa);
      hashB = mix(mix(hashB, w ? 1 : 0), w ? c.wb + c.rb : c.wb);
    }
    const global = this.#global;
    const gw = this.#isGlobal;
    hashA = mix(hashA, gw ? global.wa + global.ra : global.wa);
    hashB = mix(hashB, gw ? global.wb + global.rb : global.wb);
    for (let i = 0; i < fp.length; i++) record(fp[i]!, fp[i]!.writes > 0, hashA, hashB);
    record(global, gw, hashA, hashB);
    this.#fa = (this.#fa + hashA - oldA) | 0;
    this.#fb = (this.#fb + hashB - oldB) | 0;
    this.#lastA[id] = hashA;
    this.#lastB[id] = hashB;
  }

  #use(on: object, write: boolean): void {
    let c = this.#cells.get(on);
    if (c === undefined) this.#cells.set(on, (c = newCell()));
    if (c.mark !== this.#event) {
      c.mark = this.#event;
      c.reads = 0;
      c.writes = 0;
      this.#footprint.push(c);
    }
    if (write) c.writes++;
    else c.reads++;
    this.#lastCell = c;
    this.#lastWrite = write;
  }
}

function newCell(): Cell {
  return { wa: 0, wb: 0, ra: 0, rb: 0, mark: 0, reads: 0, writes: 0 };
}

function record(c: Cell, write: boolean, a: number, b: number): void {
  if (write) {
    c.wa = a;
    c.wb = b;
    c.ra = 0;
    c.rb = 0;
  } else {
    c.ra = (c.ra + a) | 0;
    c.rb = (c.rb + b) | 0;
  }
}
