import { Bench } from 'tinybench';

/** Something to time: `fn` does `units` units of work (steps, operations, executions) per call. */
export interface Workload {
  readonly name: string;
  /** Runs the workload once; returns how many units it did (must be the same on every call). */
  readonly fn: () => number | Promise<number>;
}

/** How long and how often to sample one comparison. */
export interface Sampling {
  /** Rounds; each times the baseline and the subject back to back, in alternating order. */
  rounds: number;
  /** Milliseconds tinybench spends on each task per round. */
  time: number;
  /** Minimum calls per task per round. */
  iterations: number;
  /** Warm-up calls per task per round (default: up to 5). */
  warmup?: number;
}

/** A subject timed against a baseline in the same process: per-unit times and their ratio. */
export interface Comparison {
  /** Median over rounds of (subject ns/unit ÷ baseline ns/unit). */
  ratio: number;
  /** Lowest and highest per-round ratio: the spread the noise of the machine gave. */
  low: number;
  high: number;
  /** Median ns per unit over rounds (context only: absolute times on a shared machine are noise). */
  baseNs: number;
  subjectNs: number;
  baseUnits: number;
  subjectUnits: number;
  /** Samples taken per task, summed over rounds. */
  samples: number;
}

/** What the samples are timed with. */
export type Clock = 'cpu' | 'wall';

let clock: Clock = 'cpu';

/**
 * Chooses the clock. `cpu` (the default) is this process's CPU time (user + system, 1 µs
 * resolution on Linux): on a shared machine it leaves out the time the process waits for a core,
 * which is most of the noise; `wall` is tinybench's own high-resolution wall clock.
 */
export function useClock(c: Clock): void {
  clock = c;
}

export function clockName(): Clock {
  return clock;
}

function cpuNowMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Calls the workload once to learn its unit count (and to fail fast if it is broken). */
async function unitsOf(w: Workload): Promise<number> {
  const units = await w.fn();
  if (!(units > 0)) throw new Error(`bench workload '${w.name}' reported ${units} units`);
  return units;
}

/**
 * Times `subject` against `baseline` in rounds: each round is one tinybench run (warm-up, then
 * samples) of both tasks, the order alternating so a drift in machine load hits both sides. The
 * ratio of medians is taken per round, and the median of those ratios is reported.
 */
export async function compare(baseline: Workload, subject: Workload, sampling: Sampling): Promise<Comparison> {
  const baseUnits = await unitsOf(baseline);
  const subjectUnits = await unitsOf(subject);
  const ratios: number[] = [];
  const baseNs: number[] = [];
  const subjectNs: number[] = [];
  let samples = 0;
  for (let round = 0; round < sampling.rounds; round++) {
    const bench = new Bench({
      time: sampling.time,
      iterations: sampling.iterations,
      warmupTime: Math.min(50, sampling.time / 2),
      warmupIterations: sampling.warmup ?? Math.max(1, Math.min(5, sampling.iterations)),
      throws: true,
      ...(clock === 'cpu' ? { now: cpuNowMs } : {}),
    });
    const order = round % 2 === 0 ? [baseline, subject] : [subject, baseline];
    for (const w of order) bench.add(w.name, w.fn);
    await bench.run();
    const b = perUnitNs(bench, baseline.name, baseUnits);
    const s = perUnitNs(bench, subject.name, subjectUnits);
    baseNs.push(b.ns);
    subjectNs.push(s.ns);
    ratios.push(s.ns / b.ns);
    samples += Math.min(b.samples, s.samples);
  }
  return comparisonOf(ratios, baseNs, subjectNs, { baseUnits, subjectUnits, samples });
}

/** A comparison from its per-round ratios and ns per unit: medians, and the spread of the ratios. */
export function comparisonOf(
  ratios: readonly number[],
  baseNs: readonly number[],
  subjectNs: readonly number[],
  counts: Pick<Comparison, 'baseUnits' | 'subjectUnits' | 'samples'>,
): Comparison {
  return {
    ratio: median(ratios),
    low: Math.min(...ratios),
    high: Math.max(...ratios),
    baseNs: median(baseNs),
    subjectNs: median(subjectNs),
    ...counts,
  };
}

function perUnitNs(bench: Bench, name: string, units: number): { ns: number; samples: number } {
  const result = bench.getTask(name)?.result;
  if (result === undefined || !('latency' in result)) {
    const error = result !== undefined && 'error' in result ? String(result.error) : 'no result';
    throw new Error(`bench task '${name}' did not complete: ${error}`);
  }
  // tinybench reports latency in milliseconds per call.
  return { ns: (result.latency.p50 * 1e6) / units, samples: result.latency.samplesCount };
}
