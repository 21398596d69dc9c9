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
  for (let index = 0; index < depth; index++) {
    const node = pool[index]!;
    const at = `node ${index}`;
    invariant(node.ids.length >= 2, what, () => `${at} has ${node.ids.length} candidate(s): only decisions are nodes`);
    for (let i = 1; i < node.ids.length; i++)
      invariant(
        node.ids[i - 1]! < node.ids[i]!,
        what,
        () => `${at}'s candidates are not ascending: ${node.ids.join(', ')}`,
      );
    invariant(node.ids.includes(node.def), what, () => `${at}'s default ${node.def} is not a candidate`);
    invariant(node.ids.includes(node.cur), what, () => `${at}'s choice ${node.cur} is not a candidate`);
    invariant(
      node.next >= 0 && node.next <= node.ids.length,
      what,
      () => `${at}'s next index ${node.next} is out of range`,
    );
    invariant(
      !node.prevRunnable || node.def === node.prevId,
      what,
      () => `${at} defaults to ${node.def}, not to ${node.prevId}, which could go on`,
    );
    invariant(
      index === 0 || pool[index - 1]!.pre <= node.pre,
      what,
      () => `${at} spent ${node.pre}, less than the node above it`,
    );
    // The deepest node may already hold its next alternative, which the next run replays.
    if (index < depth - 1 && base + index < prefix.length)
      invariant(
        prefix[base + index] === node.cur,
        what,
        () => `${at} chose ${node.cur} but the path replays ${prefix[base + index]}`,
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
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index]!;
    const at = `node ${index} (thread #${node.tid})`;
    invariant(node.enabled.includes(node.tid), what, () => `${at} runs a thread that was not enabled there`);
    invariant(
      !node.blocked.some((id) => node.enabled.includes(id)),
      what,
      () => `${at} lists a thread both enabled and blocked`,
    );
    invariant(node.backtrack.includes(node.tid), what, () => `${at} runs a thread outside its backtrack set`);
    invariant(
      node.backtrack.every((id) => node.enabled.includes(id)),
      what,
      () => `${at} would backtrack to a thread not enabled`,
    );
    invariant(!node.sleep.some((e) => e.tid === node.tid), what, () => `${at} runs a thread in its sleep set`);
    const done = node.done.map((e) => e.tid);
    invariant(new Set(done).size === done.length, what, () => `${at} has a thread done twice: ${done.join(', ')}`);
    invariant(!done.includes(node.tid), what, () => `${at} runs again a thread whose runs from here are done`);
    invariant(
      node.edge >= -1 && node.edge < index,
      what,
      () => `${at} was enabled by event ${node.edge}, not one before it`,
    );
    if (index >= recorded) continue;
    invariant(
      node.objects <= objects,
      what,
      () => `${at} knew ${node.objects} objects, more than the run has numbered`,
    );
    invariant(node.gate < objects, what, () => `${at} waits on object ${node.gate}, which is not numbered`);
    for (const code of node.foot)
      invariant(
        code >= 0 && code >> 1 < objects,
        what,
        () => `${at} touched object ${code >> 1}, which is not numbered`,
      );
  }
}
