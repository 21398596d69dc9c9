import { RuntimeError } from '../errors';
import type { Runtime } from './runtime';

/**
 * The run in progress. This is the one piece of module state: free functions such as
 * `currentThread()` and `sleep()` need to find their run, and a run is synchronous, so a single
 * slot (saved and restored around nested runs) is exact. Everything else hangs off the Runtime.
 */
let active: Runtime | null = null;

/** The run in progress, or a RuntimeError that says how thread code must be run. */
export function currentRuntime(what = 'this operation'): Runtime {
  if (active === null) {
    throw new RuntimeError(
      `${what} can only be used inside a thread of a running program: pass the main generator function to run(), and call it there with yield*`,
    );
  }
  return active;
}

/** The run in progress, or null outside any run. */
export function activeRuntime(): Runtime | null {
  return active;
}

/** Makes `rt` (or none) the active run and returns the one it replaces, for the caller to restore. */
export function swapActive(rt: Runtime | null): Runtime | null {
  const saved = active;
  active = rt;
  return saved;
}
