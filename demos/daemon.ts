// Daemon threads (tutorial 1.3): daemons of 2 s and 5 s while main sleeps 1 s. Look for: main
// ends at 1.0 s and the run with it; neither daemon prints "Task End": daemons still alive at
// exit are abandoned. (The tutorial's printed output is what main sleeping 3 s gives: try it.)
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
    t.daemon = true; // Python's t.setDaemon(True): main will not wait for it
    return t;
  });
  const beg = time();
  yield* print('Main Thread start..');
  for (const t of tasks) t.start();
  yield* sleep(1);
  yield* print('Main Thread end..');
  yield* print((time() - beg).toFixed(3));
}
