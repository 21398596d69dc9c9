import { allocationRow } from './allocation';
import { fastCheckFindsIt, fastCheckLostUpdate, interleaveLostUpdate } from './exploration';
import { compare, type Sampling } from './harness';
import { measureMemory } from './memory';
import {
  conditionPingPong,
  lockContended,
  lockUncontended,
  queueProducerConsumer,
  sleepHeavy,
} from './primitive-workloads';
import { ns, type Row, ratioRow, speedupRow } from './rows';
import { blockedOnEvent, lockedCounter, rawRoundRobin, threadsRun, workload } from './workloads';

/** How much sampling the suite does: `full` for docs/performance.md, `quick` for a smoke run. */
export interface SuiteConfig {
  /** Multiplies rounds (at least 1 round is always taken). */
  scale: number;
  /** Report progress (to stderr). */
  log: (line: string) => void;
}

function sampling(base: Sampling, cfg: SuiteConfig): Sampling {
  return { ...base, rounds: Math.max(1, Math.round(base.rounds * cfg.scale)) };
}

const LIGHT: Sampling = { rounds: 7, time: 150, iterations: 20 };
// A heavy subject gets its 3 calls a round; the time budget gives the cheap baseline many samples.
const HEAVY: Sampling = { rounds: 3, time: 300, iterations: 3, warmup: 1 };

/** The raw floor every per-step figure is relative to: 10 generators × 2,000 bare yields. */
const floor = workload('raw round-robin loop, 10 × 2,000 yields', () => rawRoundRobin(10, 2000));

export async function stepCost(cfg: SuiteConfig): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [si, goal] of [
    [100, 3],
    [1, 6],
  ] as const) {
    cfg.log(`per-step cost: switchInterval ${si}`);
    const subject = workload(`run, switchInterval ${si}`, () => threadsRun(10, 2000, { switchInterval: si }));
    const c = await compare(floor, subject, sampling(LIGHT, cfg));
    rows.push(
      ratioRow(
        'per-step cost',
        `run, switchInterval ${si} ÷ raw loop`,
        c,
        { op: '<=', value: goal },
        `raw ${ns(c.baseNs)}/step, run ${ns(c.subjectNs)}/step`,
      ),
    );
  }
  return rows;
}

export async function scale(cfg: SuiteConfig): Promise<Row[]> {
  const rows: Row[] = [];
  const small = workload('10 threads × 20 steps', () => threadsRun(10, 19), 50);
  cfg.log('scale: 1,000 threads');
  const mid = await compare(
    small,
    workload('1,000 threads × 20 steps', () => threadsRun(1000, 19)),
    sampling(LIGHT, cfg),
  );
  rows.push(
    ratioRow(
      'scale',
      '1,000 threads × 20 steps, ns/step ÷ 10 threads',
      mid,
      null,
      `10: ${ns(mid.baseNs)}/step, 1,000: ${ns(mid.subjectNs)}/step`,
    ),
  );
  cfg.log('scale: 100,000 threads');
  const big = await compare(
    small,
    workload('100,000 threads × 20 steps', () => threadsRun(100_000, 19)),
    sampling(HEAVY, cfg),
  );
  rows.push(
    ratioRow(
      'scale',
      '100,000 threads × 20 steps, ns/step ÷ 10 threads',
      big,
      { op: '<=', value: 2 },
      `10: ${ns(big.baseNs)}/step, 100,000: ${ns(big.subjectNs)}/step`,
    ),
  );
  cfg.log('scale: the raw loop itself, 100,000 generators');
  const rawSmall = workload('raw loop, 10 × 20 steps', () => rawRoundRobin(10, 19), 500);
  const rawBig = await compare(
    rawSmall,
    workload('raw loop, 100,000 × 20 steps', () => rawRoundRobin(100_000, 19)),
    sampling(HEAVY, cfg),
  );
  rows.push(
    ratioRow(
      'scale',
      'raw loop (the floor): 100,000 generators ÷ 10, ns/step',
      rawBig,
      null,
      `10: ${ns(rawBig.baseNs)}/step, 100,000: ${ns(rawBig.subjectNs)}/step`,
    ),
  );
  cfg.log('scale: 100,000 threads blocked on one Event');
  const blocked = await compare(
    small,
    workload('100,000 threads blocked on an Event, then released', () => blockedOnEvent(100_000)),
    sampling(HEAVY, cfg),
  );
  rows.push(
    ratioRow(
      'scale',
      '100,000 threads block on one Event, released: ns/step ÷ 10 threads',
      blocked,
      null,
      `${ns(blocked.subjectNs)}/step`,
    ),
  );
  cfg.log('scale: heap per blocked thread');
  const mem = measureMemory(100_000, Math.max(1, Math.round(3 * cfg.scale)));
  if (mem === null) {
    rows.push({
      group: 'scale',
      name: 'heap per blocked thread (100,000 blocked)',
      figure: NaN,
      unit: 'B',
      goal: { op: '<=', value: 1024 },
      low: null,
      high: null,
      detail: 'not measured: run node with --expose-gc',
      pass: null,
    });
  } else {
    rows.push({
      group: 'scale',
      name: 'heap per blocked thread (100,000 blocked), bytes',
      figure: mem.perThread,
      unit: 'B',
      goal: { op: '<=', value: 1024 },
      low: null,
      high: null,
      detail: `${(mem.perThread / mem.perGenerator).toFixed(1)}x a bare suspended generator (${Math.round(mem.perGenerator)} B)`,
      pass: mem.perThread <= 1024,
    });
  }
  return rows;
}

