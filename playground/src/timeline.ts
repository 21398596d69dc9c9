import type { TraceEvent } from '../../src/scheduler/trace';
import type { RunView } from './worker/protocol';

const SVG = 'http://www.w3.org/2000/svg';
const LANE = 26;
const LABEL = 120;

/** A mark on the timeline: where, and what hovering it tells. */
interface Mark {
  lane: number;
  step: number;
  kind: 'block' | 'wake' | 'print' | 'read' | 'write' | 'end';
  text: string;
  line: number | null;
}

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, parent?: Element): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

/** Lanes in the order threads started, keyed by thread id. */
function lanesOf(trace: readonly TraceEvent[]): Map<number, { index: number; name: string }> {
  const lanes = new Map<number, { index: number; name: string }>();
  for (const e of trace) if (e.type === 'start' && !lanes.has(e.id)) lanes.set(e.id, { index: lanes.size, name: e.thread });
  return lanes;
}

/** Blocks (and sleeps) as spans from the block to the wake or the end of the run. */
function spansOf(trace: readonly TraceEvent[], last: number): { id: number; from: number; to: number; on: string; sleep: boolean }[] {
  const open = new Map<number, { id: number; from: number; to: number; on: string; sleep: boolean }>();
  const spans: { id: number; from: number; to: number; on: string; sleep: boolean }[] = [];
  for (const e of trace) {
    if (e.type === 'block') {
      const s = { id: e.id, from: e.step, to: last, on: e.on, sleep: /^sleep\(|^wait \d|timer/i.test(e.on) };
      open.set(e.id, s);
      spans.push(s);
    } else if (e.type === 'wake' || e.type === 'end') {
      const s = open.get(e.id);
      if (s !== undefined) s.to = e.step;
      open.delete(e.id);
    }
  }
  return spans;
}

function marksOf(view: RunView, lanes: Map<number, { index: number }>): Mark[] {
  const marks: Mark[] = [];
  view.trace.forEach((e, i) => {
    const lane = 'thread' in e ? lanes.get(e.id)?.index : undefined;
    if (lane === undefined) return;
    const line = view.lines[i] ?? null;
    if (e.type === 'block') marks.push({ lane, step: e.step, kind: 'block', text: `${e.thread} blocks on ${e.on}`, line });
    if (e.type === 'wake') marks.push({ lane, step: e.step, kind: 'wake', text: `${e.thread} wakes from ${e.on}${e.by === null ? ' (timed out)' : ` (woken by ${e.by})`}`, line });
    if (e.type === 'print' && e.text !== '\n') marks.push({ lane, step: e.step, kind: 'print', text: `${e.thread} prints ${JSON.stringify(e.text)}`, line });
    if (e.type === 'end') marks.push({ lane, step: e.step, kind: 'end', text: `${e.thread} ends${e.error === null ? '' : ` with ${e.error}`}`, line });
  });
  for (const a of view.accesses) {
    const lane = lanes.get(a.id)?.index;
    if (lane !== undefined) marks.push({ lane, step: a.step, kind: a.write ? 'write' : 'read', text: `${a.thread} ${a.write ? 'writes' : 'reads'} ${a.cell} = ${a.value}`, line: a.line });
  }
  return marks;
}

/**
 * Draws a run's trace as an SVG timeline: one lane per thread, its GIL slices as bars, its waits
 * as spans (sleeps apart), and marks for blocks, wakes, prints, ends and shared-cell reads and
 * writes. Hovering or focusing a mark tells its step, line and value; clicking it (or Enter)
 * calls `onSelect` with its source line.
 */
export function drawTimeline(host: HTMLElement, tip: HTMLElement, view: RunView, onSelect: (line: number) => void): void {
  host.replaceChildren();
  const lanes = lanesOf(view.trace);
  const steps = Math.max(1, view.steps);
  const room = Math.max(400, host.clientWidth - LABEL - 24);
  const px = Math.min(8, Math.max(0.25, room / steps));
  const x = (step: number): number => LABEL + step * px;
  const width = Math.ceil(x(steps) + 16);
  const svg = el('svg', { width, height: lanes.size * LANE + 24, role: 'img', 'aria-label': `Timeline of ${lanes.size} threads over ${view.steps} steps` }, host);
  for (const [, l] of lanes) {
    const g = el('g', { class: 'lane', 'data-thread': l.name, transform: `translate(0, ${l.index * LANE})` }, svg);
    el('text', { x: 4, y: 17, class: 'lane-name' }, g).textContent = l.name;
    el('line', { x1: LABEL, x2: width, y1: 13, y2: 13, class: 'lane-axis' }, g);
  }
  for (const s of spansOf(view.trace, steps)) {
    const lane = lanes.get(s.id);
    if (lane === undefined) continue;
    const r = el('rect', { x: x(s.from), y: lane.index * LANE + 9, width: Math.max(1, (s.to - s.from) * px), height: 8, class: s.sleep ? 'sleep' : 'wait' }, svg);
    el('title', {}, r).textContent = `${s.sleep ? 'sleeps' : 'waits for'} ${s.on} from step ${s.from} to ${s.to}`;
  }
  for (const e of view.trace) {
    if (e.type !== 'step') continue;
    const lane = lanes.get(e.id);
    if (lane !== undefined) el('rect', { x: x(e.step), y: lane.index * LANE + 5, width: Math.max(1, e.count * px), height: 16, class: 'slice' }, svg);
  }
  for (const m of marksOf(view, lanes)) drawMark(svg, tip, m, x(m.step) + px / 2, m.lane * LANE + 13, onSelect);
  el('text', { x: LABEL, y: lanes.size * LANE + 18, class: 'axis-label' }, svg).textContent = `steps 0 to ${view.steps} · virtual time ${view.time.toFixed(6)} s`;
}

function drawMark(svg: SVGSVGElement, tip: HTMLElement, m: Mark, cx: number, cy: number, onSelect: (line: number) => void): void {
  const shape =
    m.kind === 'read' || m.kind === 'write'
      ? el('rect', { x: cx - 3, y: m.kind === 'read' ? cy - 12 : cy + 5, width: 6, height: 6 }, svg)
      : el('circle', { cx, cy, r: 4 }, svg);
  const text = `step ${m.step}${m.line === null ? '' : ` · line ${m.line}`} · ${m.text}`;
  shape.setAttribute('class', `mark ${m.kind}`);
  shape.setAttribute('tabindex', '0');
  shape.setAttribute('role', 'button');
  shape.setAttribute('aria-label', text);
  if (m.line !== null) shape.setAttribute('data-line', String(m.line));
  const show = (): void => {
    tip.textContent = text;
    tip.hidden = false;
    const box = shape.getBoundingClientRect();
    const host = tip.parentElement!.getBoundingClientRect();
    tip.style.left = `${box.left - host.left + tip.parentElement!.scrollLeft + 8}px`;
    tip.style.top = `${box.top - host.top + 12}px`;
  };
  const select = (): void => {
    if (m.line !== null) onSelect(m.line);
  };
  shape.addEventListener('mouseenter', show);
  shape.addEventListener('focus', show);
  shape.addEventListener('mouseleave', () => (tip.hidden = true));
  shape.addEventListener('blur', () => (tip.hidden = true));
  shape.addEventListener('click', select);
  shape.addEventListener('keydown', (e) => {
    const key = (e as KeyboardEvent).key;
    if (key === 'Enter' || key === ' ') select();
  });
}
