import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { clockName, useClock } from './harness';
import { machine, table, writeJson } from './report';
import type { Row } from './rows';
import {
  allocation,
  allocationClosure,
  exploration,
  explorationClosure,
  overhead,
  primitives,
  scale,
  stepCost,
  type SuiteConfig,
} from './suite';
import { parallel } from './parallel';
import { exhaustiveCounts } from './exhaustive-counts';

/**
 * `npm run bench`: measures every figure as a ratio against a baseline timed beside it, prints
 * the table and writes bench/results/latest.json.
 *   --quick        fewer rounds (a smoke run; writes bench/results/quick.tmp)
 *   --only a,b     only these groups (writes bench/results/partial.tmp)
 *   --out PATH     where to write the JSON file
 *   --wall         time with the wall clock instead of this process's CPU time
 * Each group runs in a fresh node process: the JIT state one group leaves (call sites that have
 * seen many generator kinds) would otherwise slow the next, and a user's process runs one thing.
 */
const GROUPS: Record<string, (cfg: SuiteConfig) => Promise<Row[]>> = {
  'per-step': stepCost,
  scale,
  primitives,
  exploration,
  'exploration-closure': explorationClosure,
  overhead,
  allocation,
  'allocation-closure': allocationClosure,
  parallel,
  'exhaustive-counts': exhaustiveCounts,
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

/** Runs one group in a child process (same node flags) and reads its rows from stdout. */
function runGroupInChild(name: string, passOn: string[]): Row[] {
  const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', name, ...passOn], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`bench group '${name}' failed (exit status ${child.status})`);
  return JSON.parse(child.stdout) as Row[];
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const wall = process.argv.includes('--wall');
  if (wall) useClock('wall');
  const cfg: SuiteConfig = { scale: quick ? 0.4 : 1, log: (line) => process.stderr.write(`  ${line}\n`) };
  const child = arg('--child');
  if (child !== undefined) {
    process.stdout.write(JSON.stringify(await GROUPS[child]!(cfg)));
    return;
  }
  const only = arg('--only')?.split(',');
  for (const g of only ?? [])
    if (!(g in GROUPS)) throw new Error(`unknown group '${g}' (groups: ${Object.keys(GROUPS).join(', ')})`);
  const out =
    arg('--out') ??
    (only !== undefined
      ? 'bench/results/partial.tmp'
      : quick
        ? 'bench/results/quick.tmp'
        : 'bench/results/latest.json');
  const passOn = [...(quick ? ['--quick'] : []), ...(wall ? ['--wall'] : [])];
  const started = Date.now();
  const loadBefore = loadavg()[0]!;
  const rows: Row[] = [];
  for (const name of Object.keys(GROUPS))
    if (only === undefined || only.includes(name)) rows.push(...runGroupInChild(name, passOn));
  const m = machine(loadBefore, started, clockName());
  process.stdout.write(`${table(rows, m)}\n`);
  writeJson(resolve(out), rows, m);
  process.stderr.write(`  figures written to ${out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
