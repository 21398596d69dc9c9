import { invariant } from '../../scheduler/invariant';
import type { DfsNode } from './dfs-strategy';
import type { DporNode } from './dpor-strategy';

/** The depth-first search's stack as `DfsStrategy` holds it. */
export interface DfsStack {
  /** The node pool; the stack is its first `depth` nodes. */
  readonly pool: readonly DfsNode[];
  readonly depth: number;
  /** The choices the current (or next) run replays; the item's own prefix is the first `base`. */
  readonly prefix: readonly number[];
  readonly base: number;
}

/**
 * The invariants of the depth-first search tree (stated on `DfsNode`'s fields): throws an
 * `InvariantError` naming the first that does not hold. Tests only.
 */
export function assertDfsStack(stack: DfsStack): void {
  const { pool, depth, prefix, base } = stack;
  const what = 'exhaustive search stack';
  invariant(depth >= 0 && depth <= pool.length, what, () => `depth ${depth} outside the pool of ${pool.length}`);
  invariant(
    base <= prefix.length,
    what,
    () => `the item's prefix (${base}) is longer than the path (${prefix.length})`,
  );
  for (let d = 0; d < depth; d++) {
    const n = pool[d]!;
    const at = `node ${d}`;
    invariant(n.ids.length >= 2, what, () => `${at} has ${n.ids.length} candidate(s): only decisions are nodes`);
    for (let i = 1; i < n.ids.length; i++)
      invariant(n.ids[i - 1]! < n.ids[i]!, what, () => `${at}'s candidates are not ascending: ${n.ids.join(', ')}`);
    invariant(n.ids.includes(n.def), what, () => `${at}'s default ${n.def} is not a candidate`);
    invariant(n.ids.includes(n.cur), what, () => `${at}'s choice ${n.cur} is not a candidate`);
    invariant(n.next >= 0 && n.next <= n.ids.length, what, () => `${at}'s next index ${n.next} is out of range`);
    invariant(
      !n.prevRunnable || n.def === n.prevId,
      what,
      () => `${at} defaults to ${n.def}, not to ${n.prevId}, which could go on`,
    );
    invariant(d === 0 || pool[d - 1]!.pre <= n.pre, what, () => `${at} spent ${n.pre}, less than the node above it`);
    // The deepest node may already hold its next alternative, which the next run replays.
    if (d < depth - 1 && base + d < prefix.length)
      invariant(
        prefix[base + d] === n.cur,
        what,
        () => `${at} chose ${n.cur} but the path replays ${prefix[base + d]}`,
      );
  }
}

/**
 * The invariants of the partial-order-reducing search's path (stated on `DporNode`'s fields):
 * throws an `InvariantError` naming the first that does not hold. `recorded` is how many nodes
 * this run has recorded (their footprints are this run's); `objects` how many objects it has
 * numbered. Tests only.
 */
export function assertDporPath(nodes: readonly DporNode[], recorded: number, objects: number): void {
  const what = 'DPOR path';
  invariant(recorded <= nodes.length, what, () => `${recorded} events recorded on a path of ${nodes.length}`);
  for (let d = 0; d < nodes.length; d++) {
    const n = nodes[d]!;
    const at = `node ${d} (thread #${n.tid})`;
    invariant(n.enabled.includes(n.tid), what, () => `${at} runs a thread that was not enabled there`);
    invariant(
      !n.blocked.some((id) => n.enabled.includes(id)),
      what,
      () => `${at} lists a thread both enabled and blocked`,
    );
    invariant(n.backtrack.includes(n.tid), what, () => `${at} runs a thread outside its backtrack set`);
    invariant(
      n.backtrack.every((id) => n.enabled.includes(id)),
      what,
      () => `${at} would backtrack to a thread not enabled`,
    );
    invariant(!n.sleep.some((e) => e.tid === n.tid), what, () => `${at} runs a thread in its sleep set`);
    const done = n.done.map((e) => e.tid);
    invariant(new Set(done).size === done.length, what, () => `${at} has a thread done twice: ${done.join(', ')}`);
    invariant(!done.includes(n.tid), what, () => `${at} runs again a thread whose runs from here are done`);
    invariant(n.edge >= -1 && n.edge < d, what, () => `${at} was enabled by event ${n.edge}, not one before it`);
    if (d >= recorded) continue;
    invariant(n.objects <= objects, what, () => `${at} knew ${n.objects} objects, more than the run has numbered`);
    invariant(n.gate < objects, what, () => `${at} waits on object ${n.gate}, which is not numbered`);
    for (const code of n.foot)
      invariant(
        code >= 0 && code >> 1 < objects,
        what,
        () => `${at} touched object ${code >> 1}, which is not numbered`,
      );
  }
}
