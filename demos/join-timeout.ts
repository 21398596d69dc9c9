// join(timeout): main calls join(3) on a 2-s and a 5-s thread in turn. Look for: main ends at
// 5.0 s, not 6: join(3) returns as soon as the thread ends, so the first join returns at 2 s,
// and the second waits from 2 s to at most 5 s, which is when the 5-s thread ends anyway.
import { currentThread, print, sleep, Thread, time } from 'interleave-threads';

function* f1(sec: number) {
  const beg = time();
  const current = currentThread().name;
  yield* print(`Task start, thread is ${current} value is ${sec}`);
  yield* sleep(sec);
  yield* print(`Task End, thread is ${current} value is ${sec}`);
  yield* print(current, (time() - beg).toFixed(3));
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
  for (const t of tasks) {
    const ended = yield* t.join(3); // at most 3 s each; true when the thread has ended
    yield* print(`join(3) on ${t.name} returned ${ended ? 'True' : 'False'} at ${(time() - beg).toFixed(3)} s`);
  }
  yield* print('Main Thread end..');
  yield* print((time() - beg).toFixed(3));
}
