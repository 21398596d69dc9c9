import type { TimeJump, TraceAxis } from './axis';

/** A column of the plot: a range of slots, or a break where the clock jumped. */
export type Column =
  | {
      kind: 'slots';
      /** Slots [x0, x1) drawn in this column. */
      x0: number;
      x1: number;
      /** A jump too small to get a break of its own falls inside this column. */
      jumped: boolean;
    }
  | { kind: 'break'; jump: TimeJump; label: string; width: number };

/** How the plot fits its width: slots per column and how breaks are drawn. */
export interface Layout {
  columns: Column[];
  /** Slots per column (1 = exact). */
  per: number;
  /** Columns the plot takes. */
  width: number;
}

/**
 * Fits the axis into `width` columns. In order of preference: one column per slot with breaks
 * written out (`┆ +1.0 s ┆`); several slots per column with breaks written out; breaks one
 * column wide; breaks folded into the columns (marked on the axis only), for runs that sleep
 * more often than the width has columns.
 */
export function layoutColumns(axis: TraceAxis, width: number): Layout {
  const jumps = axis.jumps;
  const spans = spansBetween(axis.slots, jumps);
  const labels = jumps.map((j) => ` +${formatDuration(j.to - j.from)} `);
  const full = labels.reduce((m, l) => Math.max(m, l.length + 2), 0);
  const attempts: { breakWidth: number; maxShare: number }[] = [
    { breakWidth: full, maxShare: 0.5 },
    { breakWidth: 1, maxShare: 0.25 },
  ];
  for (const { breakWidth, maxShare } of attempts) {
    const avail = width - jumps.length * breakWidth;
    if (
      avail < spans.length ||
      (jumps.length * breakWidth > width * maxShare && axis.slots + jumps.length * breakWidth > width)
    )
      continue;
    const per = fit(spans, avail);
    return withBreaks(spans, jumps, labels, breakWidth, per);
  }
  const per = Math.max(1, Math.ceil(axis.slots / Math.max(1, width)));
  const columns: Column[] = [];
  let j = 0;
  for (let x0 = 0; x0 < axis.slots; x0 += per) {
    const x1 = Math.min(axis.slots, x0 + per);
    let jumped = false;
    while (j < jumps.length && (jumps[j]!.at < x1 || x1 === axis.slots)) {
      jumped = true;
      j++;
    }
    columns.push({ kind: 'slots', x0, x1, jumped });
  }
  return { columns, per, width: columns.length };
}

/** `2.0 s`, `150 ms`, `20 µs`: short enough for a break marker. */
export function formatDuration(seconds: number): string {
  if (seconds >= 100) return `${seconds.toFixed(0)} s`;
  if (seconds >= 0.95) return `${seconds.toFixed(1)} s`;
  const ms = seconds * 1e3;
  if (ms >= 0.95) return `${ms.toFixed(ms >= 9.95 ? 0 : 1)} ms`;
  const us = seconds * 1e6;
  return `${us.toFixed(us >= 9.95 ? 0 : 1)} µs`;
}

/** Slot ranges between the jumps (a jump at the start or end leaves no empty span). */
function spansBetween(slots: number, jumps: readonly TimeJump[]): [number, number][] {
  const spans: [number, number][] = [];
  let a = 0;
  for (const j of jumps) {
    if (j.at > a) spans.push([a, j.at]);
    a = Math.max(a, j.at);
  }
  if (slots > a) spans.push([a, slots]);
  return spans;
}

/** The fewest slots per column that fit every span into `avail` columns. */
function fit(spans: readonly [number, number][], avail: number): number {
  const total = spans.reduce((s, [a, b]) => s + b - a, 0);
  let per = Math.max(1, Math.ceil(total / Math.max(1, avail)));
  while (spans.reduce((s, [a, b]) => s + Math.ceil((b - a) / per), 0) > avail) per++;
  return per;
}

function withBreaks(
  spans: readonly [number, number][],
  jumps: readonly TimeJump[],
  labels: readonly string[],
  breakWidth: number,
  per: number,
): Layout {
  const columns: Column[] = [];
  let spanAt = 0;
  const emitSpansBefore = (limit: number): void => {
    for (; spanAt < spans.length && spans[spanAt]![0] < limit; spanAt++) {
      const [a, b] = spans[spanAt]!;
      for (let x0 = a; x0 < b; x0 += per) columns.push({ kind: 'slots', x0, x1: Math.min(b, x0 + per), jumped: false });
    }
  };
  jumps.forEach((jump, i) => {
    emitSpansBefore(jump.at);
    columns.push({ kind: 'break', jump, label: labels[i]!, width: breakWidth });
  });
  emitSpansBefore(Infinity);
  const width = columns.reduce((w, c) => w + (c.kind === 'break' ? c.width : 1), 0);
  return { columns, per, width };
}
