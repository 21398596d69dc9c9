import pc from 'picocolors';
import type { RunResult } from '../../scheduler/run-program';
import { requireTrace, traceAxis, type TraceAxis } from './axis';
import { axisRow, type Cell, type CellKind, laneCells } from './cells';
import { buildLanes, type Lane, type LaneNote, shortLabel } from './lanes';
import { formatDuration, type Layout, layoutColumns } from './layout';

/** Options of `renderTimeline`. */
export interface TimelineOptions {
  /** Columns the picture may take (the terminal's width). */
  width: number;
  /** Color with ANSI escapes; false gives plain text with no escape codes. */
  color: boolean;
}

type Paint = (s: string) => string;
const NAME_MAX = 20;
/** Notes kept at each end of a long list of blocks and wakes. */
const NOTES_EACH_END = 10;

/**
 * Draws a traced run as a timeline a teacher can project: one lane per thread, slots across
 * (one step each with the GIL, one tick without), who ran in each, where each thread blocked
 * and on what (the primitive's name written into the wait), prints marked, idle stretches in
 * which the clock jumped drawn as breaks (`┆ +1.0 s ┆`), then the blocks and wakes in words
 * (who woke whom) and a legend. Long runs are folded to fit `width`. The same result always
 * gives the same text. Throws an Error when the run was not traced.
 *
 * @example
 * const result = run(main, { trace: true, switchInterval: 1 });
 * process.stdout.write(renderTimeline(result, { width: process.stdout.columns ?? 80, color: false }));
 */
export function renderTimeline(result: RunResult, options: TimelineOptions): string {
  const trace = requireTrace(result, 'renderTimeline');
  const axis = traceAxis(result, trace);
  const { lanes, notes } = buildLanes(trace, axis);
  const colors = pc.createColors(options.color);
  const nameWidth = Math.max(4, ...lanes.map((l) => Math.min(NAME_MAX, [...l.name].length)));
  const tails = lanes.map((l) => finalState(l, result));
  const tailWidth = Math.max(String(result.steps).length + 1, ...tails.map((t) => [...t].length));
  const plotWidth = Math.max(16, options.width - nameWidth - 1 - 2 - tailWidth);
  const layout = layoutColumns(axis, plotWidth);
  const paint: Record<CellKind, Paint> = {
    run: colors.green,
    ready: colors.dim,
    block: colors.red,
    sleep: colors.cyan,
    print: (s) => colors.bold(colors.yellow(s)),
    read: (s) => colors.bold(colors.blue(s)),
    write: (s) => colors.bold(colors.magenta(s)),
    error: (s) => colors.bold(colors.red(s)),
    break: colors.dim,
    none: (s) => s,
  };
  const out: string[] = [];
  out.push(
    colors.bold(
      `Timeline of ${lanes.length} thread${lanes.length === 1 ? '' : 's'}: ${result.steps} steps${axis.gil ? '' : ` in ${axis.slots} ticks`}, ${formatTime(result.time, axis)} s of virtual time`,
    ),
  );
  out.push(colors.dim(`${mode(axis)} · 1 column = ${unit(axis, layout.per)}${idle(axis)}`));
  const axisName = axis.gil ? 'step' : 'tick';
  out.push(`${axisName.padEnd(nameWidth)} ${colors.dim(axisRow(layout, axis))}│ ${colors.dim(String(axis.slots))}`);
  const kinds = new Set<CellKind>();
  lanes.forEach((lane, i) => {
    const cells = laneCells(lane, layout);
    for (const cell of cells) kinds.add(cell.kind);
    out.push(`${colors.bold(fitName(lane.name, nameWidth))} ${paintCells(cells, paint)}│ ${tails[i]!}`);
  });
  const noted = noteLines(notes, axis, options.width, colors.dim);
  out.push('', ...noted, ...(noted.length > 0 ? [''] : []));
  out.push(...legend(kinds, axis, layout, options.width));
  return `${out.join('\n')}\n`;
}

/** What became of a thread, written after the end of its lane. */
function finalState(lane: Lane, result: RunResult): string {
  if (lane.error !== null) return `✗ ${lane.error.split(':')[0]!}`;
  if (lane.ended) return 'done';
  if (result.status === 'ok') return 'abandoned (daemon)';
  if (lane.blockedAtEnd !== null)
    return lane.blockedAtEnd.sleep ? 'sleeping' : `blocked on ${shortLabel(lane.blockedAtEnd.on)}`;
  return result.status === 'step-limit' ? 'cut off (step limit)' : 'still running';
}

