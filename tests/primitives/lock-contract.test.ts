import {
  BoundedSemaphore,
  Condition,
  explore,
  Lock,
  Queue,
  RLock,
  run,
  Semaphore,
  sleep,
  Thread,
  time,
} from 'interleave-threads';
import { ST, value } from '../support/run-helpers';

/*
 * One contract for every lock-like primitive (CPython's lock_tests.BaseLockTests, run for each
 * type): what they share, and how they are not fair. A release frees the resource and wakes the
 * longest waiter; whoever is scheduled first takes it, and a woken waiter that lost waits again,
 * first in line, until its first deadline.
 */

interface LockLike {
  acquire(options?: { blocking?: boolean; timeout?: number }): Generator<unknown, boolean, unknown>;
  release(): void;
}

const KINDS: [string, (name: string) => LockLike][] = [
  ['Lock', (name) => new Lock({ name })],
  ['RLock', (name) => new RLock({ name })],
  ['Semaphore', (name) => new Semaphore(1, { name })],
  ['BoundedSemaphore', (name) => new BoundedSemaphore(1, { name })],
];

describe.each(KINDS)('%s: the lock contract', (kind, make) => {
  it('acquires and releases; a non-blocking acquire fails while another thread holds it, and succeeds once it is free', () => {
    expect(
      value(function* () {
        const lock = make('l');
        const seen: boolean[] = [yield* lock.acquire()];
        const other = new Thread({
          target: function* () {
            seen.push(yield* lock.acquire({ blocking: false }));
          },
        });
        other.start();
        yield* other.join();
        lock.release();
        seen.push(yield* lock.acquire({ blocking: false }));
        lock.release();
        return seen;
      }),
    ).toEqual([true, false, true]);
  });

  it('a thread blocked in acquire goes on once the holder releases', () => {
    expect(
      value(function* () {
        const lock = make('l');
        const log: string[] = [];
        yield* lock.acquire();
        const w = new Thread({
          target: function* () {
            yield* lock.acquire();
            log.push(`w got it at ${time()}`);
            lock.release();
          },
        });
        w.start();
        yield* sleep(1);
        log.push('main releases');
        lock.release();
        yield* w.join();
        return log;
      }),
    ).toEqual(['main releases', `w got it at ${1 + 4 * ST}`]);
  });

  it('a timed-out acquire returns false at exactly its deadline', () => {
    expect(
      value(function* () {
        const lock = make('l');
        yield* lock.acquire();
        let out = '';
        const w = new Thread({
          target: function* () {
            const start = time();
            const ok = yield* lock.acquire({ timeout: 1 });
            out = `${ok} after ${time() - start}`;
          },
        });
        w.start();
        yield* w.join();
        lock.release();
        return out;
      }),
    ).toBe(`false after ${1 + ST}`);
  });

  it('under round-robin the waiters get it in the order they started waiting', () => {
    expect(
      value(function* () {
        const lock = make('l');
        const order: string[] = [];
        yield* lock.acquire();
        const waiters = ['a', 'b', 'c'].map(
          (name) =>
            new Thread({
              name,
              target: function* () {
                yield* lock.acquire();
                order.push(name);
                yield* sleep(0.1);
                lock.release();
              },
            }),
        );
        for (const t of waiters) {
          t.start();
          yield* sleep(0.1);
        }
        lock.release();
        for (const t of waiters) yield* t.join();
        return order;
      }),
    ).toEqual(['a', 'b', 'c']);
  });

  it('is not fair: the releasing thread may take it straight back, and the woken waiter waits again', () => {
    expect(
      value(function* () {
        const lock = make('l');
        const order: string[] = [];
        yield* lock.acquire();
        const w = new Thread({
          target: function* () {
            yield* lock.acquire();
            order.push('w');
            lock.release();
          },
        });
        w.start();
        yield* sleep(1);
        lock.release();
        yield* lock.acquire();
        order.push('main');
        yield* sleep(1);
        lock.release();
        yield* w.join();
        return order;
      }),
    ).toEqual(['main', 'w']);
  });

  it('a woken waiter that lost the race keeps its first deadline', () => {
    expect(
      value(function* () {
        const lock = make('l');
        yield* lock.acquire();
        let out = '';
        const w = new Thread({
          target: function* () {
            const start = time();
            const ok = yield* lock.acquire({ timeout: 2 });
            out = `${ok} after ${time() - start}`;
          },
        });
        w.start();
        yield* sleep(1);
        lock.release(); // wakes w ...
        yield* lock.acquire(); // ... but main takes it back first
        yield* w.join();
        lock.release();
        return out;
      }),
    ).toBe(`false after ${2 + ST}`);
  });

  it('a deadlock after a lost race is reported exactly: who waits for what, held by whom, and any cycle', () => {
    const r = run(function* () {
      const lock = make('l');
      yield* lock.acquire();
      const w = new Thread({
        name: 'w',
        target: function* () {
          yield* lock.acquire();
        },
      });
      w.start();
      yield* sleep(1);
      lock.release();
      yield* lock.acquire();
      yield* w.join();
    });
    expect(r.status).toBe('deadlock');
    const waiting = r.deadlock!.threads.find((t) => t.thread === 'w')!;
    expect(waiting.waitingFor).toContain(`${kind} 'l'`);
    // A lock has an owner, the one that took it back; a semaphore's units have none (as in CPython).
    const owned = kind === 'Lock' || kind === 'RLock';
    expect(waiting.heldBy).toEqual(owned ? ['MainThread'] : []);
    expect(r.deadlock!.cycle).toEqual(owned ? ['MainThread', 'w', 'MainThread'] : null);
  });

  it('who gets it after a release is a scheduling decision: an exhaustive search sees both orders', () => {
    const report = explore(
      function* () {
        const lock = make('l');
        const order: string[] = [];
        yield* lock.acquire();
        const w = new Thread({
          target: function* () {
            yield* lock.acquire();
            order.push('w');
            lock.release();
          },
        });
        w.start();
        yield* sleep(1);
        lock.release();
        yield* lock.acquire();
        order.push('main');
        lock.release();
        yield* w.join();
        return order.join(' then ');
      },
      { strategy: 'exhaustive', runs: Infinity },
    );
    expect(report.complete).toBe(true);
    expect(Object.keys(report.outcomes).sort()).toEqual(['ok: value="main then w"', 'ok: value="w then main"']);
  });
});

