import { divergence } from './divergence';
import { assertDporPath } from './search-invariants';
import { gateOf, isClosed, isGate, wouldBlock } from '../../_internal/would-block';
import { activeRuntime } from '../../scheduler/context';
import type { Runtime } from '../../scheduler/runtime';
import { ReadySet } from '../../scheduler/strategies/ready-set';
import type { Strategy } from '../../scheduler/strategies/strategy';
import { BLOCKED, type ThreadRecord } from '../../scheduler/thread-record';
import { Pruned } from './dfs-strategy';
import { Probed, type TreeShard } from './tree-shard';

/**
 * A thread's next event as a sleep set remembers it. Object ids below `stable` name the same
 * objects in every run with this prefix; ids from `stable` on were given out later and may not.
 */
export interface SleepEntry {
  tid: number;
  foot: readonly number[];
  global: boolean;
  stable: number;
}

/**
 * One event of the current path (a thread's transition between two decisions) and its decision.
 * Invariants (`assertDporPath`): `tid` is enabled, in `backtrack`, not asleep and not `done`;
 * `backtrack` holds only enabled threads, `done` each thread once, `enabled` and `blocked` are
 * disjoint; `edge` is an earlier event; in this run's events every object id (in `foot`, `gate`,
 * `objects`) has been given out.
 */
export interface DporNode {
  /** The thread that runs here. */
  tid: number;
  /** Threads that could run here: runnable, and not about to wait without a timeout. */
  enabled: number[];
  /** Runnable threads left out because their untimed wait would block here. */
  blocked: number[];
  /** What the event touched: object id * 2, plus 1 for a write. */
  foot: number[];
  /** The event depends on every other (time, thread lists, pending timers). */
  global: boolean;
  /** The event that made `tid` runnable (its start or its wake-up) just before this one, or -1. */
  edge: number;
  /** For an untimed wait that could be foreseen, the id of what ends it (lock, joined thread), else -1. */
  gate: number;
  /** Ids of gates this event opened while they were closed at its start (a release, a thread's end). */
  opens: number[];
  /** Objects known before this event (their ids are stable across runs sharing this prefix). */
  objects: number;
  /** Threads to run here (source set); the first is the one first run. */
  backtrack: number[];
  /** Threads whose runs from here are done, with their events. */
  done: SleepEntry[];
  /** The sleep set on reaching this node. */
  sleep: SleepEntry[];
  /** Branching nodes (two or more enabled threads) on the path up to this one, this one included. */
  rank: number;
}

/** Thrown out of a run whose program waits on timers: the search falls back to the state cache. */
export class DporUnsupported {
  /** Runs the partial-order-reducing search had started, this one included. */
  started = 0;
}

/**
 * The strategy of the partial-order-reducing search (see `dpor.ts`): it replays the path's first
 * choices, then extends the path with new nodes, choosing a thread outside the sleep set; it
 * records what each event touched. Objects are numbered in the order a run first touches them,
 * which is the same in every run sharing the prefix up to that touch.
 */
export class DporStrategy implements Strategy {
  readonly #ready = new ReadySet();
  readonly #nodes: DporNode[];
  readonly #ids = new Map<object, number>();
  readonly #output = {};
  #replay = 0;
  #sleep: SleepEntry[] = [];
  #rt: Runtime | null = null;
  #running: ThreadRecord | null = null;
  #event = -1;
  /** Events recorded so far in this run. */
  #count = 0;
  #terminal = false;
  #edges: number[] = [];
  #pending: (object | null)[] = [];
  #outputLength = 0;
  #threadCount = 0;
  #lastObject: object | null = null;
  #branches = 0;
  readonly #shard: TreeShard | null;
  /** For a shard: the event after which this run stops (the first of another shard's slice), or -1. */
  #cut = -1;
  /** For a shard: the run has passed the cut of the tree (it runs in one slice). */
  #entered = false;
  /** For a shard: where the last run's slice comes in the walk (the merge's first failure is the lowest). */
  #order: number[] = [];
  /** For a shard: slices met so far, in the order of the walk (every shard walks the same). */
  #slices = 0;
  readonly touch: (on: object, what: string) => void;
  /** At a deadlock, the waits of the threads that could no longer run, as events (not run). */
  readonly pending: DporNode[] = [];

  constructor(nodes: DporNode[], shard: TreeShard | null = null) {
    this.#nodes = nodes;
    this.#shard = shard;
    this.touch = (on, what) => this.#touch(on, what);
  }

