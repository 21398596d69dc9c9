import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import type { Goal, Row } from './rows';

/** Where and how the figures were taken. */
export interface Machine {
  node: string;
  cpus: number;
  cpuModel: string;
  /** 1-minute load average before and after the run: a busy machine widens the spread. */
  loadBefore: number;
  loadAfter: number;
  date: string;
  seconds: number;
  /** `cpu`: this process's CPU time; `wall`: elapsed time. */
  clock: string;
}

export function machine(loadBefore: number, started: number, clock: string): Machine {
  const list = cpus();
  return {
    node: process.version,
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    loadBefore,
    loadAfter: loadavg()[0]!,
    date: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 100) / 10,
    clock,
  };
}

function figure(x: number, unit: Row['unit']): string {
  if (Number.isNaN(x)) return 'n/a';
  if (unit === 'B') return `${Math.round(x)} B`;
  if (unit === 'runs') return `${Math.round(x).toLocaleString('en')} runs`;
  return x >= 100 ? `${Math.round(x)}x` : `${x.toFixed(2)}x`;
}

function goal(g: Goal | null, unit: Row['unit']): string {
  if (g === null) return '-';
  return `${g.op === '<=' ? '≤' : '≥'} ${unit === 'B' ? `${g.value} B` : `${g.value}x`}`;
}

function spread(r: Row): string {
  if (r.low === null || r.high === null) return '-';
  return `${figure(r.low, r.unit)} to ${figure(r.high, r.unit)}`;
}

function mark(r: Row): string {
  return r.pass === null ? '' : r.pass ? 'pass' : 'MISS';
}

/** The table as Markdown, so docs/performance.md can carry it exactly as printed. */
export function table(rows: readonly Row[], m: Machine): string {
  const header = ['group', 'measure', 'figure', 'goal', 'mark', 'spread (rounds)', 'context'];
  const lines = rows.map((r) => [
    r.group,
    r.name,
    figure(r.figure, r.unit),
    goal(r.goal, r.unit),
    mark(r),
    spread(r),
    r.detail,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const out = [fmt(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)];
  const met = rows.filter((r) => r.pass === true).length;
  const goals = rows.filter((r) => r.pass !== null).length;
  out.push('');
  out.push(
    `node ${m.node}, ${m.cpus} cores (${m.cpuModel}), ${m.clock} time, load ${m.loadBefore.toFixed(2)} before / ${m.loadAfter.toFixed(2)} after, ${m.seconds} s; ${met} of ${goals} goals met`,
  );
  return out.join('\n');
}

export function writeJson(path: string, rows: readonly Row[], m: Machine): void {
  mkdirSync(dirname(path), { recursive: true });
  const round = (x: number | null): number | null =>
    x === null || Number.isNaN(x) ? null : Math.round(x * 1000) / 1000;
  const figures = rows.map((r) => ({
    group: r.group,
    name: r.name,
    figure: round(r.figure),
    unit: r.unit,
    goal: r.goal,
    pass: r.pass,
    low: round(r.low),
    high: round(r.high),
    detail: r.detail,
    baseNsPerUnit: r.comparison === undefined ? null : round(r.comparison.baseNs),
    subjectNsPerUnit: r.comparison === undefined ? null : round(r.comparison.subjectNs),
    samples: r.comparison?.samples ?? null,
  }));
  writeFileSync(path, `${JSON.stringify({ machine: m, figures }, null, 2)}\n`);
}
