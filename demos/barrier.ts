// A Barrier: three runners reach the start line at random moments and wait there; when the
// third arrives the barrier trips: its action fires the starting gun, and all three go at once.
// Look for: different arrival times, then one start time for everyone.
import { Barrier, currentThread, print, randint, sleep, Thread, time } from 'interleave-threads';

export default function* main() {
  const start = new Barrier(
    3,
    function* () {
      yield* print(`${time().toFixed(3)} bang! (the action runs once, in the last thread to arrive)`);
    },
    undefined,
    { name: 'start line' },
  );
  function* runner() {
    const name = currentThread().name;
    yield* sleep(randint(1, 4));
    yield* print(`${time().toFixed(3)} ${name} is at the start line (${start.nWaiting} already waiting)`);
    const index = yield* start.wait(); // 0, 1 or 2: a different number in each thread
    yield* print(`${time().toFixed(3)} ${name} runs (wait() returned ${index})`);
  }
  const runners = ['Ann', 'Bob', 'Cid'].map((name) => new Thread({ target: runner, name }));
  for (const r of runners) r.start();
  for (const r of runners) yield* r.join();
}
