// Dining philosophers: each takes the fork on the left, then the one on the right. Look for: all
// five holding a left fork and waiting for the right one, a cycle, so the run deadlocks. The fix
// (`interleave run philosophers --main fixed`): take the lower-numbered fork first.
import { Lock, print, type RunResult, sleep, Thread } from 'interleave-threads';

/** A switch may come every 3 steps: often enough for everyone to grab a left fork. */
export const options = { switchInterval: 3 };

const N = 5;
const MEALS = 2;

/** Seats five philosophers; returns the meals eaten, unless they deadlock. */
function* dinner(firstFork: (left: number, right: number) => number) {
  const forks = Array.from({ length: N }, (_, i) => new Lock({ name: `fork-${i}` }));
  function* philosopher(i: number) {
    const left = i;
    const right = (i + 1) % N;
    const first = firstFork(left, right);
    const second = first === left ? right : left;
    for (let meal = 1; meal <= MEALS; meal++) {
      yield* forks[first]!.acquire();
      yield* print(`P${i} takes fork-${first}`);
      yield* forks[second]!.acquire(); // while holding the first: where the cycle closes
      yield* print(`P${i} takes fork-${second} and eats (meal ${meal})`);
      yield* sleep(1);
      forks[second]!.release();
      forks[first]!.release();
    }
  }
  const table = Array.from({ length: N }, (_, i) => new Thread({ target: philosopher, args: [i], name: `P${i}` }));
  for (const p of table) p.start();
  for (const p of table) yield* p.join();
  yield* print(`everyone ate ${MEALS} meals`);
  return N * MEALS;
}

/** Everyone takes the left fork first: P0 waits for P1, P1 for P2, ..., P4 for P0. */
export default function* main() {
  return yield* dinner((left) => left);
}

/** Everyone takes the lower-numbered fork first: P4 reaches for fork-0 before fork-4, which breaks the cycle. */
export function* fixed() {
  return yield* dinner((left, right) => Math.min(left, right));
}

/** What `interleave explore philosophers` checks: the run ends ok. */
export function check(result: RunResult): boolean {
  return result.status === 'ok';
}
