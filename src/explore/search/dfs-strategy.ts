import { divergence } from './divergence';
import { assertDfsStack } from './search-invariants';
import { activeRuntime } from '../../scheduler/context';
import type { Runtime } from '../../scheduler/runtime';
import { ReadySet } from '../../scheduler/strategies/ready-set';
import type { Strategy } from '../../scheduler/strategies/strategy';
import { RUNNABLE, type ThreadRecord } from '../../scheduler/thread-record';
import { StateTable } from './state-table';
import { TraceState } from './trace-state';
import { Probed, type TreeShard } from './tree-shard';

/** The most states remembered by one search (12 bytes each, at half load). */
export const CACHE_LIMIT = 1 << 21;

/** Thrown out of a run that reached a state explored before: the run is abandoned. */
export class Pruned {}

/**
 * A decision with two or more candidates, on the depth-first stack (pooled, reused across runs).
 * Invariants (`assertDfsStack`): `ids` has two or more entries, strictly ascending; `def`, `cur`
 * are among them and `0 <= next <= ids.length`; a node whose last thread could go on defaults to
 * it; `pre` never decreases down the stack; and every node but the deepest holds the choice the
 * path replays (the deepest may hold its next alternative, not yet run).
 */
export interface DfsNode {
  /** Candidate thread ids, ascending. */
  ids: number[];
  prevId: number;
  /** The thread that ran last could go on: choosing another one is a preemption. */
  prevRunnable: boolean;
  /** Cost spent before this decision: preemptions, or delays when delay bounding. */
  pre: number;
  /** The first choice made here (no preemption when one is possible). */
  def: number;
  /** The choice on the current path. */
  cur: number;
  /** The next index of `ids` to try. */
  next: number;
}

/**
 * The strategy of exhaustive search: it replays a prefix of choices, then continues without
 * preemptions, pushing a node at every decision with two or more candidates so the search can
 * come back and try the others. With reduction on, it keeps the happens-before fingerprint of
 * the run and abandons the run (throws `Pruned`) on reaching a state already explored with no
 * more preemptions spent. One instance serves a whole search; `reset` prepares each run, and
 * nothing is allocated per decision once the pools have grown.
 */
export class DfsStrategy implements Strategy {
  readonly #ready = new ReadySet();
  readonly #trace: TraceState | null;
  /** State fingerprint -> fewest preemptions it was reached with (null: no reduction). */
  readonly #cache: StateTable | null;
  readonly #bounded: boolean;
  /** Delay bounding: choosing the k-th thread after the default, in cyclic id order, costs k. */
  readonly #delays: boolean;
  readonly #pool: DfsNode[] = [];
  #depth = 0;
  #prefix: readonly number[] = [];
  #base = 0;
  #branch = 0;
  #pre = 0;
  #running: ThreadRecord | null = null;
  #startGen = 0;
  #rt: Runtime | null = null;
  #seen: boolean[] = [];
  readonly #shard: TreeShard | null;
  /** Decisions above a shard's cut (0 unsharded): states are not cached there, choices are kept. */
  readonly #cutDepth: number;
  readonly #top: number[] = [];
  /** Defined only with reduction: the runtime then reports each use of a primitive. */
  readonly touch?: (on: object, what: string) => void;

  constructor(reduction: boolean, bounded: boolean, delays = false, shard: TreeShard | null = null) {
    this.#shard = shard;
    this.#cutDepth = shard?.depth ?? 0;
    this.#bounded = bounded;
    this.#delays = delays;
    this.#trace = reduction ? new TraceState() : null;
    this.#cache = reduction ? new StateTable(CACHE_LIMIT) : null;
    if (this.#trace !== null) {
      const trace = this.#trace;
      this.touch = (on, what) => trace.touch(on, what);
    }
  }

  /** Starts a new item of the search: `prefix` is replayed, the stack below it is empty. */
  beginItem(prefix: readonly number[]): void {
    this.#base = prefix.length;
    this.#depth = 0;
    this.#prefix = prefix;
  }

  /** Prepares a run that replays `prefix` (the item's prefix plus the stack's choices). */
  reset(prefix: readonly number[]): void {
    this.#prefix = prefix;
    this.#ready.items.length = 0;
    this.#branch = 0;
    this.#pre = 0;
    this.#running = null;
    this.#rt = null;
    this.#seen.length = 0;
    this.#top.length = 0;
    this.#trace?.reset();
  }

