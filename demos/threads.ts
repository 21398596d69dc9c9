// Starting threads: five threads named Mythread-0..4 each sleep a random 1-3 s. Look for: all
// five start at once; they end in the order of their sleeps, not of their starts; the names
// come from the `name` option (tutorial 1.1, 1.2). Try --seed 1 for other sleeps.
import { currentThread, print, randint, sleep, Thread, time } from 'interleave-threads';

function* f1(x: number) {
  const current = currentThread().name;
  yield* print(`Task start, thread is ${current} value is ${x}`);
  const secs = randint(1, 3); // seeded by the run's --seed, so every rerun is the same
  yield* sleep(secs);
  yield* print(`Task End, thread is ${current} value is ${x} (slept ${secs} s, now ${time().toFixed(3)} s)`);
}

export default function* main() {
  const task = [0, 1, 2, 3, 4].map((j) => new Thread({ target: f1, args: [j], name: `Mythread-${j}` }));
  for (const t of task) t.start();
}
