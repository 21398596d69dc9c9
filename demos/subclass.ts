// Deriving a thread: a Worker subclass overrides run(). Look for: five workers that each sleep
// 1 s cost about 1.0 s together, not 5, because a sleeping thread does not hold the GIL; and
// the default names Thread-1..5 (tutorial 1.1.2).
import { currentThread, print, sleep, Thread, time } from 'interleave-threads';

class Worker extends Thread {
  override *run() {
    yield* sleep(1);
    yield* print(`This is ${currentThread().name}`);
  }
}

export default function* main() {
  const beg = time();
  const jobs = Array.from({ length: 5 }, () => new Worker());
  for (const j of jobs) j.start();
  for (const j of jobs) yield* j.join();
  yield* print(`Cost time ${(time() - beg).toFixed(3)} s`);
}
