// A Condition: go1 and go2 share one; go1 counts to 7 but at i == 5 waits on it, which lets go
// of its lock so go2 can take it, count to 6 and notify. Look for: go1's 0..5, then go2's
// 0..6, then go1's 6 and 7: go1 cannot resume before go2 releases the lock (tutorial 2.5).
import { Condition, currentThread, print, sleep, Thread } from 'interleave-threads';

export default function* main() {
  const cond = new Condition({ name: 'cond' });
  function* go1() {
    yield* cond.acquire(); // Python's `with cond:`
    try {
      for (let i = 0; i < 8; i++) {
        yield* sleep(1);
        yield* print(currentThread().name, i, 'go1');
        if (i === 5) yield* cond.wait(); // releases cond's lock until go2 notifies
      }
    } finally {
      cond.release();
    }
  }
  function* go2() {
    yield* cond.acquire();
    try {
      for (let i = 0; i < 7; i++) {
        yield* sleep(1);
        yield* print(currentThread().name, i);
      }
      cond.notify(); // wakes go1, which still needs the lock: it runs once go2 releases it
    } finally {
      cond.release();
    }
  }
  new Thread({ target: go1 }).start(); // first, so it takes the lock first
  new Thread({ target: go2 }).start();
}