describe("Queue's internal waits follow the same protocol", () => {
  it('a getter woken by a put may find the item taken by a thread that arrived meanwhile, and waits again for the time it has left', () => {
    expect(
      value(function* () {
        const q = new Queue<string>();
        let out = '';
        const g = new Thread({
          target: function* () {
            const start = time();
            try {
              out = yield* q.get({ timeout: 2 });
            } catch (e) {
              out = `${(e as Error).name} after ${time() - start}`;
            }
          },
        });
        g.start();
        yield* sleep(1);
        q.putNowait('x'); // wakes g ...
        const stolen = q.getNowait(); // ... but main takes the item first
        yield* g.join();
        return `${stolen}; ${out}`;
      }),
    ).toBe(`x; QueueEmpty after ${2 + ST}`);
  });

  it('join waits again when an item is put before the woken joiner runs', () => {
    const r = run(function* () {
      const q = new Queue<number>();
      q.putNowait(1);
      const j = new Thread({
        name: 'joiner',
        target: function* () {
          yield* q.join();
        },
      });
      j.start();
      yield* sleep(1);
      yield* q.get();
      q.taskDone(); // wakes the joiner ...
      q.putNowait(2); // ... but there is an unfinished task again before it runs
      yield* sleep(1);
      const alive = j.isAlive();
      yield* q.get();
      q.taskDone();
      yield* j.join();
      return alive;
    });
    expect(r.status).toBe('ok');
    expect(r.value).toBe(true);
  });
});

describe("a Condition's re-acquire follows the same protocol", () => {
  it('a notified waiter whose lock was taken back waits for it, then restores every level of its RLock', () => {
    expect(
      value(function* () {
        const lock = new RLock({ name: 'r' });
        const cond = new Condition(lock, { name: 'c' });
        const log: string[] = [];
        const w = new Thread({
          target: function* () {
            yield* cond.acquire();
            yield* cond.acquire();
            const notified = yield* cond.wait();
            log.push(`${notified} at ${time()}: ${String(lock)}`);
            cond.release();
            cond.release();
          },
        });
        w.start();
        yield* sleep(1);
        yield* cond.acquire();
        cond.notify();
        cond.release();
        yield* cond.acquire(); // the notifier takes the lock back before the waiter runs
        log.push('notifier holds it again');
        yield* sleep(1);
        cond.release();
        yield* w.join();
        return log;
      }),
    ).toEqual(['notifier holds it again', `true at ${2 + 6 * ST}: <RLock 'r' owner=Thread-1 count=2>`]);
  });
});
