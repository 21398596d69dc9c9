import { Condition, Event, Lock, sleep, Thread, time } from 'interleave-threads';
import { ok } from '../support/run-helpers';

describe('CPython details (issue 15)', () => {
  it("an empty thread name counts as none: Thread({ name: '' }) is Thread-N, and uses up the number", () => {
    const names = ok(function* () {
      const a = new Thread({ target: function* () {}, name: '' });
      const b = new Thread({ target: function* () {} });
      const c = new Thread({ target: function* () {}, name: 'kept' });
      return [a.name, b.name, c.name];
    });
    expect(names).toEqual(['Thread-1', 'Thread-2', 'kept']);
  });

  it('String(lock) says locked or unlocked, as RLock does', () => {
    const seen = ok(function* () {
      const lock = new Lock({ name: 'counter' });
      const before = String(lock);
      yield* lock.acquire();
      const held = String(lock);
      lock.release();
      return [before, held, String(new Lock())];
    });
    expect(seen).toEqual(["<Lock 'counter' unlocked>", "<Lock 'counter' locked>", "<Lock 'Lock-1' unlocked>"]);
  });

  it('String(event) says set or unset', () => {
    const seen = ok(function* () {
      const e = new Event({ name: 'green' });
      const before = String(e);
      e.set();
      const after = String(e);
      yield;
      return [before, after];
    });
    expect(seen).toEqual(["<Event 'green' unset>", "<Event 'green' set>"]);
  });

  it('a notify(1) while a timed-out waiter waits for the lock is spent on it: the next waiter is not woken', () => {
    const seen = ok(
      function* () {
        const cond = new Condition(new Lock({ name: 'L' }), { name: 'c' });
        const log: string[] = [];
        const waiter = (name: string, timeout: number) =>
          function* () {
            yield* cond.acquire();
            const notified = yield* cond.wait(timeout);
            log.push(`${name} ${notified} at ${time().toFixed(1)}`);
            cond.release();
          };
        new Thread({ target: waiter('A', 1), name: 'A' }).start();
        new Thread({ target: waiter('B', 5), name: 'B' }).start();
        yield* sleep(0.5);
        yield* cond.acquire();
        // A's timeout expires at 1.0 while main holds the lock: A stays among the waiters.
        yield* sleep(1);
        log.push(String(cond));
        cond.notify(1);
        cond.release();
        yield* sleep(5);
        return log;
      },
      { stepTime: 0.001 },
    );
    // As in CPython: the notify went to A (which returns false anyway), so B waits until its own timeout.
    expect(seen).toEqual(["<Condition 'c' waiters=2>", 'A false at 1.5', 'B false at 5.0']);
  });
});
