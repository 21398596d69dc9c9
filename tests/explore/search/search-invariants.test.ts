/**
 * The exhaustive search's tree (the depth-first stack, DPOR's path) passes its invariant check
 * after real runs, and each corruption of it is caught and named.
 */
import { Lock, Thread, shared } from 'interleave-threads';
import { DfsStrategy, type DfsNode } from '../../../src/explore/search/dfs-strategy';
import { type DporNode, DporStrategy } from '../../../src/explore/search/dpor-strategy';
import { assertDfsStack, assertDporPath } from '../../../src/explore/search/search-invariants';
import { resolveRunOptions } from '../../../src/scheduler/options';
import { runProgram } from '../../../src/scheduler/run-program';
import { brokenInvariant } from '../../support/checked-strategy';

/** Two threads that each lock, bump a shared counter and unlock, twice. */
function* counters() {
  const lock = new Lock({ name: 'L' });
  const count = shared(0, 'count');
  const worker = function* () {
    for (let i = 0; i < 2; i++) {
      yield* lock.acquire();
      yield* count.write((yield* count.read()) + 1);
      lock.release();
    }
  };
  const ts = [0, 1].map((i) => new Thread({ name: `W${i}`, target: worker }));
  for (const t of ts) t.start();
  for (const t of ts) yield* t.join();
  return yield* count.read();
}

const options = resolveRunOptions({ switchInterval: 1 });

describe('the depth-first stack', () => {
  const node = (n: Partial<DfsNode>): DfsNode => ({
    ids: [0, 1],
    prevId: 0,
    prevRunnable: true,
    pre: 0,
    def: 0,
    cur: 0,
    next: 0,
    ...n,
  });
  /** Node 0 replays choice 0; the deepest, node 1, already holds its next alternative (2). */
  const sound = (): { pool: DfsNode[]; depth: number; prefix: number[]; base: number } => ({
    pool: [node({}), node({ ids: [1, 2], prevId: 1, def: 1, cur: 2, next: 2, pre: 1 })],
    depth: 2,
    prefix: [0, 1],
    base: 0,
  });

  it('passes a sound stack', () => {
    expect(() => assertDfsStack(sound())).not.toThrow();
  });

  it.each<[string, (s: ReturnType<typeof sound>) => void, RegExp]>([
    ['unsorted candidates', (s) => (s.pool[0]!.ids = [1, 0]), /node 0's candidates are not ascending: 1, 0/],
    ['a single candidate', (s) => (s.pool[0]!.ids = [0]), /node 0 has 1 candidate\(s\)/],
    ['a choice that is no candidate', (s) => (s.pool[1]!.cur = 5), /node 1's choice 5 is not a candidate/],
    ['a default that is no candidate', (s) => (s.pool[1]!.def = 0), /node 1's default 0 is not a candidate/],
    ['a default that preempts', (s) => (s.pool[0]!.prevId = 1), /node 0 defaults to 0, not to 1, which could go on/],
    ['a next index past the end', (s) => (s.pool[1]!.next = 3), /node 1's next index 3 is out of range/],
    ['a cost that decreases', (s) => (s.pool[0]!.pre = 2), /node 1 spent 1, less than the node above it/],
    ['a path that disagrees', (s) => (s.prefix[0] = 1), /node 0 chose 0 but the path replays 1/],
    ['a depth past the pool', (s) => (s.depth = 3), /depth 3 outside the pool of 2/],
    ['an item prefix past the path', (s) => (s.base = 3), /the item's prefix \(3\) is longer than the path \(2\)/],
  ])('catches %s', (_what, corrupt, message) => {
    const stack = sound();
    corrupt(stack);
    expect(brokenInvariant(() => assertDfsStack(stack))).toMatch(message);
  });

  it('holds in DfsStrategy across runs and backtracking, and catches a replayed choice changed under it', () => {
    const dfs = new DfsStrategy(false, true);
    dfs.beginItem([]);
    let prefix: number[] | null = [];
    let runs = 0;
    let lastPrefix: number[] = [];
    while (prefix !== null && runs < 6) {
      dfs.reset(prefix);
      runProgram(counters, options, { strategy: dfs, lazySchedule: true });
      dfs.assertInvariants();
      runs++;
      lastPrefix = prefix;
      prefix = dfs.backtrack(1, 1, () => {});
      dfs.assertInvariants();
    }
    expect(runs).toBe(6);
    expect(lastPrefix.length).toBeGreaterThan(1);
    lastPrefix[0] = lastPrefix[0] === 0 ? 1 : 0;
    expect(brokenInvariant(() => dfs.assertInvariants())).toMatch(
      /^exhaustive search stack: invariant broken: node 0 chose/,
    );
  });
});

describe("DPOR's path", () => {
  const runOnce = (): { nodes: DporNode[]; dpor: DporStrategy } => {
    const nodes: DporNode[] = [];
    const dpor = new DporStrategy(nodes);
    dpor.reset(0, []);
    runProgram(counters, options, { strategy: dpor, lazySchedule: true });
    dpor.finish();
    return { nodes, dpor };
  };

  it('passes after a run', () => {
    const { nodes, dpor } = runOnce();
    expect(nodes.length).toBeGreaterThan(3);
    expect(() => dpor.assertInvariants()).not.toThrow();
  });

  it.each<[string, (nodes: DporNode[]) => void, RegExp]>([
    [
      'a thread outside the backtrack set',
      (n) => (n[1]!.backtrack = []),
      /node 1 \(thread #\d\) runs a thread outside its backtrack set/,
    ],
    [
      'a backtrack entry not enabled',
      (n) => n[1]!.backtrack.push(42),
      /node 1 .* would backtrack to a thread not enabled/,
    ],
    [
      'a thread run while asleep',
      (n) => n[2]!.sleep.push({ tid: n[2]!.tid, foot: [], global: false, stable: 0 }),
      /node 2 .* runs a thread in its sleep set/,
    ],
    [
      'a thread that was not enabled',
      (n) => (n[0]!.enabled = []),
      /node 0 .* runs a thread that was not enabled there/,
    ],
    [
      'a thread done twice',
      (n) =>
        n[0]!.done.push({ tid: 7, foot: [], global: false, stable: 0 }, { tid: 7, foot: [], global: false, stable: 0 }),
      /node 0 .* has a thread done twice: 7, 7/,
    ],
    ['an edge from a later event', (n) => (n[1]!.edge = 3), /node 1 .* was enabled by event 3, not one before it/],
    [
      'an object never numbered',
      (n) => n[2]!.foot.push(2 * 1000 + 1),
      /node 2 .* touched object 1000, which is not numbered/,
    ],
  ])('catches %s', (_what, corrupt, message) => {
    const { nodes, dpor } = runOnce();
    corrupt(nodes);
    expect(brokenInvariant(() => dpor.assertInvariants())).toMatch(message);
  });

  it('checks the path as a plain array too (what the search hands its strategy)', () => {
    const { nodes } = runOnce();
    expect(brokenInvariant(() => assertDporPath(nodes, nodes.length + 1, 10))).toMatch(/events recorded on a path of/);
  });
});
