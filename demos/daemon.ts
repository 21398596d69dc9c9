// Daemon threads: two daemons sleep 2 s and 5 s while main sleeps 1 s. Look for: main ends at
// 1.0 s and the run ends with it; neither daemon prints "Task End", because daemons still alive
// at exit are abandoned (tutorial 1.3; its printed output, where the 2-s thread ends, is what
// you get when main sleeps 3 s instead of 1, as its text says: change the 1 below and see).
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
