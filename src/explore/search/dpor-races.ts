import type { DporNode } from './dpor-strategy';

/** Two events that must stay in their order: same thread, or a shared object one of them writes. */
export function dependent(a: DporNode, b: DporNode): boolean {
  if (a.tid === b.tid || a.global || b.global) return true;
  for (const x of a.foot) for (const y of b.foot) if (x >> 1 === y >> 1 && ((x | y) & 1) === 1) return true;
  return false;
}

/**
 * The race analysis of source-DPOR (Abdulla, Aronis, Jonsson, Sagonas, POPL 2014, Algorithm 1)
 * over one maximal run: for every race e ⋖ e', some thread that can start the reversed order
 * (an initial of notdep(e).e') joins the backtrack set of the node before e, unless one is there.
 *
 * Happens-before is the transitive order of dependent events plus each thread's start and
 * wake-up. A pair is no race when e' could not have run before e: it was started or woken by e,
 * or e' is an untimed wait that could be foreseen and e is the last write of what it waited for,
 * made while that was closed (the release of the lock held at e's start, the end of the joined
 * thread): the race is then with the events before it (the lock's previous acquire).
 */
export function addRaces(nodes: DporNode[], pending: readonly DporNode[]): void {
  const threads = [...nodes, ...pending].reduce((m, n) => Math.max(m, n.tid + 1), 0);
  const clocks: Int32Array[] = [];
  const last: number[] = [];
  const count = nodes.length;
  for (let j = 0; j < count + pending.length; j++) {
    // The waits a deadlock left pending race with the run's events as if each came next.
    if (j >= count) nodes[count] = pending[j - count]!;
    const k = Math.min(j, count);
    const preds = predecessors(nodes, k, last[nodes[k]!.tid] ?? -1);
    const clock = new Int32Array(threads).fill(-1);
    for (const i of preds) joinInto(clock, clocks[i]!);
    clock[nodes[k]!.tid] = k;
    clocks[k] = clock;
    if (j < count) last[nodes[k]!.tid] = k;
    racesOf(nodes, clocks, preds, k, threads);
  }
  nodes.length = count;
}

/** The events directly before `j` in happens-before, latest first. */
function predecessors(nodes: DporNode[], j: number, sameThread: number): number[] {
  const nj = nodes[j]!;
  const preds: number[] = [];
  for (let i = j - 1; i >= 0; i--) if (i === sameThread || i === nj.edge || dependent(nodes[i]!, nj)) preds.push(i);
  return preds;
}

function racesOf(nodes: DporNode[], clocks: Int32Array[], preds: number[], j: number, threads: number): void {
  const nj = nodes[j]!;
  // What happens before j through a predecessor that e' could have run before.
  const through = new Int32Array(threads).fill(-1);
  const opener = nj.gate < 0 ? -1 : lastWriter(nodes, j, nj.gate * 2 + 1);
  for (const i of preds) {
    const ni = nodes[i]!;
    const enabling = i === nj.edge || i === opener;
    if (ni.tid !== nj.tid && !enabling && through[ni.tid]! < i && dependent(ni, nj)) reverse(nodes, clocks, i, j);
    if (!enabling) joinInto(through, clocks[i]!);
  }
}

/** Adds to the backtrack set of node `i` a thread that starts notdep(i).j, if none is there yet. */
function reverse(nodes: DporNode[], clocks: Int32Array[], i: number, j: number): void {
  const ni = nodes[i]!;
  const initials = initialsOf(nodes, clocks, i, j);
  if (initials.some((q) => ni.backtrack.includes(q))) return;
  const possible = initials.filter((q) => ni.enabled.includes(q));
  if (possible.length === 0) {
    // No thread can start the reversal from here: try them all (Flanagan and Godefroid's fallback).
    for (const q of ni.enabled) if (!ni.backtrack.includes(q)) ni.backtrack.push(q);
    return;
  }
  const awake = possible.filter((q) => !ni.sleep.some((e) => e.tid === q));
  if (awake.length > 0) ni.backtrack.push(awake.includes(nodes[j]!.tid) ? nodes[j]!.tid : awake[0]!);
}

/** Threads whose first event in v = notdep(i).j has no predecessor in v. */
function initialsOf(nodes: DporNode[], clocks: Int32Array[], i: number, j: number): number[] {
  const ti = nodes[i]!.tid;
  const inV: number[] = [];
  const seen = new Set<number>();
  const initials: number[] = [];
  for (let k = i + 1; k <= j; k++) {
    if (k < j && clocks[k]![ti]! >= i) continue;
    const nk = nodes[k]!;
    if (!seen.has(nk.tid)) {
      seen.add(nk.tid);
      if (!inV.includes(nk.edge) && !inV.some((y) => dependent(nodes[y]!, nk))) initials.push(nk.tid);
    }
    inV.push(k);
  }
  return initials;
}

/** The latest event before `j`, of another thread, with the write `code` (what opened j's wait). */
function lastWriter(nodes: DporNode[], j: number, code: number): number {
  for (let i = j - 1; i >= 0; i--) {
    if (nodes[i]!.tid === nodes[j]!.tid || !nodes[i]!.foot.includes(code)) continue;
    return nodes[i]!.opens.includes(code >> 1) ? i : -1;
  }
  return -1;
}

function joinInto(into: Int32Array, from: Int32Array): void {
  for (let t = 0; t < from.length; t++) if (from[t]! > into[t]!) into[t] = from[t]!;
}