  /** The last complete run belongs to this shard (a run that never reached the cut is a slice of its own). */
  ownsRun(): boolean {
    return this.#shard === null || this.#top.length === this.#cutDepth || this.#shard.owns(this.#top);
  }

  /** For a shard: the choices above the cut of the last run (where it lies among the slices). */
  get order(): readonly number[] {
    return this.#top;
  }

  /** Keeps a choice above the cut; at the cut, a run that enters another shard's slice stops. */
  #chose(d: number, choice: number): void {
    this.#top[d] = choice;
    if (d === this.#cutDepth - 1 && !this.#shard!.owns(this.#top)) throw new Probed();
  }

  /** Decisions with two or more candidates in the last run. */
  get branches(): number {
    return this.#branch;
  }

  get size(): number {
    return this.#ready.size;
  }

  add(t: ThreadRecord): void {
    if (this.#seen[t.id] !== true) {
      this.#seen[t.id] = true;
      this.#trace?.global();
    }
    this.#ready.add(t);
  }

  removed(t: ThreadRecord): void {
    this.#trace?.ended(t);
  }

  pick(prev: ThreadRecord | null): ThreadRecord {
    const rt = (this.#rt ??= activeRuntime()!);
    if (this.#running !== null) this.#trace?.end(this.#running, rt);
    const ready = this.#ready;
    let next: ThreadRecord;
    if (ready.size === 1) {
      // A forced step still reaches a state that other paths may reach again: remember it too.
      if (this.#cache !== null && this.#branch >= this.#prefix.length && this.#branch >= this.#cutDepth)
        this.#visit(prev);
      next = ready.removeAt(0);
    } else {
      // A thread that blocked in its last step gave up the GIL even if a timeout woke it already.
      const prevRunnable =
        prev !== null && prev.state === RUNNABLE && prev.blockGen === this.#startGen && ready.has(prev);
      const decision = this.#branch++;
      let id: number;
      if (decision < this.#prefix.length) {
        id = this.#prefix[decision]!;
        if (withId(ready.items, id) === undefined) throw divergence('decision', decision, id, ready.items);
        if (this.#delays) this.#pre += delaysTo(ready.items, defaultId(ready.items, prev, prevRunnable), id);
      } else {
        // Above a shard's cut states are not cached: a slice run elsewhere must not prune one run here.
        if (this.#cache !== null && decision >= this.#cutDepth) this.#visit(prev);
        const n = this.#push(prev, prevRunnable);
        id = n.def;
      }
      if (decision < this.#cutDepth) this.#chose(decision, id);
      if (!this.#delays && prevRunnable && id !== prev.id) this.#pre++;
      next = withId(ready.items, id)!;
      ready.remove(next);
    }
    this.#running = next;
    this.#startGen = next.blockGen;
    this.#trace?.begin(next);
    return next;
  }

  /**
   * A timeout falls due at the instant a step could run: a decision between firing it first (0,
   * the default) and letting the step go first (1). Neither is a preemption.
   */
  timerFirst(): boolean {
    const decision = this.#branch++;
    if (decision < this.#prefix.length) {
      const v = this.#prefix[decision]!;
      if (v !== 0 && v !== 1) throw divergence('decision', decision, v, this.#ready.items);
      this.#trace?.decided(v);
      if (decision < this.#cutDepth) this.#chose(decision, v);
      return v === 0;
    }
    this.#trace?.decided(0);
    const node = this.#node();
    node.ids.length = 0;
    node.ids.push(0, 1);
    node.prevId = -1;
    node.prevRunnable = false;
    node.pre = this.#pre;
    node.def = node.cur = 0;
    node.next = 0;
    if (decision < this.#cutDepth) this.#chose(decision, 0);
    return true;
  }

  /** Abandons the run if this state was explored with no more preemptions spent; else records it. */
  #visit(prev: ThreadRecord | null): void {
    const cache = this.#cache!;
    const salt = this.#bounded && prev !== null ? prev.id + 1 : 0;
    const a = this.#trace!.keyA(salt);
    const b = this.#trace!.keyB(salt);
    const seen = cache.get(a, b);
    if (seen >= 0 && seen <= this.#pre) throw new Pruned();
    cache.set(a, b, this.#pre);
  }

  /** A new node for this decision; its default is to go on without preemption. */
  #push(prev: ThreadRecord | null, prevRunnable: boolean): DfsNode {
    const node = this.#node();
    const ids = node.ids;
    ids.length = 0;
    for (const t of this.#ready.items) {
      // Insertion sort: a handful of ids, and no comparator closure.
      let i = ids.length;
      ids.push(t.id);
      while (i > 0 && ids[i - 1]! > t.id) {
        ids[i] = ids[i - 1]!;
        i--;
      }
      ids[i] = t.id;
    }
    node.prevId = prev?.id ?? -1;
    node.prevRunnable = prevRunnable;
    node.pre = this.#pre;
    node.def = node.cur = defaultId(this.#ready.items, prev, prevRunnable);
    node.next = 0;
    return node;
  }

  /** The next node of the stack, from the pool. */
  #node(): DfsNode {
    let n = this.#pool[this.#depth];
    if (n === undefined)
      this.#pool.push((n = { ids: [], prevId: -1, prevRunnable: false, pre: 0, def: 0, cur: 0, next: 0 }));
    this.#depth++;
    return n;
  }

  /**
   * Moves the stack to the next path to run at preemption level `level`; alternatives that
   * need one more preemption (within `bound`) are handed to `defer` for the next level. Returns
   * the prefix to run, or null when this item is done.
   */
  backtrack(level: number, bound: number, defer: (item: DeferredItem) => void): number[] | null {
    // One copy of the current path serves every alternative deferred from it.
    let path: number[] | null = null;
    while (this.#depth > 0) {
      const n = this.#pool[this.#depth - 1]!;
      while (n.next < n.ids.length) {
        const alt = n.ids[n.next++]!;
        if (alt === n.def) continue;
        const cost = this.#delays ? delaysTo(n.ids, n.def, alt) : n.prevRunnable && alt !== n.prevId ? 1 : 0;
        if (n.pre + cost <= level) {
          n.cur = alt;
          return this.#path();
        }
        if (n.pre + cost <= bound) defer({ path: (path ??= this.#path()), length: this.#base + this.#depth - 1, alt });
      }
      this.#depth--;
    }
    return null;
  }

  /** Throws an `InvariantError` naming the first broken invariant of the stack or the ready set (tests only). */
  assertInvariants(): void {
    this.#ready.assertInvariants();
    assertDfsStack({ pool: this.#pool, depth: this.#depth, prefix: this.#prefix, base: this.#base });
  }

  #path(): number[] {
    const p = this.#prefix.slice(0, this.#base);
    for (let i = 0; i < this.#depth; i++) p.push(this.#pool[i]!.cur);
    return p;
  }
}

/** A prefix for a later level: the first `length` choices of `path`, then `alt`. */
export interface DeferredItem {
  path: readonly number[];
  length: number;
  alt: number;
}

/** The choices a deferred item replays. */
export function itemPrefix(item: DeferredItem): number[] {
  const p = item.path.slice(0, item.length);
  p.push(item.alt);
  return p;
}

/**
 * The default choice: the thread that ran last when it can go on (no preemption), otherwise the
 * next one after it in cyclic id order (fair after a block).
 */
function defaultId(items: readonly ThreadRecord[], prev: ThreadRecord | null, prevRunnable: boolean): number {
  if (prevRunnable) return prev!.id;
  let lowest = Infinity;
  let after = Infinity;
  for (let i = 0; i < items.length; i++) {
    const id = items[i]!.id;
    if (id < lowest) lowest = id;
    if (prev !== null && id > prev.id && id < after) after = id;
  }
  return after !== Infinity ? after : lowest;
}

/** Delays of choosing `id` where the default is `def`: the candidates it skips, in cyclic id order from `def`. */
function delaysTo(candidates: readonly (ThreadRecord | number)[], def: number, id: number): number {
  const at = (x: number): number => (x >= def ? x - def : x - def + 0x40000000);
  let skipped = 0;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    if (at(typeof c === 'number' ? c : c.id) < at(id)) skipped++;
  }
  return skipped;
}

function withId(items: readonly ThreadRecord[], id: number): ThreadRecord | undefined {
  for (let i = 0; i < items.length; i++) if (items[i]!.id === id) return items[i];
  return undefined;
}
