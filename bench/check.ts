import { compare, type Sampling } from './harness';
import { rawRoundRobin, threadsRun, workload } from './workloads';

/**
 * `npm run bench:check`: a quick guard with generous bounds (about twice the goals), so it
 * fails on a real regression, such as a step loop that scans all threads, and not on noise.
 * Exits with status 1 when a bound is exceeded.
 */
const SAMPLING: Sampling = { rounds: 5, time: 100, iterations: 10 };

interface Check {
  name: string;
  bound: number;
  measure: () => Promise<number>;
}

const floor = workload('raw loop', () => rawRoundRobin(10, 2000));
const small = workload('10 threads', () => threadsRun(10, 19), 50);

const CHECKS: Check[] = [
  {
    name: 'per step, switchInterval 100 ÷ raw loop',
    bound: 6,
    measure: async () =>
      (
        await compare(
          floor,
          workload('si 100', () => threadsRun(10, 2000)),
          SAMPLING,
        )
      ).ratio,
  },
  {
    name: 'per step, switchInterval 1 ÷ raw loop',
    bound: 12,
    measure: async () =>
      (
        await compare(
          floor,
          workload('si 1', () => threadsRun(10, 2000, { switchInterval: 1 })),
          SAMPLING,
        )
      ).ratio,
  },
  {
    // A loop that visits every thread per step would make this hundreds of times larger.
    name: 'ns/step with 10,000 threads ÷ with 10',
    bound: 4,
    measure: async () =>
      (
        await compare(
          small,
          workload('10,000 threads', () => threadsRun(10_000, 19)),
          { rounds: 3, time: 0, iterations: 5, warmup: 1 },
        )
      ).ratio,
  },
];

async function main(): Promise<void> {
  let failed = 0;
  for (const c of CHECKS) {
    const ratio = await c.measure();
    const ok = ratio <= c.bound;
    if (!ok) failed++;
    process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${c.name}: ${ratio.toFixed(2)}x (bound ${c.bound}x)\n`);
  }
  if (failed > 0) {
    process.stdout.write(
      `${failed} check(s) over their bound: profile with node --cpu-prof (see docs/performance.md)\n`,
    );
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:check failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
