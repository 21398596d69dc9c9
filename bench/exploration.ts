import fc from 'fast-check';
import { explore, type Shared, shared, Thread } from '../src/index';

/*
 * The lost-update race, for the exploration throughput figure: two tasks each read a shared
 * counter, then write counter + 1; a correct interleaving ends at 2, the race at 1. Both tools
 * run their whole budget (the check counts failures instead of stopping at the first), as
 * `explore` does by default, and each must find the bug at least once.
 */

/** One execution of the race on fast-check's scheduler; resolves to the final counter. */
async function raceOn(s: fc.Scheduler): Promise<number> {
  let counter = 0;
  const read = s.scheduleFunction(async () => counter);
  const write = s.scheduleFunction(async (v: number) => {
    counter = v;
  });
  const task = async (): Promise<void> => {
    const v = await read();
    await write(v + 1);
  };
  await s.waitFor(Promise.all([task(), task()]));
  return counter;
}

/**
 * fast-check, the way its race-condition guide shows: `fc.scheduler()` wraps the async reads and
 * writes, `s.waitFor` drives the tasks to the end in the order the scheduler picks. Returns the
 * executions made; throws if none of them lost the update.
 */
export async function fastCheckLostUpdate(runs: number, seed: number): Promise<number> {
  let executions = 0;
  let lost = 0;
  await fc.assert(
    fc.asyncProperty(fc.scheduler(), async (s) => {
      const counter = await raceOn(s);
      executions++;
      if (counter !== 2) lost++;
      return true;
    }),
    { numRuns: runs, seed },
  );
  if (lost === 0) throw new Error(`fast-check did not find the lost update in ${runs} runs`);
  return executions;
}

/** fast-check with the check as an assertion: true when fc.assert reports the failure. */
export async function fastCheckFindsIt(runs: number, seed: number): Promise<boolean> {
  try {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        return (await raceOn(s)) === 2;
      }),
      { numRuns: runs, seed },
    );
    return false;
  } catch {
    return true;
  }
}

/** One task of the race: read the shared counter, then write it + 1 (Python's `counter += 1`). */
function* increment(counter: Shared<number>): Generator<unknown, void, never> {
  const v = yield* counter.read();
  yield* counter.write(v + 1);
}

/**
 * The same race as an interleave program, written as Python writes it: the task is a function
 * of the module and the thread gets the counter in `args` (`Thread(target=task, args=(c,))`).
 */
function* lostUpdate(): Generator<unknown, number, never> {
  const counter = shared(0, 'counter');
  const a = new Thread({ target: increment, args: [counter] });
  const b = new Thread({ target: increment, args: [counter] });
  a.start();
  b.start();
  yield* a.join();
  yield* b.join();
  return counter.value;
}

/**
 * The race with its task as a closure inside main, as fast-check's version has its tasks: each
 * run makes a new generator function, and V8 gives each new generator function a prototype and
 * a hidden class of its own (about 1 µs and an old-generation object each), so runs cost more.
 */
function* lostUpdateClosure(): Generator<unknown, number, never> {
  const counter = shared(0, 'counter');
  function* task(): Generator<unknown, void, never> {
    const v = yield* counter.read();
    yield* counter.write(v + 1);
  }
  const a = new Thread({ target: task });
  const b = new Thread({ target: task });
  a.start();
  b.start();
  yield* a.join();
  yield* b.join();
  return counter.value;
}

/**
 * `explore` with the random strategy, switching possible at every step, over `runs` runs (of the
 * closure form with `closure`). Returns the runs made; throws if none of them lost the update.
 */
export function interleaveLostUpdate(runs: number, seed: number, closure = false): number {
  const main = closure ? lostUpdateClosure : lostUpdate;
  // No shrinking: fast-check's property above never fails, so it never shrinks either, and
  // both figures count the executions of the budget alone.
  const report = explore(main, {
    strategy: 'random',
    runs,
    seed,
    switchInterval: 1,
    shrink: false,
    check: (r) => r.value === 2,
  });
  if (report.failures === 0) throw new Error(`explore did not find the lost update in ${runs} runs`);
  return report.runs;
}