function mode(axis: TraceAxis): string {
  if (axis.gil) return `GIL on, switch interval ${axis.switchInterval}`;
  return `no GIL, ${axis.cores} core${axis.cores === 1 ? '' : 's'}`;
}

/** How often and how long everyone slept, which the breaks leave out of the columns. */
function idle(axis: TraceAxis): string {
  const n = axis.jumps.length;
  if (n === 0) return '';
  const total = axis.jumps.reduce((s, j) => s + j.to - j.from, 0);
  return ` · all asleep ${n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`}, ${formatDuration(total)} in all`;
}

function unit(axis: TraceAxis, per: number): string {
  if (axis.gil) return per === 1 ? '1 step' : `${per} steps`;
  return per === 1 ? '1 tick' : `${per} ticks`;
}

/** Virtual seconds with as many decimals as one step needs (6 for the default 1 µs). */
function formatTime(t: number, axis: TraceAxis): string {
  // With stepTime 0 only sleeps and timeouts set the times: as many decimals as they need.
  if (axis.stepTime === 0)
    return t
      .toFixed(6)
      .replace(/(\.\d*?)0+$/, '$1')
      .replace(/\.$/, '.0');
  const decimals = Math.min(9, Math.max(1, Math.ceil(-Math.log10(axis.stepTime) - 1e-9)));
  return t.toFixed(decimals);
}

function clip(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width || width < 10 ? text : `${chars.slice(0, width - 1).join('')}…`;
}

function fitName(name: string, width: number): string {
  const chars = [...name];
  if (chars.length > width) return `${chars.slice(0, width - 1).join('')}…`;
  return name + ' '.repeat(width - chars.length);
}

/** Paints runs of same-kind cells at once, so colored output stays short. */
function paintCells(cells: readonly Cell[], paint: Record<CellKind, Paint>): string {
  let s = '';
  let i = 0;
  while (i < cells.length) {
    const kind = cells[i]!.kind;
    let run = '';
    for (; i < cells.length && cells[i]!.kind === kind; i++) run += cells[i]!.ch;
    s += paint[kind](run);
  }
  return s;
}

/** The blocks, wakes and failures in words; a long list keeps its beginning and its end. */
function noteLines(notes: readonly LaneNote[], axis: TraceAxis, width: number, dim: Paint): string[] {
  if (notes.length === 0) return [];
  const stepWidth = String(axis.gil ? axis.steps : axis.slots).length;
  // Without the GIL the axis counts ticks, and so do the notes.
  const line = (n: LaneNote): string => {
    const at = axis.gil
      ? `step ${String(n.step).padStart(stepWidth)}`
      : `tick ${String(axis.slotOf(Math.max(0, n.step))).padStart(stepWidth)}`;
    const when = `${at}  ${formatTime(n.time, axis)} s`;
    return `  ${dim(when)}  ${clip(n.text, width - when.length - 4)}`;
  };
  const lines = ['Blocks, wakes, shared reads and writes, errors:'];
  if (notes.length <= 2 * NOTES_EACH_END + 1) return [...lines, ...notes.map(line)];
  const hidden = notes.length - 2 * NOTES_EACH_END;
  return [
    ...lines,
    ...notes.slice(0, NOTES_EACH_END).map(line),
    `  … ${hidden} more (the trace command writes every event) …`,
    ...notes.slice(-NOTES_EACH_END).map(line),
  ];
}

/** Explains the marks that appear, wrapped to the width. */
function legend(kinds: ReadonlySet<CellKind>, axis: TraceAxis, layout: Layout, width: number): string[] {
  const holder = axis.gil ? 'the GIL' : 'a core';
  const items: string[] = [`█ running (holds ${holder})`];
  if (layout.per > 1) items.push('▓▒░ ran part of the column');
  if (kinds.has('ready')) items.push(`· ready, waiting for ${holder}`);
  if (kinds.has('block')) items.push('─ blocked on the named primitive');
  if (kinds.has('sleep')) items.push('~ sleeping');
  if (kinds.has('print')) items.push('p printed');
  if (kinds.has('read')) items.push('r read a shared cell');
  if (kinds.has('write')) items.push('w wrote a shared cell');
  if (kinds.has('error')) items.push('✗ ended with an error');
  if (axis.jumps.length > 0) items.push('┆ all asleep: the clock jumps');
  const lines: string[] = [];
  let cur = 'Legend:';
  for (const item of items) {
    if (cur.length + 3 + item.length > width && cur !== 'Legend:') {
      lines.push(cur);
      cur = `       ${item}`;
    } else cur += cur === 'Legend:' ? ` ${item}` : `   ${item}`;
  }
  lines.push(cur);
  return lines;
}
