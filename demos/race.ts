// A race: ten threads each add 1 to a shared counter with no lock. `count += 1` is a read step
// then a write step, so a switch between the two loses an update, and two prints can run into
// one line. Look for: "Final count" below 10, and a line such as `Count is 0Count is 1`.
import { print, randint, type RunResult, shared, Thread } from 'interleave-threads';

/** How many threads add 1: the count the program should reach. */
export const INCREMENTS = 10;

/** The GIL may change hands every 7 steps (CPython's is every 5 ms), often enough to land in the window. */
export const options = { switchInterval: 7 };

/** Stands for the rest of a thread's code: one step per "bytecode". */
function* work(steps: number) {
  for (let i = 0; i < steps; i++) yield;
}

export default function* main() {
  const count = shared(0, 'count');
  function* f1() {
    yield* work(randint(1, 50)); // threads get to the counter at different moments
    yield* print('Count is', yield* count.read());
    yield* count.update((n) => n + 1); // Python's `count += 1`: a read, then a write
  }
  const tasks = Array.from({ length: INCREMENTS }, () => new Thread({ target: f1 }));
  for (const t of tasks) t.start();
  for (const t of tasks) yield* t.join();
  yield* print(`Final count: ${count.value} (expected ${INCREMENTS})`);
  return count.value;
}

/** What `interleave explore race` checks: no update was lost. */
export function check(result: RunResult): boolean {
  return result.value === INCREMENTS;
}
