import { run, RLock, RuntimeError, sleep, Thread, time, withLock } from 'interleave-threads';
import { inThread, raises, ST, value } from '../support/run-helpers';

describe('RLock (CPython lock_tests.RLockTests)', () => {
  it('may be acquired again by its owner, and must be released as many times', () => {
    expect(
      value(function* () {
        const lock = new RLock({ name: 'R' });
        const seen: string[] = [];
        yield* lock.acquire();
        yield* lock.acquire();
        seen.push(String(lock));
        lock.release();
        yield* lock.acquire();
        lock.release();
        seen.push(String(lock));
        lock.release();
        seen.push(String(lock));
        return seen;
      }),
    ).toEqual(["<RLock 'R' owner=MainThread count=2>", "<RLock 'R' owner=MainThread count=1>", "<RLock 'R' unlocked>"]);
  });

  it('releasing an un-acquired RLock raises RuntimeError, before and after use', () => {
    expect(
      value(function* () {
        const lock = new RLock({ name: 'R' });
        const first = yield* raises(() => lock.release());
        yield* lock.acquire();
        yield* lock.acquire();
        lock.release();
        yield* lock.acquire();
        lock.release();
        lock.release();
        const after = yield* raises(() => lock.release());
        return [first, after];
      }),
    ).toEqual([
      "RuntimeError: cannot release un-acquired lock (RLock 'R' is not held)",
      "RuntimeError: cannot release un-acquired lock (RLock 'R' is not held)",
    ]);
  });

  it('may not be released by a thread other than its owner', () => {
    const r = run(
      function* () {
        const lock = new RLock({ name: 'R' });
        const holder = new Thread({
          name: 'holder',
          target: function* () {
            yield* lock.acquire();
            yield* sleep(1);
            lock.release();
          },
        });
        holder.start();
        yield;
        yield;
        let error: unknown = null;
        try {
          lock.release();
        } catch (e) {
          error = e;
        }
        yield* holder.join();
        return [error instanceof RuntimeError, String(error), String(lock)];
      },
      { switchInterval: 1 },
    );
    expect(r.status).toBe('ok');
    expect(r.value).toEqual([
      true,
      "RuntimeError: cannot release un-acquired lock (RLock 'R' is held by holder, not MainThread; only its owner may release it)",
      "<RLock 'R' unlocked>",
    ]);
  });

  it('is owned by one thread: another sees it held until the last level is released', () => {
    expect(
      value(function* () {
        const lock = new RLock();
        const tryIt = () =>
          inThread(function* () {
            const ok = yield* lock.acquire({ blocking: false });
            if (ok) lock.release();
            return ok;
          });
        yield* lock.acquire();
        yield* lock.acquire();
        const a = yield* tryIt();
        lock.release();
        const b = yield* tryIt();
        lock.release();
        const c = yield* tryIt();
        return [a, b, c];
      }),
    ).toEqual([false, false, true]);
  });

  it('lets its owner take another level without blocking even with blocking: false', () => {
    expect(
      value(function* () {
        const lock = new RLock();
        yield* lock.acquire();
        const again = yield* lock.acquire({ blocking: false });
        lock.release();
        lock.release();
        return [again, String(lock)];
      }),
    ).toEqual([true, "<RLock 'RLock-1' unlocked>"]);
  });

  it('checks acquire arguments as Lock does', () => {
    expect(
      value(function* () {
        const lock = new RLock();
        return [
          yield* raises(() => lock.acquire({ blocking: false, timeout: 2 })),
          yield* raises(() => lock.acquire({ timeout: -2 })),
          yield* raises(() => lock.acquire({ timeout: NaN })),
        ];
      }),
    ).toEqual([
      "ValueError: can't specify a timeout for a non-blocking call (RLock.acquire with blocking: false)",
      'ValueError: RLock.acquire() timeout value must be a non-negative number (or -1 to wait forever), got -2',
      'ValueError: RLock.acquire() timeout must be a number of seconds, got NaN',
    ]);
  });

  it('times out after exactly the timeout when another thread owns it', () => {
    expect(
      value(function* () {
        const lock = new RLock();
        yield* lock.acquire();
        return yield* inThread(function* () {
          const t0 = time();
          const ok = yield* lock.acquire({ timeout: 0.25 });
          return [ok, time() - t0];
        });
      }),
    ).toEqual([false, 0.25 + ST]);
  });

  it('hands itself to the longest waiter, with a count of one', () => {
    expect(
      value(function* () {
        const lock = new RLock({ name: 'R' });
        const seen: string[] = [];
        yield* lock.acquire();
        yield* lock.acquire();
        const ts = ['a', 'b'].map(
          (name) =>
            new Thread({
              name,
              target: function* () {
                yield* lock.acquire();
                seen.push(String(lock));
                lock.release();
              },
            }),
        );
        for (const t of ts) t.start();
        yield* sleep(1);
        lock.release();
        seen.push(String(lock));
        lock.release();
        for (const t of ts) yield* t.join();
        return seen;
      }),
    ).toEqual(["<RLock 'R' owner=MainThread count=1>", "<RLock 'R' owner=a count=1>", "<RLock 'R' owner=b count=1>"]);
  });

  it('works with withLock, nested', () => {
    expect(
      value(function* () {
        const lock = new RLock({ name: 'R' });
        const inner = yield* withLock(lock, function* () {
          return yield* withLock(lock, function* () {
            yield;
            return String(lock);
          });
        });
        return [inner, String(lock)];
      }),
    ).toEqual(["<RLock 'R' owner=MainThread count=2>", "<RLock 'R' unlocked>"]);
  });
});
