/**
 * Each engine structure's `assertInvariants()` passes on a sound structure and names the broken
 * invariant on a corrupted one (so the reliability tests that call it can fail), and the
 * checking wrapper runs a program exactly as the strategy it wraps.
 */
import { Lock, Thread, run, sleep } from 'interleave-threads';
import { InvariantError } from '../../src/scheduler/invariant';
import { resolveRunOptions } from '../../src/scheduler/options';
import { runProgram, strategyFor } from '../../src/scheduler/run-program';
import { PctStrategy } from '../../src/scheduler/strategies/pct';
import { ReadySet } from '../../src/scheduler/strategies/ready-set';
import { RoundRobin } from '../../src/scheduler/strategies/round-robin';
import { BLOCKED, DONE, RUNNABLE, type StateCode, ThreadRecord } from '../../src/scheduler/thread-record';
import { assertWaitQueueLinks, WaitQueue } from '../../src/scheduler/wait-queue';
import { brokenInvariant, CheckedStrategy } from '../support/checked-strategy';

function rec(id: number, state: StateCode = RUNNABLE): ThreadRecord {
  const t = new ThreadRecord(id, `T${id}`, false, {});
  t.state = state;
  return t;
}

describe('ReadySet.assertInvariants', () => {
  const filled = (): ReadySet => {
    const s = new ReadySet();
    for (const id of [0, 1, 2]) s.add(rec(id));
    s.remove(s.items[0]!);
    return s;
  };

  it('passes a set built by add and remove', () => {
    expect(() => filled().assertInvariants()).not.toThrow();
  });

  it('catches a member whose readyIndex is not its slot', () => {
    const s = filled();
    s.items[0]!.readyIndex = 1;
    expect(brokenInvariant(() => s.assertInvariants())).toBe(
      'ready set: invariant broken: T2 (#2) is in slot 0 but its readyIndex is 1',
    );
  });

  it('catches a thread in the set twice', () => {
    const s = filled();
    s.items.push(s.items[0]!);
    expect(brokenInvariant(() => s.assertInvariants())).toMatch(/T2 \(#2\) is in slot 2 but its readyIndex is 0/);
  });

  it('catches a member that is not runnable', () => {
    const s = filled();
    s.items[1]!.state = DONE;
    expect(brokenInvariant(() => s.assertInvariants())).toMatch(/T1 \(#1\) is a member but not runnable/);
  });
});

describe('PctStrategy.assertInvariants', () => {
  const seq = (...xs: number[]) => {
    let i = 0;
    return () => xs[i++ % xs.length]!;
  };
  const filled = (): { pct: PctStrategy; ts: ThreadRecord[] } => {
    const pct = new PctStrategy(seq(0.1, 0.9, 0.5, 0.3, 0.7), 3, 100);
    const ts = [0, 1, 2, 3, 4].map((id) => rec(id));
    for (const t of ts) pct.add(t);
    return { pct, ts };
  };

  it('passes a heap built by add and pick, and after a change point', () => {
    const { pct, ts } = filled();
    expect(() => pct.assertInvariants()).not.toThrow();
    const top = pct.pick();
    pct.changePoint(top);
    pct.add(top);
    expect(() => pct.assertInvariants()).not.toThrow();
    expect(ts).toContain(top);
  });

  it('catches a priority changed while the thread is in the heap (the order breaks)', () => {
    const { pct, ts } = filled();
    const lowest = ts.reduce((a, b) => (a.priority < b.priority ? a : b));
    lowest.priority = 1000;
    expect(brokenInvariant(() => pct.assertInvariants())).toMatch(
      new RegExp(
        `^PCT heap: invariant broken: T${lowest.id} \\(#${lowest.id}\\) \\(priority 1000\\) ranks above its parent`,
      ),
    );
  });

  it('catches a thread added twice', () => {
    const { pct, ts } = filled();
    pct.add(ts[0]!);
    expect(brokenInvariant(() => pct.assertInvariants())).toMatch(/T0 \(#0\) appears twice/);
  });

  it('catches a member without a priority, and one that is not runnable', () => {
    const { pct, ts } = filled();
    ts[3]!.state = BLOCKED;
    expect(brokenInvariant(() => pct.assertInvariants())).toMatch(/T3 \(#3\) is in the heap but not runnable/);
    ts[3]!.state = RUNNABLE;
    ts[2]!.priority = 0;
    expect(brokenInvariant(() => pct.assertInvariants())).toMatch(/T2 \(#2\) is in the heap without a priority/);
  });
});

describe('RoundRobin.assertInvariants', () => {
  it('passes a ring that wrapped and grew', () => {
    const rr = new RoundRobin();
    const ts = Array.from({ length: 40 }, (_, id) => rec(id));
    for (const t of ts.slice(0, 10)) rr.add(t);
    for (let i = 0; i < 8; i++) rr.add(rr.pick());
    for (const t of ts.slice(10)) rr.add(t);
    expect(() => rr.assertInvariants()).not.toThrow();
  });

  it('catches a queued thread that is no longer runnable, and one queued twice', () => {
    const rr = new RoundRobin();
    const [a, b] = [rec(0), rec(1)];
    rr.add(a);
    rr.add(b);
    b.state = DONE;
    expect(brokenInvariant(() => rr.assertInvariants())).toMatch(
      /round-robin ring: invariant broken: T1 \(#1\) is queued but not runnable/,
    );
    b.state = RUNNABLE;
    rr.add(a);
    expect(brokenInvariant(() => rr.assertInvariants())).toMatch(/T0 \(#0\) is queued twice/);
  });
});

describe('WaitQueue.assertInvariants and assertWaitQueueLinks', () => {
  const filled = (): { q: WaitQueue; ts: ThreadRecord[] } => {
    const q = new WaitQueue();
    const ts = [0, 1, 2, 3].map((id) => rec(id, BLOCKED));
    for (const t of ts.slice(1)) q.push(t);
    q.unshift(ts[0]!);
    q.remove(ts[2]!);
    return { q, ts };
  };

  it('passes a queue built by push, unshift and remove, and links every waiter', () => {
    const { q, ts } = filled();
    expect(() => q.assertInvariants()).not.toThrow();
    expect(() => assertWaitQueueLinks(ts)).not.toThrow();
  });

  it('catches a broken back link', () => {
    const { q, ts } = filled();
    ts[3]!.waitPrev = ts[0]!;
    expect(brokenInvariant(() => q.assertInvariants())).toBe(
      "wait queue: invariant broken: T3 (#3)'s waitPrev does not point back to the record before it",
    );
  });

  it('catches a wrong size, a cycle, and a dangling tail', () => {
    const a = filled();
    a.q.size = 2;
    expect(brokenInvariant(() => a.q.assertInvariants())).toMatch(/size is 2 but more records are linked/);
    const b = filled();
    b.ts[3]!.waitNext = b.ts[0]!;
    expect(brokenInvariant(() => b.q.assertInvariants())).toMatch(/the tail T3 \(#3\) has a waitNext/);
    const c = filled();
    c.q.tail = c.ts[1]!;
    expect(brokenInvariant(() => c.q.assertInvariants())).toMatch(/the tail T1 \(#1\) has a waitNext/);
    const d = filled();
    d.q.head = null;
    expect(brokenInvariant(() => d.q.assertInvariants())).toMatch(/one end is set and the other null/);
  });

  it('catches a member that names another queue or is not blocked', () => {
    const a = filled();
    a.ts[1]!.waitQueue = new WaitQueue();
    expect(brokenInvariant(() => a.q.assertInvariants())).toMatch(
      /T1 \(#1\) is linked in but its waitQueue names another/,
    );
    const b = filled();
    b.ts[0]!.state = RUNNABLE;
    expect(brokenInvariant(() => b.q.assertInvariants())).toMatch(/T0 \(#0\) is linked in but not blocked/);
  });

  it('catches a thread that names a queue it is not linked in', () => {
    const { ts, q } = filled();
    ts[2]!.waitQueue = q;
    expect(brokenInvariant(() => assertWaitQueueLinks(ts))).toBe(
      'wait queue: invariant broken: T2 (#2) names a queue it is not linked in',
    );
  });
});

describe('CheckedStrategy', () => {
  const contended = function* () {
    const lock = new Lock({ name: 'L' });
    const worker = function* () {
      for (let i = 0; i < 3; i++) {
        yield* lock.acquire();
        yield* sleep(0.001);
        lock.release();
      }
    };
    const ts = [0, 1, 2].map((i) => new Thread({ name: `W${i}`, target: worker }));
    for (const t of ts) t.start();
    for (const t of ts) yield* t.join();
    return 'done';
  };

  it.each(['round-robin', 'random', 'pct'] as const)(
    'runs a %s schedule exactly as the strategy alone, checking after every call',
    (name) => {
      const options = resolveRunOptions({ strategy: name, seed: 7, switchInterval: 1, trace: true });
      const checked = new CheckedStrategy(strategyFor(options));
      const withChecks = runProgram(contended, options, { strategy: checked }).result;
      const alone = runProgram(contended, options, { strategy: strategyFor(options) }).result;
      expect(withChecks).toEqual(alone);
      expect(withChecks.status).toBe('ok');
      expect(checked.checks).toBeGreaterThan(20);
      expect(checked.broken).toBeNull();
      expect(run(contended, { strategy: name, seed: 7, switchInterval: 1, trace: true }).trace).toEqual(alone.trace);
    },
  );

  it('reports a structure corrupted during the run', () => {
    const options = resolveRunOptions({ switchInterval: 1 });
    const inner = new RoundRobin();
    const checked = new CheckedStrategy(inner);
    let corrupted = false;
    const originalAdd = inner.add.bind(inner);
    inner.add = (t) => {
      originalAdd(t);
      // A bug in the strategy: the third thread it is given is queued twice.
      if (t.id === 2 && !corrupted) {
        corrupted = true;
        originalAdd(t);
      }
    };
    expect(() => runProgram(contended, options, { strategy: checked })).toThrow(InvariantError);
    expect(checked.broken?.message).toMatch(/round-robin ring: invariant broken: W1 \(#2\) is queued twice/);
  });
});
