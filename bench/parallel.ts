import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { explore, type ExploreCheck, type MainFunction } from '../src/index';
import { closeWorkerPool, exploreParallel } from '../src/parallel/explore-parallel';
import { breakEvenEstimate } from '../src/parallel/break-even';
import { loadProgramModule } from '../src/parallel/load-module';
import { type Comparison, median } from './harness';
import { type Row, speedupRow } from './rows';

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
}

/** One round: both sides once, in the given order; elapsed milliseconds of each. */
async function round(
  main: MainFunction,
  check: ExploreCheck,
  file: string,
  parallelFirst: boolean,
  cold: boolean,
): Promise<Round> {
  const times: Round = { oneThread: 0, parallel: 0 };
  const oneThread = async (): Promise<void> => {
    const t0 = performance.now();
    explore(main, { ...DEMO_OPTIONS, runs: RUNS, check });
    times.oneThread = performance.now() - t0;
  };
  const parallel = async (): Promise<void> => {
    if (cold) await closeWorkerPool();
    const t0 = performance.now();
    await exploreParallel(file, { ...DEMO_OPTIONS, runs: RUNS, workers: WORKERS });
    times.parallel = performance.now() - t0;
  };
  for (const side of parallelFirst ? [parallel, oneThread] : [oneThread, parallel]) await side();
  return times;
}

/** Rounds of both sides, alternating which goes first; as a Comparison (ns per run). */
async function compareRounds(
  main: MainFunction,
  check: ExploreCheck,
  file: string,
  rounds: number,
  cold: boolean,
  log: (line: string) => void,
): Promise<Comparison> {
  const all: Round[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = await round(main, check, file, r % 2 === 1, cold);
    all.push(t);
    log(
      `  round ${r + 1}: one thread ${(t.oneThread / 1000).toFixed(2)} s, ${WORKERS} workers ` +
        `${(t.parallel / 1000).toFixed(2)} s: ${(t.oneThread / t.parallel).toFixed(2)}x (load ${loadavg()[0]!.toFixed(2)})`,
    );
  }
  const ratios = all.map((t) => t.parallel / t.oneThread);
  const perRun = (ms: number): number => (ms * 1e6) / RUNS;
  return {
    ratio: median(ratios),
    low: Math.min(...ratios),
    high: Math.max(...ratios),
    baseNs: perRun(median(all.map((t) => t.oneThread))),
    subjectNs: perRun(median(all.map((t) => t.parallel))),
    baseUnits: RUNS,
    subjectUnits: RUNS,
    samples: rounds,
  };
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
    const c = await compareRounds(main, check, file, rounds, cold, cfg.log);
    const detail =
      `wall-clock, one thread ${seconds(c.baseNs)}, ${WORKERS} workers ${seconds(c.subjectNs)}; ` +
      `load ${load()} on ${availableParallelism()} cores (the goal is for an idle 2-core machine)`;
    rows.push(speedupRow('parallel', `${name}, ${cold ? 'first call' : 'warm pool'}`, c, goal, detail));
  }
  await closeWorkerPool();
  rows.push(await breakEvenRow(file));
  return rows;
}

const goal = { op: '>=' as const, value: 1.6 };

/** The break-even exploreParallel measures: start-up of a worker against the cost of a run here. */
async function breakEvenRow(file: string): Promise<Row> {
  await closeWorkerPool();
  // One call with workers times a worker's start-up; the estimate then times its probe runs.
  await exploreParallel(file, { ...DEMO_OPTIONS, runs: 1000, workers: WORKERS, breakEven: false });
  await closeWorkerPool();
  const e = breakEvenEstimate(file, { ...DEMO_OPTIONS, workers: WORKERS });
  return {
    group: 'parallel',
    name: `break-even of exploreParallel, ${WORKERS} workers, philosophers: runs below which it stays in-thread`,
    figure: e.runs,
    unit: 'runs',
    goal: null,
    low: null,
    high: null,
    detail: `worker start-up ${e.startupMs.toFixed(0)} ms, ${(e.perRunMs * 1000).toFixed(1)} µs a run in this thread`,
    pass: null,
  };
}
