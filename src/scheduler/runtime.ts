import type { ResolvedRunOptions } from './options';
import type { Strategy } from './strategies/strategy';
import { alea } from './alea';
import { captureLocation } from './source-location';
import { StepLoop } from './step-loop';
import { ThreadRecord, type Waitable } from './thread-record';
export type { RunStatus } from '../types';
export { RECENT } from './step-loop';

/** `Thread-1`, `Thread-2`, ...: each name made once, not once a run (kept for the first few). */
const THREAD_NAMES: string[] = [];
const NAMES_KEPT = 64;

function threadName(n: number): string {
  if (n >= NAMES_KEPT) return `Thread-${n}`;
  return (THREAD_NAMES[n] ??= `Thread-${n}`);
}

/**
 * One run: the threads, the clock, the timers, the strategy and everything the run produces.
 * Created per run and dropped after it, so runs never share state. Built in layers, one job a
 * file: what a run holds (`RunState`), its threads' life (`ThreadLifecycle`), the step loop
 * (`StepLoop`), and here what ops call to make threads, name primitives, announce their next
 * step and draw the program's random numbers.
 */
export class Runtime extends StepLoop {
  #threadNumber = 0;
  // Made on first use: most runs name no primitive.
  #names: Map<string, number> | null = null;
  /** The program's `random()` generator, seeded on first use (hashing the seed costs more than a short run's step). */
  #programRng: (() => number) | null = null;

  // An explicit constructor: the implicit one of a derived class with fields passes its
  // arguments on by spreading them, which costs in every run.
  constructor(options: ResolvedRunOptions, strategy: Strategy) {
    super(options, strategy);
  }

  /** Makes a thread record; `name` null gives the next `Thread-N`. */
  newThread(owner: object | null, name: string | null, daemon: boolean): ThreadRecord {
    const t = new ThreadRecord(this.threads.length, name ?? threadName(++this.#threadNumber), daemon, owner);
    this.threads.push(t);
    return t;
  }

  /** A name for an unnamed primitive: `Lock-1`, `Lock-2`, ... counted per kind in this run. */
  nameFor(kind: string): string {
    const names = (this.#names ??= new Map());
    const n = (names.get(kind) ?? 0) + 1;
    names.set(kind, n);
    return `${kind}-${n}`;
  }

  /** The next number of the program's seeded `random()`; an exploring strategy sees each draw. */
  random(): number {
    const rng = (this.#programRng ??= alea(`${this.options.seed}:program`));
    this.strategy.touch?.(rng, 'random');
    return rng();
  }

  /**
   * Marks what the current thread's next step will do (`'acquire'` on a lock): ops call it just
   * before their step's `yield`, so the `step` view and reports can show it. Two stores, no allocation
   * (with `locations`, a stack capture, and `arg`, the value a write will store, is kept).
   */
  announce(what: string, on: Waitable | null, arg?: unknown): void {
    const t = this.current!;
    t.opName = what;
    t.opOn = on;
    if (this.locations) {
      t.at = captureLocation();
      t.opArg = arg;
    }
  }
}
