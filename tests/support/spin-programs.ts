// Spin-waits written the recommended way, with `yield* sleep(0)` in the wait loop.
import { shared, sleep, Thread, type MainFunction, type RunResult } from 'interleave-threads';

/**
 * Peterson's mutual exclusion for two threads, each adding 1 to a counter `rounds` times inside
 * the critical section (a read step, then a write step). Correct on sequentially consistent
 * cells, which shared cells are: no schedule loses an update.
 */
export function peterson(rounds: number): MainFunction<number> {
  return function* main() {
    const flag = [shared(false, 'flag0'), shared(false, 'flag1')];
    const turn = shared(0, 'turn');
    const count = shared(0, 'count');
    function* worker(me: number, other: number) {
      for (let i = 0; i < rounds; i++) {
        yield* flag[me]!.write(true);
        yield* turn.write(other);
        while ((yield* flag[other]!.read()) && (yield* turn.read()) === other) yield* sleep(0);
        yield* count.write((yield* count.read()) + 1);
        yield* flag[me]!.write(false);
      }
    }
    const threads = [new Thread({ target: worker, args: [0, 1] }), new Thread({ target: worker, args: [1, 0] })];
    for (const t of threads) t.start();
    for (const t of threads) yield* t.join();
    return count.value;
  };
}

export const petersonOk =
  (rounds: number) =>
  (r: RunResult): boolean =>
    r.status === 'ok' && r.value === 2 * rounds;

/** A thread waits (spinning with sleep(0)) for a flag that another thread raises after `work` steps. */
export function flagWait(work: number): MainFunction<number> {
  return function* main() {
    const ready = shared(false, 'ready');
    let spins = 0;
    const raiser = new Thread({
      target: function* () {
        for (let i = 0; i < work; i++) yield;
        yield* ready.write(true);
      },
    });
    raiser.start();
    while (!(yield* ready.read())) {
      spins++;
      yield* sleep(0);
    }
    yield* raiser.join();
    return spins;
  };
}
