// A deadlock: f1 takes lockA then lockB, f2 takes lockB then lockA, each sleeping 1 s in
// between. Look for: the run stops with status deadlock, and the summary says who holds which
// lock and who waits for it, and the cycle Thread-1 -> Thread-2 -> Thread-1 (tutorial 2.2).
import { Lock, print, type RunResult, sleep, Thread } from 'interleave-threads';

export default function* main() {
  const lockA = new Lock({ name: 'lockA' });
  const lockB = new Lock({ name: 'lockB' });
  function* f1() {
    yield* lockA.acquire();
    yield* print('f1: lockA locked');
    yield* sleep(1); // meanwhile f2 takes lockB
    yield* lockB.acquire(); // waits for f2, which waits for us
    yield* print('f1: lockB locked');
    lockB.release();
    lockA.release();
  }
  function* f2() {
    yield* lockB.acquire();
    yield* print('f2: lockB locked');
    yield* sleep(1);
    yield* lockA.acquire();
    yield* print('f2: lockA locked');
    lockA.release();
    lockB.release();
  }
  new Thread({ target: f1 }).start();
  new Thread({ target: f2 }).start();
}

/** What `interleave explore deadlock` checks: the run ends ok. */
export function check(result: RunResult): boolean {
  return result.status === 'ok';
}
