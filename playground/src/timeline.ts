import { isTimeWait } from '../../src/cli/timeline/lanes';
import type { TraceEvent } from '../../src/scheduler/trace';
import type { RunView } from './worker/protocol';

const SVG = 'http://www.w3.org/2000/svg';
const LANE = 26;
const LABEL = 120;

/** A mark on the timeline: where, and what hovering it tells. */
interface Mark {
  lane: number;
  step: number;
  time: number;
  kind: 'block' | 'wake' | 'print' | 'read' | 'write' | 'end';
  text: string;
  line: number | null;
}

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
  parent?: Element,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

/** Lanes in the order threads started, keyed by thread id. */
function lanesOf(trace: readonly TraceEvent[]): Map<number, { index: number; name: string }> {
  const lanes = new Map<number, { index: number; name: string }>();
  for (const e of trace)
    if (e.type === 'start' && !lanes.has(e.id)) lanes.set(e.id, { index: lanes.size, name: e.thread });
  return lanes;
}

interface Span {
  id: number;
  from: number;
  fromTime: number;
  to: number;
  toTime: number;
  on: string;
  sleep: boolean;
}

/** Blocks (and sleeps) as spans from the block to the wake or the end of the run. */
function spansOf(trace: readonly TraceEvent[], last: number, lastTime: number): Span[] {
  const open = new Map<number, Span>();
  const spans: Span[] = [];
  for (const e of trace) {
    if (e.type === 'block') {
      const s = {
        id: e.id,
        from: e.step,
        fromTime: e.time,
        to: last,
        toTime: lastTime,
        on: e.on,
        sleep: isTimeWait(e.on),
      };
      open.set(e.id, s);
      spans.push(s);
    } else if (e.type === 'wake' || e.type === 'end') {
      const s = open.get(e.id);
      if (s !== undefined) Object.assign(s, { to: e.step, toTime: e.time });
      open.delete(e.id);
    }
  }
  return spans;
}

/** Steps of width the axis gives each jump of the clock (all threads asleep), so sleeps show as spans. */
const JUMP = 24;

/**
 * The axis: one unit per step, plus JUMP units at every instant where virtual time jumped to the
 * next timer without a step (nothing could run). Returns x in units for a (step, time) pair.
 */
function axisOf(trace: readonly TraceEvent[]): {
  at: (step: number, time: number) => number;
  jumps: { step: number; time: number }[];
} {
  const jumps: { step: number; time: number }[] = [];
  const timed = trace.find((e) => e.type === 'step' && e.count > 0);
  const stepTime = timed?.type === 'step' ? (timed.endTime - timed.time) / timed.count : 0;
  let prev: { step: number; time: number } | null = null;
  for (const e of trace) {
    // Between two events of one step count the clock moves only by a jump (more than float noise
    // or one step's time: steps move it with the step count).
    const moved = prev === null ? 0 : e.time - prev.time;
    if (prev !== null && e.step === prev.step && moved > 1.5 * stepTime + 1e-12)
      jumps.push({ step: e.step, time: e.time });
    prev = e.type === 'step' ? { step: e.step + e.count, time: e.endTime } : { step: e.step, time: e.time };
  }
  const at = (step: number, time: number): number =>
    step + JUMP * jumps.filter((j) => j.step < step || (j.step === step && j.time <= time)).length;
  return { at, jumps };
}

function marksOf(view: RunView, lanes: Map<number, { index: number }>): Mark[] {
  const marks: Mark[] = [];
  view.trace.forEach((e, i) => {
    const lane = 'thread' in e ? lanes.get(e.id)?.index : undefined;
    if (lane === undefined) return;
    const line = view.lines[i] ?? null;
    const time = e.time;
    if (e.type === 'block')
      marks.push({ lane, step: e.step, time, kind: 'block', text: `${e.thread} blocks on ${e.on}`, line });
    if (e.type === 'wake')
      marks.push({
        lane,
        step: e.step,
        time,
        kind: 'wake',
        text: `${e.thread} wakes from ${e.on}${e.by === null ? ' (timed out)' : ` (woken by ${e.by})`}`,
        line,
      });
    if (e.type === 'print' && e.text !== '\n')
      marks.push({
        lane,
        step: e.step,
        time,
        kind: 'print',
        text: `${e.thread} prints ${JSON.stringify(e.text)}`,
        line,
      });
    if (e.type === 'end')
      marks.push({
        lane,
        step: e.step,
        time,
        kind: 'end',
        text: `${e.thread} ends${e.error === null ? '' : ` with ${e.error}`}`,
        line,
      });
  });
  for (const a of view.accesses) {
    const lane = lanes.get(a.id)?.index;
    if (lane !== undefined)
      marks.push({
        lane,
        step: a.step,
        time: a.time,
        kind: a.write ? 'write' : 'read',
        text: `${a.thread} ${a.write ? 'writes' : 'reads'} ${a.cell} = ${a.value}`,
        line: a.line,
      });
  }
  return marks;
}

