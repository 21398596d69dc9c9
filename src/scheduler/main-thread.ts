import type { ThreadGenerator } from './instruction';
import type { Runtime } from './runtime';

/**
 * Makes the run's main thread (`MainThread`, not a daemon) and starts it on `main`'s generator.
 * The engine starts main itself, so it needs nothing from the public API; the public `Thread`
 * object of main is made by `primitives/thread` the first time a program asks for it.
 */
export function startMainThread(rt: Runtime, main: () => ThreadGenerator): void {
  rt.start(rt.newThread(null, 'MainThread', false), mainGenerator(main));
}

function mainGenerator(main: () => ThreadGenerator): ThreadGenerator {
  try {
    return main();
  } catch (error) {
    // Calling a generator function evaluates its parameter defaults: an error there belongs to
    // main's first step, as for any thread.
    return raise(error);
  }
}

function* raise(error: unknown): ThreadGenerator {
  throw error;
}
