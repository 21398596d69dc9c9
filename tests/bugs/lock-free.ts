// Lock-free code on atomic shared cells: a Treiber stack whose pop suffers the ABA problem, and
// the fix that tags the top with a version. Every access between threads is atomic (load, store,
// compareAndSet), so the race detector has nothing to say about either version.
import { shared, Thread, type MainFunction, type RunResult, type Shared } from 'interleave-threads';

interface Node {
  name: string;
  next: Shared<Node | null>;
}

/** What a thread read of the top: the node, and what its compare-and-set must compare against. */
interface Seen {
  node: Node | null;
  expected: unknown;
}

/** The top of a Treiber stack: the node itself (ABA-prone), or a fresh {node, version} per change. */
function stackTop(first: Node, tagged: boolean) {
  const top = shared<unknown>(tagged ? { node: first, version: 0 } : first, 'top');
  const nodeOf = (v: unknown): Node | null => (tagged ? (v as { node: Node | null }).node : (v as Node | null));
  return {
    *read(): Generator<unknown, Seen, unknown> {
      const v = yield* top.load();
      return { node: nodeOf(v), expected: v };
    },
    *replace(seen: Seen, node: Node | null): Generator<unknown, boolean, unknown> {
      const version = tagged ? (seen.expected as { version: number }).version + 1 : 0;
      return yield* top.compareAndSet(seen.expected, tagged ? { node, version } : node);
    },
    peek: (): Node | null => nodeOf(top.value),
  };
}

/**
 * A stack A, B, C. T1 pops once; T2 pops twice and pushes its first node back (a node reused, as
 * from a free list). If T1 reads A on top and A.next = B, and T2 then runs, T1's compare-and-set
 * still finds A on top and installs B, which T2 holds: B is both in the stack and out of it. With
 * `tagged`, every change makes a new top, so T1's compare-and-set fails and it retries.
 */
export const abaStack = (tagged: boolean): MainFunction<{ held: string[]; stack: string[] }> =>
  function* main() {
    const nodes = ['A', 'B', 'C'].map((name): Node => ({ name, next: shared<Node | null>(null, `${name}.next`) }));
    yield* nodes[0]!.next.write(nodes[1]!);
    yield* nodes[1]!.next.write(nodes[2]!);
    const top = stackTop(nodes[0]!, tagged);
    function* push(n: Node) {
      for (;;) {
        const seen = yield* top.read();
        yield* n.next.store(seen.node);
        if (yield* top.replace(seen, n)) return;
      }
    }
    function* pop(): Generator<unknown, Node | null, unknown> {
      for (;;) {
        const seen = yield* top.read();
        if (seen.node === null) return null;
        const next = yield* seen.node.next.load();
        if (yield* top.replace(seen, next)) return seen.node;
      }
    }
    const held: string[] = [];
    const t1 = new Thread({
      target: function* () {
        const n = yield* pop();
        if (n !== null) held.push(n.name);
      },
    });
    const t2 = new Thread({
      target: function* () {
        const a = yield* pop();
        const b = yield* pop();
        if (b !== null) held.push(b.name);
        if (a !== null) yield* push(a);
      },
    });
    t1.start();
    t2.start();
    yield* t1.join();
    yield* t2.join();
    const stack: string[] = [];
    for (let n = top.peek(); n !== null && stack.length < 5; n = n.next.value) stack.push(n.name);
    return { held: held.sort(), stack };
  };

/** Every node is exactly once either held by a thread or in the stack. */
export const abaStackOk = (r: RunResult): boolean => {
  const v = r.value as { held: string[]; stack: string[] } | undefined;
  return r.status === 'ok' && v !== undefined && [...v.held, ...v.stack].sort().join() === 'A,B,C';
};
