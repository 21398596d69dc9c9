import type { Comparison } from './harness';

/** A goal a figure must meet: at most (`<=`) or at least (`>=`) `value`. */
export interface Goal {
  op: '<=' | '>=';
  value: number;
}

/** One line of the table and of the JSON file. */
export interface Row {
  group: string;
  /** What is measured, against what. */
  name: string;
  /** The figure: a ratio (`x`), bytes (`B`) or a count of runs. */
  figure: number;
  unit: 'x' | 'B' | 'runs';
  goal: Goal | null;
  /** The lowest and highest per-round figure (the spread), when measured in rounds. */
  low: number | null;
  high: number | null;
  /** Context for the figure: absolute per-unit times, which are noise on a shared machine. */
  detail: string;
  pass: boolean | null;
  /** The raw comparison, kept in the JSON file. */
  comparison?: Comparison;
}

export function meets(figure: number, goal: Goal | null): boolean | null {
  if (goal === null) return null;
  return goal.op === '<=' ? figure <= goal.value : figure >= goal.value;
}

export function ns(x: number): string {
  return x >= 100 ? `${Math.round(x)} ns` : `${x.toFixed(1)} ns`;
}

/** A row of "subject ÷ baseline" per unit (lower is better). */
export function ratioRow(group: string, name: string, c: Comparison, goal: Goal | null, detail: string): Row {
  return {
    group,
    name,
    figure: c.ratio,
    unit: 'x',
    goal,
    low: c.low,
    high: c.high,
    detail,
    pass: meets(c.ratio, goal),
    comparison: c,
  };
}

/** A row of "baseline ÷ subject" per unit (a speed-up: higher is better). */
export function speedupRow(group: string, name: string, c: Comparison, goal: Goal | null, detail: string): Row {
  const figure = 1 / c.ratio;
  return {
    group,
    name,
    figure,
    unit: 'x',
    goal,
    low: 1 / c.high,
    high: 1 / c.low,
    detail,
    pass: meets(figure, goal),
    comparison: c,
  };
}
