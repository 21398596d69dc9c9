/**
 * fast-check generators for small programs of the grammar in `program.ts`, and for the run
 * options they are tried under.
 */
import fc from 'fast-check';
import { listing, type LockKind, type Op, type Program, type QueueKind, type Timeout } from './program';

interface Shape {
  locks: LockKind[];
  events: number;
  cells: number;
  conds: { lock: number | null }[];
  sems: { value: number; bounded: boolean }[];
  queues: { kind: QueueKind; maxsize: number }[];
  barriers: { parties: number }[];
  threads: number;
}

/** Timeouts that land on a step boundary, between boundaries, and well after (clock jumps). */
const timeout: fc.Arbitrary<Timeout> = fc.constantFrom<Timeout>(null, null, 0, 1e-6, 2.5e-6, 0.5, 1, 2);
const finite = fc.constantFrom(0, 1e-6, 2.5e-6, 0.5, 1, 2);
const mostly = fc.constantFrom(true, true, true, true, false);

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  locks: fc.array(fc.constantFrom<LockKind>('Lock', 'RLock'), { minLength: 1, maxLength: 3 }),
  events: fc.integer({ min: 0, max: 2 }),
  cells: fc.integer({ min: 1, max: 2 }),
  conds: fc.array(fc.record({ lock: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }) }), { maxLength: 2 }),
  sems: fc.array(fc.record({ value: fc.integer({ min: 0, max: 2 }), bounded: fc.boolean() }), { maxLength: 2 }),
  queues: fc.array(
    fc.record({
      kind: fc.constantFrom<QueueKind>('Queue', 'Queue', 'LifoQueue', 'PriorityQueue'),
      maxsize: fc.integer({ min: 0, max: 2 }),
    }),
    { maxLength: 2 },
  ),
  barriers: fc.array(fc.record({ parties: fc.integer({ min: 1, max: 3 }) }), { maxLength: 1 }),
  threads: fc.integer({ min: 1, max: 4 }),
});

/** Operations a thread may run; `joinable` is how many threads (T1..) it may join. */
function opArb(s: Shape, joinable: number, depth: number): fc.Arbitrary<Op> {
  const pick = (n: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: n - 1 });
  const body: fc.Arbitrary<Op[]> =
    depth < 2 ? fc.array(opArb(s, joinable, depth + 1), { maxLength: 3 }) : fc.constant<Op[]>([]);
  const arms: fc.WeightedArbitrary<Op>[] = [
    { weight: 2, arbitrary: fc.constant<Op>({ k: 'step' }) },
    { weight: 1, arbitrary: finite.map<Op>((sec) => ({ k: 'sleep', s: sec })) },
    { weight: 1, arbitrary: fc.constantFrom('a', 'b').map<Op>((text) => ({ k: 'print', text })) },
    { weight: 1, arbitrary: pick(s.cells).map<Op>((cell) => ({ k: 'read', cell })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(pick(s.cells), fc.integer({ min: 1, max: 9 }))
        .map<Op>(([cell, v]) => ({ k: 'write', cell, v })),
    },
    { weight: 2, arbitrary: pick(s.cells).map<Op>((cell) => ({ k: 'incr', cell })) },
    {
      weight: 5,
      arbitrary: fc.record({ lock: pick(s.locks.length), timeout, blocking: mostly, body }).map<Op>((r) => ({
        k: 'with',
        lock: r.lock,
        timeout: r.blocking ? r.timeout : null,
        blocking: r.blocking,
        body: r.body,
      })),
    },
  ];
  if (s.events > 0) {
    arms.push(
      { weight: 2, arbitrary: pick(s.events).map<Op>((ev) => ({ k: 'set', ev })) },
      { weight: 1, arbitrary: pick(s.events).map<Op>((ev) => ({ k: 'clear', ev })) },
      { weight: 3, arbitrary: fc.tuple(pick(s.events), timeout).map<Op>(([ev, t]) => ({ k: 'wait', ev, timeout: t })) },
    );
  }
  if (s.conds.length > 0) {
    arms.push(
      {
        weight: 3,
        arbitrary: fc
          .tuple(pick(s.conds.length), fc.integer({ min: 1, max: 2 }), timeout)
          .map<Op>(([cond, atLeast, t]) => ({ k: 'cwait', cond, atLeast, timeout: t })),
      },
      {
        weight: 3,
        arbitrary: fc
          .tuple(pick(s.conds.length), fc.integer({ min: 0, max: 2 }))
          .map<Op>(([cond, n]) => ({ k: 'cbump', cond, n })),
      },
    );
  }
  if (s.sems.length > 0) {
    arms.push(
      {
        weight: 3,
        arbitrary: fc
          .tuple(pick(s.sems.length), timeout, body)
          .map<Op>(([sem, t, b]) => ({ k: 'sem', sem, timeout: t, body: b })),
      },
      { weight: 1, arbitrary: pick(s.sems.length).map<Op>((sem) => ({ k: 'semFree', sem })) },
    );
  }
  if (s.queues.length > 0) {
    arms.push(
      {
        weight: 3,
        arbitrary: fc
          .tuple(pick(s.queues.length), fc.integer({ min: 0, max: 9 }), timeout, mostly)
          .map<Op>(([q, item, t, block]) => ({ k: 'put', q, item, timeout: block ? t : null, block })),
      },
      {
        weight: 3,
        arbitrary: fc
          .tuple(pick(s.queues.length), timeout, mostly)
          .map<Op>(([q, t, block]) => ({ k: 'get', q, timeout: block ? t : null, block })),
      },
    );
  }
  if (s.barriers.length > 0) {
    arms.push({
      weight: 2,
      arbitrary: fc.tuple(pick(s.barriers.length), timeout).map<Op>(([b, t]) => ({ k: 'barrier', b, timeout: t })),
    });
  }
  if (joinable > 0) {
    arms.push({
      weight: 1,
      arbitrary: fc.tuple(pick(joinable), timeout).map<Op>(([thread, t]) => ({ k: 'join', thread, timeout: t })),
    });
  }
  return fc.oneof(...arms);
}