/**
 * Draws a run's trace as an SVG timeline: one lane per thread, its GIL slices as bars, its waits
 * as spans (sleeps apart), and marks for blocks, wakes, prints, ends and shared-cell reads and
 * writes. Hovering or focusing a mark tells its step, line and value; clicking it (or Enter)
 * calls `onSelect` with its source line.
 */
export function drawTimeline(
  host: HTMLElement,
  tip: HTMLElement,
  view: RunView,
  onSelect: (line: number) => void,
): void {
  host.replaceChildren();
  const lanes = lanesOf(view.trace);
  const axis = axisOf(view.trace);
  const units = Math.max(1, axis.at(view.steps, view.time));
  const room = Math.max(400, host.clientWidth - LABEL - 24);
  const px = Math.min(8, Math.max(0.25, room / units));
  const x = (step: number, time: number): number => LABEL + axis.at(step, time) * px;
  const width = Math.ceil(LABEL + units * px + 16);
  const svg = el(
    'svg',
    {
      width,
      height: lanes.size * LANE + 26,
      role: 'img',
      'aria-label': `Timeline of ${lanes.size} threads over ${view.steps} steps`,
    },
    host,
  );
  for (const [, l] of lanes) {
    const g = el('g', { class: 'lane', 'data-thread': l.name, transform: `translate(0, ${l.index * LANE})` }, svg);
    el('text', { x: 4, y: 17, class: 'lane-name' }, g).textContent = l.name;
    el('line', { x1: LABEL, x2: width, y1: 13, y2: 13, class: 'lane-axis' }, g);
  }
  for (const j of axis.jumps) {
    el(
      'text',
      {
        x: x(j.step, j.time) - (JUMP * px) / 2,
        y: lanes.size * LANE + 6,
        class: 'axis-label',
        'text-anchor': 'middle',
      },
      svg,
    ).textContent = `→ ${j.time.toFixed(2)} s`;
  }
  for (const s of spansOf(view.trace, view.steps, view.time)) {
    const lane = lanes.get(s.id);
    if (lane === undefined) continue;
    const from = x(s.from, s.fromTime);
    const r = el(
      'rect',
      {
        x: from,
        y: lane.index * LANE + 9,
        width: Math.max(1, x(s.to, s.toTime) - from),
        height: 8,
        class: s.sleep ? 'sleep' : 'wait',
      },
      svg,
    );
    el('title', {}, r).textContent =
      `${s.sleep ? 'sleeps' : 'waits for'} ${s.on} from step ${s.from} (${s.fromTime.toFixed(6)} s) ` +
      `to step ${s.to} (${s.toTime.toFixed(6)} s)`;
  }
  for (const e of view.trace) {
    if (e.type !== 'step') continue;
    const lane = lanes.get(e.id);
    if (lane !== undefined)
      el(
        'rect',
        {
          x: x(e.step, e.time),
          y: lane.index * LANE + 5,
          width: Math.max(1, e.count * px),
          height: 16,
          class: 'slice',
        },
        svg,
      );
  }
  for (const m of marksOf(view, lanes)) drawMark(svg, tip, m, x(m.step, m.time) + px / 2, m.lane * LANE + 13, onSelect);
  el('text', { x: LABEL, y: lanes.size * LANE + 20, class: 'axis-label' }, svg).textContent =
    `steps 0 to ${view.steps} · virtual time ${view.time.toFixed(6)} s`;
}

function drawMark(
  svg: SVGSVGElement,
  tip: HTMLElement,
  m: Mark,
  cx: number,
  cy: number,
  onSelect: (line: number) => void,
): void {
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