  /** Prepares a run replaying the first `replay` nodes; `sleep` is the sleep set at the last of them. */
  reset(replay: number, sleep: SleepEntry[]): void {
    this.#replay = replay;
    this.#sleep = sleep;
    this.#ready.items.length = 0;
    this.#ids.clear();
    this.#rt = null;
    this.#running = null;
    this.#event = -1;
    this.#count = 0;
    this.#terminal = false;
    this.#edges = [];
    this.#pending = [];
    this.#outputLength = 0;
    this.#threadCount = 0;
    this.#branches = 0;
    this.pending.length = 0;
    this.#cut = -1;
    this.#entered = false;
  }

  /** The last complete run belongs to this shard (a run that never reached the cut is a slice of its own). */
  ownsRun(): boolean {
    if (this.#shard === null || this.#entered) return true;
    this.#order = [this.#slices++];
    return this.#shard.ownsNth(this.#order[0]!);
  }

  /** For a shard: where the last run lies in the order of the slices (for the merge's first failure). */
  get order(): readonly number[] {
    return this.#order;
  }

  /** Decisions with two or more runnable threads in the last run. */
  get branches(): number {
    return this.#branches;
  }

  get size(): number {
    return this.#ready.size;
  }

  add(t: ThreadRecord): void {
    // Started or woken by the running event: its next event happens after this one.
    if (this.#event >= 0 && t !== this.#running) this.#edges[t.id] = this.#event;
    this.#ready.add(t);
  }

  removed(t: ThreadRecord): void {
    if (this.#event < 0) return;
    this.#nodes[this.#event]!.opens.push(this.#id(t));
    this.#use(t, true);
  }

  timerFirst(): boolean {
    throw new DporUnsupported();
  }

  /** Ends the run's last event (after the run). */
  finish(): void {
    if (this.#running !== null && this.#event >= 0) this.#end(this.#running, this.#rt!);
    this.#running = null;
  }

  pick(prev: ThreadRecord | null): ThreadRecord {
    const rt = (this.#rt ??= activeRuntime()!);
    if (this.#running !== null && this.#event >= 0) this.#end(this.#running, rt);
    if (this.#cut >= 0 && this.#count > this.#cut) throw new Probed();
    const ready = this.#ready.items;
    if (ready.length > 1) this.#branches++;
    const enabled: number[] = [];
    const blocked: number[] = [];
    if (!this.#terminal) for (const t of ready) (wouldBlock(t) ? blocked : enabled).push(t.id);
    if (enabled.length === 0) return this.#forced();
    const depth = this.#count++;
    let node: DporNode;
    if (depth < this.#replay) {
      node = this.#nodes[depth]!;
      if (!enabled.includes(node.tid)) throw divergence('event', depth, node.tid, ready);
    } else {
      const awake = enabled.filter((id) => !this.#sleep.some((e) => e.tid === id));
      if (awake.length === 0) throw new Pruned();
      const tid = defaultChoice(awake, prev);
      const rank = (depth > 0 ? this.#nodes[depth - 1]!.rank : 0) + (enabled.length >= 2 ? 1 : 0);
      node = {
        tid,
        enabled,
        blocked,
        foot: [],
        global: false,
        edge: -1,
        gate: -1,
        opens: [],
        objects: 0,
        backtrack: [tid],
        done: [],
        sleep: this.#sleep.slice(),
        rank,
      };
      // Above a shard's cut every enabled thread is tried: no shard learns another's races.
      if (this.#top(node)) for (const id of enabled) if (id !== tid) node.backtrack.push(id);
      this.#nodes[depth] = node;
    }
    if (this.#shard !== null && this.#top(node) && node.rank === this.#shard.depth) this.#atCut(depth);
    return this.#begin(node, depth);
  }

  /** Node `d` is the last branching node above the cut: the slice this run enters is decided here. */
  #atCut(d: number): void {
    this.#entered = true;
    // A replayed cut above the node being changed: this run stays in the slice it was in, this shard's.
    if (d < this.#replay - 1) return;
    this.#order = [this.#slices++];
    if (!this.#shard!.ownsNth(this.#order[0]!)) this.#cut = d;
  }

  #top(node: DporNode): boolean {
    return this.#shard !== null && node.enabled.length >= 2 && node.rank <= this.#shard.depth;
  }

  /** Every runnable thread would wait: the run can only end (deadlock); these steps are not events. */
  #forced(): ThreadRecord {
    const items = this.#ready.items;
    if (!this.#terminal) for (const t of items) this.pending.push(this.#pendingNode(t));
    this.#terminal = true;
    this.#event = -1;
    let next = items[0]!;
    for (const t of items) if (t.id < next.id) next = t;
    this.#ready.remove(next);
    this.#running = next;
    return next;
  }

  /** The event `t` would make if its wait did not block (the race analysis reverses it too). */
  #pendingNode(thread: ThreadRecord): DporNode {
    const gate = gateOf(thread);
    const foot: number[] = [];
    if (thread.opOn !== null) foot.push(this.#id(thread.opOn) * 2 + (thread.opName === 'join' ? 0 : 1));
    if (gate !== null && gate !== thread.opOn) foot.push(this.#id(gate) * 2);
    const gateId = gate === null ? -1 : this.#id(gate);
    const edge = this.#edges[thread.id] ?? -1;
    return {
      tid: thread.id,
      enabled: [],
      blocked: [],
      foot,
      global: false,
      edge,
      gate: gateId,
      opens: [],
      objects: 0,
      backtrack: [],
      done: [],
      sleep: [],
      rank: 0,
    };
  }

  #begin(node: DporNode, depth: number): ThreadRecord {
    const thread = this.#ready.items.find((x) => x.id === node.tid)!;
    this.#ready.remove(thread);
    this.#running = thread;
    this.#event = depth;
    node.foot = [];
    node.opens = [];
    node.global = false;
    node.edge = this.#edges[thread.id] ?? -1;
    this.#edges[thread.id] = -1;
    node.objects = this.#ids.size;
    const gate = gateOf(thread);
    node.gate = gate === null ? -1 : this.#id(gate);
    // The op announced last takes effect now; resuming after a wait depends on whoever ended it.
    if (thread.opOn !== null) this.#use(thread.opOn, thread.opName !== 'read' && thread.opName !== 'join');
    const waited = this.#pending[thread.id];
    if (waited !== undefined && waited !== null) {
      this.#use(waited, true);
      this.#pending[thread.id] = null;
    }
    this.#lastObject = null;
    return thread;
  }

  /** Throws an `InvariantError` naming the first broken invariant of the path or the ready set (tests only). */
  assertInvariants(): void {
    this.#ready.assertInvariants();
    assertDporPath(this.#nodes, this.#count, this.#ids.size);
  }

  #touch(on: object, what: string): void {
    if (this.#event < 0) return;
    if (what === 'time' || what === 'threads') this.#nodes[this.#event]!.global = true;
    else {
      // The first release in this event of a gate closed until now (a held lock, a semaphore at 0) opens it.
      if (what === 'release' && isGate(on) && !this.#touched(on) && isClosed(on))
        this.#nodes[this.#event]!.opens.push(this.#id(on));
      this.#use(on, what !== 'read' && what !== 'join');
    }
  }

  #touched(on: object): boolean {
    const id = this.#ids.get(on);
    return id !== undefined && this.#nodes[this.#event]!.foot.some((c) => c >> 1 === id);
  }

  #id(on: object): number {
    let id = this.#ids.get(on);
    if (id === undefined) this.#ids.set(on, (id = this.#ids.size));
    return id;
  }

  #use(on: object, write: boolean): void {
    this.#nodes[this.#event]!.foot.push(this.#id(on) * 2 + (write ? 1 : 0));
    this.#lastObject = on;
  }

  #end(thread: ThreadRecord, rt: Runtime): void {
    const node = this.#nodes[this.#event]!;
    // The op announced at the very end only checked its arguments: its effect is the next event's.
    if (thread.opOn !== null && this.#lastObject === thread.opOn) node.foot.pop();
    if (rt.output.length !== this.#outputLength) {
      this.#outputLength = rt.output.length;
      this.#use(this.#output, true);
    }
    if (rt.threads.length !== this.#threadCount) {
      this.#threadCount = rt.threads.length;
      this.#use(rt, true);
    }
    if (rt.timers.size !== 0 && rt.timers.peekLive() !== undefined) throw new DporUnsupported();
    if (thread.state === BLOCKED) this.#pending[thread.id] = thread.waitingOn;
    if (this.#event >= this.#replay - 1) this.#sleep = this.#sleep.filter((e) => !wakes(e, node));
    this.#event = -1;
  }
}

/** The event `node` depends on the sleeping thread's next event, so that thread wakes up. */
export function wakes(e: SleepEntry, node: DporNode): boolean {
  if (e.tid === node.tid || e.global || node.global) return true;
  for (const c of e.foot) {
    const id = c >> 1;
    for (const x of node.foot) {
      const other = x >> 1;
      // An id given out after the sleeper's event was recorded may name another object now.
      if (id >= e.stable ? other >= e.stable : other === id && ((c | x) & 1) === 1) return true;
    }
  }
  return false;
}

function defaultChoice(awake: readonly number[], prev: ThreadRecord | null): number {
  if (prev !== null && awake.includes(prev.id)) return prev.id;
  let lowest = Infinity;
  let after = Infinity;
  for (const id of awake) {
    if (id < lowest) lowest = id;
    if (prev !== null && id > prev.id && id < after) after = id;
  }
  return after !== Infinity ? after : lowest;
}
