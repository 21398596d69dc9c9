import type { StepWatch } from '../scheduler/step-watch';
import type { ThreadRecord } from '../scheduler/thread-record';
import { generatorLocation, type SourceLocation } from './generator-location';

/** What a diagnostic re-run found at the step that never ended. */
export interface StallSite {
  /** The thread that was running. */
  readonly thread: string;
  /** Where it last yielded (or, when it never had, where its function starts); null if unknown. */
  readonly at: SourceLocation | null;
  /** True when the thread hung in its very first step (it never yielded). */
  readonly firstStep: boolean;
}

/** The shared memory a heartbeat writes and a watchdog reads. */
export function heartbeatBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(16);
}

/** Reads a heartbeat buffer from the watching thread. */
export class HeartbeatView {
  readonly #active: Int32Array;
  readonly #beats: Float64Array;

  constructor(buffer: SharedArrayBuffer) {
    this.#active = new Int32Array(buffer, 0, 1);
    this.#beats = new Float64Array(buffer, 8, 1);
  }

  /** True while a run's step loop is going. */
  get active(): boolean {
    return Atomics.load(this.#active, 0) !== 0;
  }

  /** Steps started so far in the watched thread, over all its runs. */
  get beats(): number {
    return this.#beats[0]!;
  }
}

/**
 * The step watch a worker installs: it counts steps into shared memory, where a watchdog on
 * another thread sees them stop. In a diagnostic re-run (`locateAt`, the count at which the first
 * run stalled) it also reports, just before the step that hangs, which thread runs it and where
 * that thread last yielded.
 */
export class Heartbeat implements StepWatch {
  readonly #active: Int32Array;
  readonly #beats: Float64Array;
  #count = 0;

  constructor(
    buffer: SharedArrayBuffer,
    readonly locateAt: number | null = null,
    readonly onLocated: (site: StallSite) => void = () => undefined,
  ) {
    this.#active = new Int32Array(buffer, 0, 1);
    this.#beats = new Float64Array(buffer, 8, 1);
  }

  runStarted(): void {
    Atomics.store(this.#active, 0, 1);
  }

  step(thread: ThreadRecord): void {
    // A plain store: the watchdog only needs to see the number change, not each value.
    this.#beats[0] = ++this.#count;
    if (this.#count === this.locateAt) this.#locate(thread);
  }

  runEnded(): void {
    Atomics.store(this.#active, 0, 0);
  }

  #locate(thread: ThreadRecord): void {
    let at: SourceLocation | null = null;
    try {
      at = thread.gen === null ? null : generatorLocation(thread.gen);
    } catch {
      // The inspector may be unavailable (a runtime without it): the thread's name is still worth reporting.
    }
    this.onLocated({ thread: thread.name, at, firstStep: thread.steps === 0 });
  }
}