export async function primitives(cfg: SuiteConfig): Promise<Row[]> {
  const rows: Row[] = [];
  const cases = [
    workload('Lock acquire + release, uncontended', () => lockUncontended(10_000)),
    workload('Lock acquire + release, 4 threads contending', () => lockContended(4, 2500)),
    workload('Condition ping-pong between 2 threads', () => conditionPingPong(2500)),
    workload('Queue(16) producer-consumer', () => queueProducerConsumer(5000)),
    workload('sleep, 100 threads (timer heap)', () => sleepHeavy(100, 100)),
  ];
  for (const w of cases) {
    cfg.log(`primitives: ${w.name}`);
    const c = await compare(floor, w, sampling(LIGHT, cfg));
    rows.push(ratioRow('primitives', `${w.name}: ns/op ÷ raw step`, c, null, `${ns(c.subjectNs)}/op`));
  }
  return rows;
}

export async function overhead(cfg: SuiteConfig): Promise<Row[]> {
  const rows: Row[] = [];
  const plain = workload('plain run', () => lockedCounter(4, 500));
  for (const [name, options, goal] of [
    ['trace: true', { trace: true }, 2],
    ['detectRaces: true', { detectRaces: true }, 3],
  ] as const) {
    cfg.log(`overhead: ${name}`);
    const c = await compare(
      plain,
      workload(name, () => lockedCounter(4, 500, options)),
      sampling(LIGHT, cfg),
    );
    rows.push(
      ratioRow(
        'overhead',
        `${name} ÷ plain run`,
        c,
        { op: '<=', value: goal },
        `plain ${ns(c.baseNs)}/step, ${name} ${ns(c.subjectNs)}/step`,
      ),
    );
  }
  rows.push(await locationsRow(cfg, plain));
  return rows;
}

/** What `locations: true` (a stack captured per op, for the teaching views) costs: no goal, it is off by default. */
async function locationsRow(cfg: SuiteConfig, plain: ReturnType<typeof workload>): Promise<Row> {
  const name = 'locations: true (with trace)';
  cfg.log(`overhead: ${name}`);
  const c = await compare(
    plain,
    workload(name, () => lockedCounter(4, 500, { trace: true, locations: true })),
    sampling(LIGHT, cfg),
  );
  return ratioRow(
    'overhead',
    `${name} ÷ plain run`,
    c,
    null,
    `plain ${ns(c.baseNs)}/step, ${name} ${ns(c.subjectNs)}/step`,
  );
}

/**
 * fast-check against explore on the lost update, both with explore's default budget (1,000 runs
 * a search), so a search's fixed costs are spread as a user's search spreads them.
 */
async function lostUpdateRow(cfg: SuiteConfig, closure: boolean): Promise<Row> {
  cfg.log(`exploration: lost update${closure ? ' (task a closure)' : ''}, fast-check fc.scheduler() vs explore`);
  if (!(await fastCheckFindsIt(100, 1))) throw new Error('fast-check did not report the lost update');
  const RUNS = 1000;
  let seed = 0;
  const fcRuns = workload(`fast-check fc.scheduler(), ${RUNS} runs`, () => fastCheckLostUpdate(RUNS, seed++));
  const ours = workload(`explore random, ${RUNS} runs`, () => interleaveLostUpdate(RUNS, seed++, closure));
  // Both tools compile a lot of code on first use; warm them before the first round.
  for (let i = 0; i < 5; i++) {
    await fcRuns.fn();
    await ours.fn();
  }
  const c = await compare(fcRuns, ours, sampling({ rounds: 9, time: 250, iterations: 3 }, cfg));
  const perSecond = (nsPerRun: number): string => `${Math.round(1e9 / nsPerRun).toLocaleString('en-US')}/s`;
  const detail = `explore ${perSecond(c.subjectNs)}, fast-check ${perSecond(c.baseNs)}`;
  return closure
    ? speedupRow('exploration', 'the same, task a closure made in each run', c, null, detail)
    : speedupRow('exploration', 'lost update, executions/s: explore ÷ fast-check', c, { op: '>=', value: 20 }, detail);
}

export async function exploration(cfg: SuiteConfig): Promise<Row[]> {
  return [await lostUpdateRow(cfg, false)];
}

/** A group of its own: each new closure leaves V8 a new hidden class, which would slow the row above. */
export async function explorationClosure(cfg: SuiteConfig): Promise<Row[]> {
  return [await lostUpdateRow(cfg, true)];
}

/** Bytes allocated per exploration run (no goal: the figure behind the exploration rows' GC share). */
export async function allocation(cfg: SuiteConfig): Promise<Row[]> {
  const runs = Math.max(2000, Math.round(20_000 * cfg.scale));
  cfg.log('allocation: bytes per exploration run of the lost update');
  return [await allocationRow(false, runs)];
}

/** The same for the closure form, in its own process (its hidden classes would skew the row above). */
export async function allocationClosure(cfg: SuiteConfig): Promise<Row[]> {
  const runs = Math.max(2000, Math.round(20_000 * cfg.scale));
  cfg.log('allocation: bytes per exploration run of the lost update, task a closure');
  return [await allocationRow(true, runs)];
}
