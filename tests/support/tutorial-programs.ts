import { Lock, print, sleep, Thread } from 'interleave-threads';

/** The tutorial's deadlock: lockA and lockB taken in opposite orders, with a sleep in between. */
export function* deadlock(): Generator<unknown, void, never> {
  const lockA = new Lock({ name: 'lockA' });
  const lockB = new Lock({ name: 'lockB' });
  function* f1() {
    yield* lockA.acquire();
    yield* print('A locked');
    yield* sleep(1);
    yield* lockB.acquire();
    yield* print('B locked');
    lockB.release();
    lockA.release();
  }
  function* f2() {
    yield* lockB.acquire();
    yield* print('B locked');
    yield* sleep(1);
    yield* lockA.acquire();
    yield* print('A locked');
    lockA.release();
    lockB.release();
  }
  new Thread({ target: f1 }).start();
  new Thread({ target: f2 }).start();
}
