import { TypeError, ValueError } from '../errors';
import { isGeneratorFunction, notGeneratorReason } from '../_internal/generator-function';
import { currentRuntime } from '../scheduler/context';
import { BLOCK } from '../scheduler/instruction';
import { BLOCKED, DESCRIBE, HOLDERS, type Waitable } from '../scheduler/thread-record';
import { RECORD, Thread, type ThreadTarget } from './thread';

/**
 * A thread that calls `fn(...args)` after `interval` virtual seconds, unless `cancel()` came
 * first (Python's `threading.Timer`). A cancelled timer that is still waiting ends at once.
 *
 * @example
 * const t = new Timer(3, delayed);
 * t.name = 'd1';
 * t.start();
 */
export class Timer<A extends unknown[] = unknown[]> extends Thread<A> {
  /** Seconds between `start()` and the call. */
  readonly interval: number;
  // Argument types erased, as in Thread, so a Timer<[number]> is a Timer.
  readonly #fn: (...args: readonly unknown[]) => Generator<unknown, unknown, unknown>;
  readonly #fnArgs: readonly unknown[];
  #cancelled = false;
  #waiting = false;

  constructor(interval: number, fn: ThreadTarget<A>, args?: A, options: { name?: string; daemon?: boolean } = {}) {
    super(options);
    if (typeof interval !== 'number' || Number.isNaN(interval))
      throw new ValueError(`Timer interval must be a number of seconds, got ${String(interval)}`);
    if (!isGeneratorFunction(fn)) throw new TypeError(notGeneratorReason('Timer function', fn));
    if (args !== undefined && !Array.isArray(args))
      throw new TypeError('Timer args must be an array of arguments for the function');
    this.interval = interval;
    this.#fn = fn as (...args: readonly unknown[]) => Generator<unknown, unknown, unknown>;
    this.#fnArgs = args ?? [];
  }

  override *run(): Generator<unknown, unknown, unknown> {
    if (this.#cancelled) return undefined;
    const rt = currentRuntime('Timer.run()');
    yield;
    // cancel() may have come after the first step and before the wait began: then no wait at all.
    if (this.#cancelled) return undefined;
    const interval = Math.max(0, this.interval);
    const wait: Waitable = { [DESCRIBE]: () => `its ${interval} s interval (Timer)`, [HOLDERS]: () => [] };
    this.#waiting = true;
    rt.block(rt.current!, wait, null, interval);
    yield BLOCK;
    this.#waiting = false;
    if (!this.#cancelled) yield* this.#fn(...this.#fnArgs);
    return undefined;
  }

  /** Stops the timer if it has not fired yet; a waiting timer thread ends at once. */
  cancel(): void {
    this.#cancelled = true;
    const rec = this[RECORD];
    if (this.#waiting && rec.state === BLOCKED) {
      this.#waiting = false;
      currentRuntime('Timer.cancel()').finish(rec, undefined, null);
    }
  }
}
