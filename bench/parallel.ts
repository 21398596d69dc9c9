import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { explore, type ExploreCheck, type MainFunction } from '../src/index';
import { closeWorkerPool, exploreParallel } from '../src/parallel/explore-parallel';
import { type BreakEven, breakEvenEstimate, PROBE_RUNS } from '../src/parallel/break-even';
import { loadProgramModule } from '../src/parallel/load-module';
import { clockName, type Comparison, compare, comparisonOf, median } from './harness';
import { installStepWatch } from '../src/scheduler/step-watch';
import { Heartbeat, heartbeatBuffer } from '../src/parallel/heartbeat';
import { ratioRow, type Row, speedupRow } from './rows';

/*
 * Scale-out: `explore` in this thread against `exploreParallel` with 2 worker threads, on
 * 100,000 runs of the philosophers demo, timed alternately in one process. Wall-clock time
 * whatever `--wall` says: the point is elapsed time, and this process's CPU time would add the
 * workers' up. The figure means something only on an idle machine with at least 2 cores.
 */

const RUNS = 100_000;
const WORKERS = 2;
/** The demo's own options (`export const options` in demos/philosophers.ts). */
const DEMO_OPTIONS = { switchInterval: 3 };

/** The demo's file: from the repository's root, where `npm run bench` runs. */
function demoFile(): string {
  const file = path.resolve('demos', 'philosophers.ts');
  if (!existsSync(file)) throw new Error(`bench 'parallel' needs ${file}: run it from the repository's root`);
  return file;
}

interface Round {
  oneThread: number;
  parallel: number;
  /** CPU milliseconds of every thread of the process (workers and V8's helper threads included). */
  oneThreadCpu: number;
  parallelCpu: number;
  /** CPU milliseconds of explore's own thread (Linux; NaN elsewhere): the rest is V8's helpers. */
  oneThreadOwnCpu: number;
}

