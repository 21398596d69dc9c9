import { activeRuntime } from '../../../src/scheduler/context';
import type { Runtime } from '../../../src/scheduler/runtime';

/**
 * The source line each thread is at, from the calls the instrumented program makes before every
 * `yield` (`__il_at(line)`), and a report when a loop spins without yielding (`__il_spin(line)`).
 * Recording is off during explorations: the call then costs a boolean check.
 */
export class LineTracker {
  recording = false;
  #runtime: Runtime | null = null;
  /** Thread id -> line it is at now. */
  readonly current = new Map<number, number>();
  /** Per thread id: [step, line, step, line, ...] in order. */
  readonly history = new Map<number, number[]>();
  #spins = 0;

  /** The run the last call came from (the last execution of a step screen). */
  get runtime(): Runtime | null {
    return this.#runtime;
  }

  constructor(private readonly reportSpin: (thread: string, line: number) => void) {}

  /** Called before each yield of the program. */
  readonly at = (line: number): void => {
    if (!this.recording) return;
    const rt = activeRuntime();
    const t = rt?.current;
    if (rt == null || t == null) return;
    if (rt !== this.#runtime) this.#reset(rt);
    this.current.set(t.id, line);
    let h = this.history.get(t.id);
    if (h === undefined) this.history.set(t.id, (h = []));
    h.push(rt.steps, line);
  };

  /** Called at every iteration of every loop of the program. */
  readonly spin = (line: number): void => {
    // 2^22 iterations: only a loop that never yields gets here, long before the page's watchdog.
    if ((++this.#spins & 0x3fffff) !== 0) return;
    this.reportSpin(activeRuntime()?.current?.name ?? 'MainThread', line);
  };

  /** The line thread `id` was at when step `step` ran, or null. */
  lineAt(id: number, step: number): number | null {
    const h = this.history.get(id);
    if (h === undefined) return null;
    let line: number | null = null;
    for (let i = 0; i < h.length && h[i]! <= step; i += 2) line = h[i + 1]!;
    return line;
  }

  /** Forgets the last run's lines (the next run starts clean even if it makes no call). */
  clear(): void {
    this.#runtime = null;
    this.current.clear();
    this.history.clear();
  }

  #reset(rt: Runtime): void {
    this.#runtime = rt;
    this.current.clear();
    this.history.clear();
  }
}
