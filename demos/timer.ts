// Timer threads: Timer(3, delayed) named d1 calls delayed() after 3 s. Look for: d1 fires at
// 3.0 s; a second timer, cancelled before its time, never fires (tutorial's timer example,
// with its commented-out t1.cancel() made a second timer).
import { currentThread, print, time, Timer } from 'interleave-threads';

function* delayed() {
  yield* print(`threading name is ${currentThread().name} (at ${time().toFixed(3)} s)`);
}

export default function* main() {
  const beg = time();
  const t1 = new Timer(3, delayed);
  t1.name = 'd1';
  t1.start();
  const t2 = new Timer(1, delayed);
  t2.name = 'd2';
  t2.start();
  t2.cancel(); // before its 1 s is up, so delayed() is never called for d2
  yield* t1.join();
  yield* t2.join();
  yield* print(`Cost time ${(time() - beg).toFixed(3)}`);
  yield* print(`d2 was cancelled and never fired; it ended at once: ${t2.isAlive() ? 'no' : 'yes'}`);
}