/** CPU milliseconds of every thread of this process. */
function processCpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** CPU milliseconds of this thread alone, from /proc (NaN where there is none). */
function threadCpu(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** One round: both sides once, in the given order; elapsed milliseconds of each. */
async function round(
  main: MainFunction,
  check: ExploreCheck,
  file: string,
  parallelFirst: boolean,
  cold: boolean,
): Promise<Round> {
  const times: Round = { oneThread: 0, parallel: 0, oneThreadCpu: 0, parallelCpu: 0, oneThreadOwnCpu: 0 };
  const oneThread = async (): Promise<void> => {
    const [t0, c0, own0] = [performance.now(), processCpu(), threadCpu()];
    explore(main, { ...DEMO_OPTIONS, runs: RUNS, check });
    times.oneThread = performance.now() - t0;
    times.oneThreadCpu = processCpu() - c0;
    times.oneThreadOwnCpu = threadCpu() - own0;
  };
  const parallel = async (): Promise<void> => {
    if (cold) await closeWorkerPool();
    const [t0, c0] = [performance.now(), processCpu()];
    await exploreParallel(file, { ...DEMO_OPTIONS, runs: RUNS, workers: WORKERS });
    times.parallel = performance.now() - t0;
    times.parallelCpu = processCpu() - c0;
  };
  for (const side of parallelFirst ? [parallel, oneThread] : [oneThread, parallel]) await side();
  return times;
}

/** The rounds summed up: wall-clock as a Comparison (ns per run), and CPU time. */
interface Compared {
  comparison: Comparison;
  /** CPU of every thread, exploreParallel ÷ explore: what the workers cost beyond the runs. */
  cpuRatio: number;
  /** The share of explore's CPU spent in its own thread (the rest: V8's GC helper threads). */
  ownShare: number;
}

/** Rounds of both sides, alternating which goes first. */
async function compareRounds(
  main: MainFunction,
  check: ExploreCheck,
  file: string,
  rounds: number,
  cold: boolean,
  log: (line: string) => void,
): Promise<Compared> {
  const all = await timeRounds(main, check, file, rounds, cold, log);
  const ratios = all.map((t) => t.parallel / t.oneThread);
  const perRun = (ms: number): number => (ms * 1e6) / RUNS;
  return {
    comparison: comparisonOf(
      ratios,
      all.map((t) => perRun(t.oneThread)),
      all.map((t) => perRun(t.parallel)),
      { baseUnits: RUNS, subjectUnits: RUNS, samples: rounds },
    ),
    cpuRatio: median(all.map((t) => t.parallelCpu / t.oneThreadCpu)),
    ownShare: median(all.map((t) => t.oneThreadOwnCpu / t.oneThreadCpu)),
  };
}

async function timeRounds(
  main: MainFunction,
  check: ExploreCheck,
  file: string,
  rounds: number,
  cold: boolean,
  log: (line: string) => void,
): Promise<Round[]> {
  const all: Round[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = await round(main, check, file, r % 2 === 1, cold);
    all.push(t);
    log(
      `  round ${r + 1}: one thread ${(t.oneThread / 1000).toFixed(2)} s, ${WORKERS} workers ` +
        `${(t.parallel / 1000).toFixed(2)} s: ${(t.oneThread / t.parallel).toFixed(2)}x ` +
        `(load ${loadavg()[0]!.toFixed(2)})`,
    );
  }
  return all;
}

function seconds(nsPerRun: number): string {
  return `${((nsPerRun * RUNS) / 1e9).toFixed(2)} s`;
}

/** The bench group `parallel` (`npm run bench -- --only parallel`). */
export async function parallel(cfg: { scale: number; log: (line: string) => void }): Promise<Row[]> {
  const file = demoFile();
  const program = loadProgramModule(file);
  const main = program.main;
  const check = program.check as ExploreCheck;
  const rounds = Math.max(2, Math.round(4 * cfg.scale));
  const load = (): string => loadavg()[0]!.toFixed(2);
  const rows: Row[] = [];
  const name = `explore ÷ exploreParallel, ${WORKERS} workers, ${RUNS.toLocaleString('en')} runs of philosophers`;
  for (const cold of [true, false]) {
    cfg.log(`parallel: ${cold ? 'first call (workers started in the timing)' : 'pool kept warm'}, load ${load()}`);
    const { comparison: c, cpuRatio, ownShare } = await compareRounds(main, check, file, rounds, cold, cfg.log);
    const detail =
      `wall-clock, one thread ${seconds(c.baseNs)}, ${WORKERS} workers ${seconds(c.subjectNs)}; ` +
      `CPU of all threads ${cpuRatio.toFixed(2)}x one thread's, of which ${Math.round(ownShare * 100)}% ran in ` +
      `its own thread (the rest in V8's GC threads); load ${load()} on ${availableParallelism()} cores ` +
      '(the goal is for an idle 2-core machine)';
    rows.push(speedupRow('parallel', `${name}, ${cold ? 'first call' : 'warm pool'}`, c, goal, detail));
  }
  await closeWorkerPool();
  rows.push(await breakEvenRow(file));
  cfg.log('parallel: the heartbeat a worker beats for the watchdog');
  rows.push(await heartbeatRow(main, check, Math.max(1, Math.round(7 * cfg.scale))));
  return rows;
}

const goal = { op: '>=' as const, value: 1.6 };

/** The break-even exploreParallel measures: start-up of a worker against the cost of a run here. */
async function breakEvenRow(file: string): Promise<Row> {
  // Each call with workers times a new worker's start-up; each estimate then times its probe runs.
  const estimates: BreakEven[] = [];
  for (let i = 0; i < 5; i++) {
    await closeWorkerPool();
    await exploreParallel(file, { ...DEMO_OPTIONS, runs: 1000, workers: WORKERS, breakEven: false });
    await closeWorkerPool();
    estimates.push(breakEvenEstimate(file, { ...DEMO_OPTIONS, workers: WORKERS }));
  }
  const runs = estimates.map((e) => e.runs);
  const mid = (f: (e: BreakEven) => number): number => median(estimates.map(f));
  return {
    group: 'parallel',
    name: `break-even of exploreParallel, ${WORKERS} workers, philosophers: runs below which it stays in-thread`,
    figure: median(runs),
    unit: 'runs',
    goal: null,
    low: Math.min(...runs),
    high: Math.max(...runs),
    detail:
      `medians of 5: worker start-up ${mid((e) => e.startupMs).toFixed(0)} ms, ` +
      `${(mid((e) => e.perRunMs) * 1000).toFixed(1)} µs a run in this thread (${PROBE_RUNS} probe runs each)`,
    pass: null,
  };
}

/** What the watchdog's heartbeat costs a worker: runs in this thread with it installed, and without. */
async function heartbeatRow(main: MainFunction, check: ExploreCheck, rounds: number): Promise<Row> {
  const heartbeat = new Heartbeat(heartbeatBuffer());
  const runs = 2000;
  const search = (watched: boolean) => (): number => {
    installStepWatch(watched ? heartbeat : null);
    try {
      return explore(main, { ...DEMO_OPTIONS, runs, check, shrink: false }).runs;
    } finally {
      installStepWatch(null);
    }
  };
  const c = await compare(
    { name: 'explore, no heartbeat', fn: search(false) },
    { name: 'explore, heartbeat installed', fn: search(true) },
    { rounds, time: 300, iterations: 3, warmup: 1 },
  );
  return ratioRow(
    'parallel',
    `the watchdog's heartbeat: ${runs.toLocaleString('en')} runs of philosophers with it ÷ without`,
    c,
    null,
    `${clockName()} time, ${(c.baseNs / 1000).toFixed(1)} µs a run without`,
  );
}
