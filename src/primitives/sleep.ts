import { ValueError } from '../errors';
import { currentRuntime } from '../scheduler/context';
import { BLOCK, type Op } from '../scheduler/instruction';
import { DESCRIBE, HOLDERS, type Waitable } from '../scheduler/thread-record';

/**
 * Blocks the current thread for `seconds` of virtual time, without the GIL (Python's
 * `time.sleep`); other threads run meanwhile. `sleep(0)` gives the others a turn: every thread
 * runnable at that moment is picked once before this one runs again, under every strategy, and
 * it is not a preemption. Write a wait loop with it: `while (!(yield* ready.read())) yield* sleep(0);`
 *
 * @example
 * yield* sleep(1.5);
 */
export function* sleep(seconds: number): Op<void> {
  const rt = currentRuntime('sleep()');
  if (typeof seconds !== 'number' || Number.isNaN(seconds))
    throw new ValueError(`sleep length must be a number of seconds, got ${String(seconds)}`);
  if (seconds < 0) throw new ValueError(`sleep length must be non-negative, got ${seconds}`);
  const wait = new SleepWait(seconds);
  rt.announce('sleep', wait);
  yield;
  const t = rt.current!;
  // sleep(0) lets every other runnable thread go first (fair: a spin-wait cannot starve them).
  if (seconds !== 0 || rt.options.legacySleep0 === true || !rt.yieldTurn(t, wait)) rt.block(t, wait, null, seconds);
  yield BLOCK;
}

class SleepWait implements Waitable {
  constructor(readonly seconds: number) {}
  [DESCRIBE](): string {
    return `sleep(${this.seconds})`;
  }
  [HOLDERS](): never[] {
    return [];
  }
}

/** Virtual seconds since the run started (Python's `time.time()`, starting at 0). */
export function time(): number {
  const rt = currentRuntime('time()');
  // Reading the clock depends on every step before it (exploration must not reorder around it).
  if (rt.strategy.touch !== undefined) rt.strategy.touch(rt.clock, 'time');
  return rt.clock.now();
}
