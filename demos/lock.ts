// The race fixed with a Lock (tutorial 2.1): the read, the print and the write happen while
// holding it, so no thread comes between them. Look for: Count is 0..9 in order, a final count
// of 10, and `interleave explore lock` finding no failure on any schedule.
import { Lock, print, randint, type RunResult, shared, Thread, time, withLock } from 'interleave-threads';

export const INCREMENTS = 10;

/** The same switch interval as the race demo: the lock, not luck, keeps the count right. */
export const options = { switchInterval: 7 };

function* work(steps: number) {
  for (let i = 0; i < steps; i++) yield;
}

export default function* main() {
  const count = shared(0, 'count');
  const lock = new Lock({ name: 'lock' });
  function* f1() {
    yield* work(randint(1, 50));
    yield* withLock(lock, function* () {
      // Python's `with lock:` (acquire, then release in finally)
      yield* print('Count is', yield* count.read());
      yield* count.update((n) => n + 1);
    });
  }
  const beg = time();
  // As in the tutorial, main prints this line without waiting for the threads.
  const tasks = Array.from({ length: INCREMENTS }, () => new Thread({ target: f1 }));
  for (const t of tasks) t.start();
  yield* print(
    `main started ${INCREMENTS} threads in ${(time() - beg).toFixed(6)} s and does not wait before this line`,
  );
  for (const t of tasks) yield* t.join();
  yield* print(`Final count: ${count.value} (expected ${INCREMENTS})`);
  return count.value;
}

export function check(result: RunResult): boolean {
  return result.value === INCREMENTS;
}
