import type { TraceAxis } from './axis';
import { type Lane, type LaneWait, shortLabel } from './lanes';
import type { Layout } from './layout';

/** What a cell shows; the renderer colors by kind. */
export type CellKind = 'run' | 'ready' | 'block' | 'sleep' | 'print' | 'read' | 'write' | 'error' | 'break' | 'none';

/** One character of a lane. */
export interface Cell {
  ch: string;
  kind: CellKind;
  /** The wait this cell belongs to, where a label may be written. */
  wait: LaneWait | null;
}

/** Shades for a column in which a thread ran for part of the slots: ≥ 3/4, ≥ 1/2, ≥ 1/4, less. */
const SHADES = ['█', '▓', '▒', '░'];

/**
 * Draws one lane over the layout's columns. A column shows, in order of precedence: the failure
 * (`✗`), a print (`p`), a write (`w`) or read (`r`) of a shared cell, running (`█`, or a shade for part of a wide column), blocked (`─`, `~`
 * for a sleep), ready but waiting for the GIL or a core (`·`), not alive (blank).
 */
export function laneCells(lane: Lane, layout: Layout): Cell[] {
  const cells: Cell[] = [];
  const runs = lane.runs;
  let runAt = 0;
  let printAt = 0;
  let waitAt = 0;
  let accessAt = 0;
  const failedIn = lane.error !== null ? lane.to - 1 : -1;
  for (const col of layout.columns) {
    if (col.kind === 'break') {
      cells.push(...breakCells(lane, col.jump.at, col.width));
      continue;
    }
    const { x0, x1 } = col;
    while (runAt < runs.length && runs[runAt + 1]! <= x0) runAt += 2;
    let ran = 0;
    for (let i = runAt; i < runs.length && runs[i]! < x1; i += 2)
      ran += Math.min(x1, runs[i + 1]!) - Math.max(x0, runs[i]!);
    while (printAt < lane.prints.length && lane.prints[printAt]! < x0) printAt++;
    const printed = printAt < lane.prints.length && lane.prints[printAt]! < x1;
    while (accessAt < lane.accesses.length && lane.accesses[accessAt]!.slot < x0) accessAt++;
    const access = accessIn(lane, accessAt, x1);
    while (waitAt < lane.waits.length && lane.waits[waitAt]!.to <= x0) waitAt++;
    let wait: LaneWait | null = null;
    for (let k = waitAt; wait === null && k < lane.waits.length && lane.waits[k]!.from < x1; k++) {
      if (lane.waits[k]!.to > lane.waits[k]!.from) wait = lane.waits[k]!;
    }
    if (failedIn >= x0 && failedIn < x1) cells.push({ ch: '✗', kind: 'error', wait: null });
    else if (printed && ran > 0) cells.push({ ch: 'p', kind: 'print', wait: null });
    else if (access !== null)
      cells.push(access === 'write' ? { ch: 'w', kind: 'write', wait: null } : { ch: 'r', kind: 'read', wait: null });
    else if (ran > 0) cells.push({ ch: shade(ran / (x1 - x0)), kind: 'run', wait: null });
    else if (wait !== null) cells.push(blockedCell(wait));
    else if (lane.from < x1 && lane.to > x0) cells.push({ ch: '·', kind: 'ready', wait: null });
    else cells.push({ ch: ' ', kind: 'none', wait: null });
  }
  writeLabels(cells);
  return cells;
}

/** The axis row: step (tick, without the GIL) numbers every ten columns, and the breaks with how far the clock jumped. */
export function axisRow(layout: Layout, axis: TraceAxis): string {
  const chars: string[] = [];
  const labelAt: { pos: number; text: string }[] = [];
  let inSpan = 0;
  for (const col of layout.columns) {
    if (col.kind === 'break') {
      inSpan = 0;
      if (col.width === 1) chars.push('┆');
      else chars.push('┆', ...center(col.label, col.width - 2), '┆');
      continue;
    }
    if (inSpan % 10 === 0)
      labelAt.push({ pos: chars.length, text: String(axis.gil ? axis.firstStep(col.x0) : col.x0) });
    chars.push(' ');
    inSpan++;
  }
  let free = 0;
  for (const { pos, text } of labelAt) {
    if (pos < free || pos + text.length > chars.length) continue;
    if (chars.slice(pos, pos + text.length + 1).some((c, k) => c !== ' ' && !(k === text.length && c === '┆')))
      continue;
    for (let i = 0; i < text.length; i++) chars[pos + i] = text[i]!;
    free = pos + text.length + 1;
  }
  // Folded jumps are marked where no step number stands (a run that sleeps often has one in most columns).
  let pos = 0;
  for (const col of layout.columns) {
    if (col.kind === 'slots' && col.jumped && chars[pos] === ' ') chars[pos] = '┆';
    pos += col.kind === 'break' ? col.width : 1;
  }
  return chars.join('');
}

/** A write if the column holds one, else a read, else null (accesses from index `a` on, before slot `x1`). */
function accessIn(lane: Lane, a: number, x1: number): 'read' | 'write' | null {
  let found: 'read' | 'write' | null = null;
  for (let k = a; k < lane.accesses.length && lane.accesses[k]!.slot < x1; k++) {
    if (lane.accesses[k]!.write) return 'write';
    found = 'read';
  }
  return found;
}

/**
 * A break where the clock jumped: a thread in a timed wait across it (asleep, or blocked with a
 * timeout running) is drawn through it as one span, so overlapping sleeps show as overlapping;
 * other lanes keep the break's `┆` borders.
 */
function breakCells(lane: Lane, at: number, width: number): Cell[] {
  const wait = lane.waits.find((x) => x.from <= at && at <= x.to) ?? null;
  if (wait?.timed === true) return Array.from({ length: width }, () => blockedCell(wait));
  const fill: Cell = wait === null ? { ch: ' ', kind: 'none', wait: null } : blockedCell(wait);
  const cells: Cell[] = [{ ch: '┆', kind: 'break', wait: null }];
  for (let i = 0; i < width - 2; i++) cells.push({ ...fill });
  if (width > 1) cells.push({ ch: '┆', kind: 'break', wait: null });
  return cells;
}

function shade(share: number): string {
  return share >= 0.75 ? SHADES[0]! : share >= 0.5 ? SHADES[1]! : share >= 0.25 ? SHADES[2]! : SHADES[3]!;
}

function blockedCell(wait: LaneWait): Cell {
  return wait.sleep ? { ch: '~', kind: 'sleep', wait } : { ch: '─', kind: 'block', wait };
}

/** Writes each wait's short label into a stretch of its cells, where it fits with a cell to spare each side. */
function writeLabels(cells: Cell[]): void {
  let i = 0;
  while (i < cells.length) {
    const wait = cells[i]!.wait;
    let j = i + 1;
    while (wait !== null && j < cells.length && cells[j]!.wait === wait) j++;
    if (wait !== null) {
      const label = [...shortLabel(wait.on)];
      if (j - i >= label.length + 2) label.forEach((ch, k) => (cells[i + 1 + k]!.ch = ch));
    }
    i = j;
  }
}

function center(text: string, width: number): string[] {
  const t = [...text].slice(0, width);
  const left = Math.floor((width - t.length) / 2);
  return [...' '.repeat(left), ...t, ...' '.repeat(width - t.length - left)];
}
