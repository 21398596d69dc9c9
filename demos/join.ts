// join(): main sleeps 3 s, then joins daemon threads of 2 s and 5 s. Look for: both threads
// print "Task End", and main ends at 5.0 s: join blocks until the 5-s thread is done, daemon or
// not (tutorial 1.4).
import { currentThread, print, sleep, Thread, time } from 'interleave-threads';

function* f1(sec: number) {
  const current = currentThread().name;
  yield* print(`Task start, thread is ${current} value is ${sec}`);
  yield* sleep(sec);
  yield* print(`Task End, thread is ${current} value is ${sec}`);
}

export default function* main() {
  const tasks = [2, 5].map((j) => {
    const t = new Thread({ target: f1, args: [j] });
    t.daemon = true;
    return t;
  });
  const beg = time();
  yield* print('Main Thread start..');
  for (const t of tasks) t.start();
  yield* sleep(3);
  for (const t of tasks) yield* t.join(); // no timeout: waits as long as it takes
  yield* print('Main Thread end..');
  yield* print((time() - beg).toFixed(3));
}