function scriptArb(s: Shape, joinable: number, max: number): fc.Arbitrary<Op[]> {
  return fc.array(opArb(s, joinable, 0), { maxLength: max });
}

/** Main starts T1..Tn in order, with its own operations in between, then joins some of them. */
function mainArb(s: Shape): fc.Arbitrary<Op[]> {
  const before = Array.from({ length: s.threads }, (_, i) => scriptArb(s, i, 2));
  const joins = fc
    .shuffledSubarray(Array.from({ length: s.threads }, (_, i) => i))
    .chain((ids) => fc.tuple(...ids.map((id) => timeout.map<Op>((t) => ({ k: 'join', thread: id, timeout: t })))));
  return fc
    .tuple(fc.tuple(...before), scriptArb(s, s.threads, 2), joins)
    .map(([pre, tail, js]) => [...pre.flatMap((ops, i) => [...ops, { k: 'start', thread: i } as Op]), ...tail, ...js]);
}

/** A small random program; it prints as a readable listing in counterexamples. */
export const programArb: fc.Arbitrary<Program> = shapeArb.chain((s) =>
  fc
    .tuple(mainArb(s), fc.tuple(...Array.from({ length: s.threads }, (_, i) => scriptArb(s, i, 6))))
    .map(([main, threads]): Program => {
      const p: Program = {
        locks: s.locks,
        events: s.events,
        cells: s.cells,
        conds: s.conds.map((c) => ({ lock: c.lock === null || c.lock >= s.locks.length ? null : c.lock })),
        sems: s.sems,
        queues: s.queues,
        barriers: s.barriers,
        threads,
        main,
      };
      return Object.defineProperty(p, fc.toStringMethod, { value: () => `\n${listing(p)}\n`, enumerable: false });
    }),
);

export interface ScheduleOptions {
  strategy: 'random' | 'pct';
  seed: number;
  switchInterval: number;
  depth: number;
  pctLength: number;
  gil: boolean;
  cores: number;
}

/** Random and PCT schedules, switching at every step or in slices, with and without the GIL. */
export const scheduleArb: fc.Arbitrary<ScheduleOptions> = fc.record({
  strategy: fc.constantFrom<'random' | 'pct'>('random', 'pct'),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  switchInterval: fc.constantFrom(1, 1, 2, 3, 100),
  depth: fc.integer({ min: 1, max: 4 }),
  pctLength: fc.constantFrom(20, 60, 200),
  gil: mostly,
  cores: fc.integer({ min: 1, max: 3 }),
});
