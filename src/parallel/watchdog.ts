import type { HeartbeatView, StallSite } from './heartbeat';

/** The default `--watchdog`: seconds without a finished step before a program is stopped. */
export const DEFAULT_WATCHDOG_SECONDS = 5;

/**
 * Watches a worker's heartbeat from another thread and calls `onStall` once when a run's step
 * loop has started no step for `seconds` (wall-clock: the watchdog is outside every run, so it
 * may read the host's clock). Time between runs does not count: a command's own work (a report,
 * a shrink between runs, waiting for the user's input) is not a stalled step.
 */
export class Watchdog {
  #timer: NodeJS.Timeout | null = null;
  #beats = -1;
  #since = 0;

  constructor(
    readonly view: HeartbeatView,
    readonly seconds: number,
    readonly onStall: (beats: number) => void,
    readonly now: () => number = Date.now,
  ) {}

  /** Starts watching; the interval does not keep the process alive on its own. */
  start(): this {
    const every = Math.max(20, Math.min(250, (this.seconds * 1000) / 5));
    this.#timer = setInterval(() => this.check(), every);
    this.#timer.unref();
    return this;
  }

  /** One look at the heartbeat (called by the interval; public for tests with an injected clock). */
  check(): void {
    const beats = this.view.beats;
    const t = this.now();
    if (!this.view.active || beats !== this.#beats) {
      this.#beats = beats;
      this.#since = t;
      return;
    }
    if (t - this.#since >= this.seconds * 1000) {
      this.stop();
      this.onStall(beats);
    }
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }
}

/**
 * The report of a stopped program: which thread was running, where it last yielded, and the fix.
 * `where` turns a file into how the user should see it (relative to the current directory).
 */
export function stallMessage(
  seconds: number,
  site: StallSite | null,
  where: (file: string) => string = (f) => f,
): string {
  const lines = [
    `watchdog: no step finished for ${seconds} s: a thread is running code that never yields, so the run would never end.`,
  ];
  if (site !== null) {
    const at = site.at === null ? '' : `${where(site.at.file)}:${site.at.line}`;
    if (site.firstStep)
      lines.push(
        `${site.thread} was running; it never yielded since it started${at === '' ? '' : ` (its function begins at ${at})`}.`,
      );
    else
      lines.push(
        `${site.thread} was running; it last yielded at ${at === '' ? 'a line the inspector could not tell' : at}.`,
      );
  }
  lines.push('A loop that waits must yield: `while (!flag) yield;` (or wait on a primitive: `yield* event.wait()`).');
  return `${lines.join('\n')}\n`;
}
