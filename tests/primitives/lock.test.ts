import { enumerate, Lock, run, RuntimeError, sleep, Thread, time, ValueError, withLock } from 'interleave-threads';
import { inThread, raises, ST, value } from '../support/run-helpers';

describe('Lock (CPython lock_tests.BaseLockTests)', () => {
  it('acquires and releases; locked() tells', () => {
    expect(
      value(function* () {
        const lock = new Lock();
        const seen = [lock.locked()];
        seen.push(yield* lock.acquire());
        seen.push(lock.locked());
        lock.release();
        seen.push(lock.locked());
        return seen;
      }),
    ).toEqual([false, true, true, false]);
  });

  it('a non-blocking acquire takes a free lock', () => {
    expect(
      value(function* () {
        const lock = new Lock();
        const ok = yield* lock.acquire({ blocking: false });
        lock.release();
        return ok;
      }),
    ).toBe(true);
  });

  it('a non-blocking acquire of a held lock returns false at once', () => {
    expect(
      value(function* () {
        const lock = new Lock();
        yield* lock.acquire();
        const t0 = time();
        const got = yield* inThread(function* () {
          return yield* lock.acquire({ blocking: false });
        });
        return [got, lock.locked(), time() - t0 < 10 * ST];
      }),
    ).toEqual([false, true, true]);
  });

  it('contended acquires wait until the release, then all go through', () => {
    expect(
      value(function* () {
        const lock = new Lock();
        yield* lock.acquire();
        let finished = 0;
        const ts = Array.from(
          { length: 5 },
          () =>
            new Thread({
              target: function* () {
                yield* lock.acquire();
                lock.release();
                finished++;
              },
            }),
        );
        for (const t of ts) t.start();
        yield* sleep(1);
        const before = finished;
        lock.release();
        for (const t of ts) yield* t.join();
        return [before, finished, lock.locked()];
      }),
    ).toEqual([0, 5, false]);
  });

  it('with withLock, the lock is released after the body and after an error in it', () => {
    expect(
      value(function* () {
        const lock = new Lock();
        yield* withLock(lock, function* () {
          yield;
        });
        const afterOk = lock.locked();
        const error = yield* raises(function* () {
          yield* withLock(lock, function* () {
            yield;
            throw new TypeError('inside');
          });
        });
        const free = yield* inThread(function* () {
          const ok = yield* lock.acquire({ blocking: false });
          if (ok) lock.release();
          return ok;
        });
        return [afterOk, error, lock.locked(), free];
      }),
    ).toEqual([false, 'TypeError: inside', false, true]);
  });

  it('leaves no thread behind in enumerate() once its users have ended', () => {
    expect(
      value(function* () {
        const lock = new Lock();
        const n = enumerate().length;
        const ts = Array.from(
          { length: 15 },
          () =>
            new Thread({
              target: function* () {
                yield* lock.acquire();
                lock.release();
              },
            }),
        );
        for (const t of ts) t.start();
        const during = enumerate().length;
        for (const t of ts) yield* t.join();
        return [n, during, enumerate().length];
      }),
    ).toEqual([1, 16, 1]);
  });

  it('checks timeouts as CPython does: no timeout without blocking, no negative timeout but -1, no NaN', () => {
    expect(
      value(function* () {
        const lock = new Lock();
        return [
          yield* raises(() => lock.acquire({ blocking: false, timeout: 1 })),
          yield* raises(() => lock.acquire({ blocking: false, timeout: 0 })),
          yield* raises(() => lock.acquire({ timeout: -100 })),
          yield* raises(() => lock.acquire({ timeout: -0.5 })),
          yield* raises(() => lock.acquire({ timeout: NaN })),
          lock.locked(),
        ];
      }),
    ).toEqual([
      "ValueError: can't specify a timeout for a non-blocking call (Lock.acquire with blocking: false)",
      "ValueError: can't specify a timeout for a non-blocking call (Lock.acquire with blocking: false)",
      'ValueError: Lock.acquire() timeout value must be a non-negative number (or -1 to wait forever), got -100',
      'ValueError: Lock.acquire() timeout value must be a non-negative number (or -1 to wait forever), got -0.5',
      'ValueError: Lock.acquire() timeout must be a number of seconds, got NaN',
      false,
    ]);
  });

  it('raises the ValueError before the step, so a bad call takes no step and no time', () => {
    const r = run(function* () {
      const lock = new Lock();
      try {
        yield* lock.acquire({ blocking: false, timeout: 3 });
      } catch (e) {
        return e instanceof ValueError;
      }
      return false;
    });
    expect([r.value, r.steps]).toEqual([true, 1]);
  });

  it('accepts blocking: false with the default timeout -1, and timeout -1 waits forever', () => {
    expect(
      value(function* () {
        const lock = new Lock();
        const a = yield* lock.acquire({ blocking: false, timeout: -1 });
        lock.release();
        const b = yield* lock.acquire({ timeout: -1 });
        return [a, b];
      }),
    ).toEqual([true, true]);
  });

  it('a free lock with a timeout is taken at once; a held one times out after exactly that long', () => {
    expect(
      value(function* () {
        const lock = new Lock();
        const t0 = time();
        const first = yield* lock.acquire({ timeout: 5 });
        const took = time() - t0;
        const [ok, waited] = yield* inThread(function* () {
          const t1 = time();
          const r = yield* lock.acquire({ timeout: 0.5 });
          return [r, time() - t1] as const;
        });
        return [first, took, ok, waited];
      }),
    ).toEqual([true, ST, false, 0.5 + ST]);
  });

  it('timeout 0 with blocking true tries once, like a non-blocking acquire', () => {
    expect(
      value(function* () {
        const lock = new Lock();
        yield* lock.acquire();
        const t0 = time();
        const got = yield* lock.acquire({ timeout: 0 });
        return [got, time() - t0];
      }),
    ).toEqual([false, ST]);
  });

  it('rejects options that are not an object, a blocking flag that is not boolean and a timeout that is not a number with TypeError', () => {
    expect(
      value(function* () {
        const lock = new Lock();
        return [
          yield* raises(() => lock.acquire(false as never)),
          yield* raises(() => lock.acquire({ blocking: 0 as never })),
          yield* raises(() => lock.acquire({ timeout: '1' as never })),
        ];
      }),
    ).toEqual([
      'TypeError: Lock.acquire() takes an options object { blocking, timeout }, got false',
      'TypeError: Lock.acquire() blocking must be true or false, got 0',
      'TypeError: Lock.acquire() timeout must be a number of seconds, got 1',
    ]);
  });
});

describe('Lock (CPython lock_tests.LockTests)', () => {
  it('is not reentrant: a second acquire by the holder waits until someone releases it', () => {
    expect(
      value(function* () {
        const lock = new Lock();
        let phase = 0;
        const t = new Thread({
          target: function* () {
            yield* lock.acquire();
            phase = 1;
            yield* lock.acquire();
            phase = 2;
          },
        });
        t.start();
        yield* sleep(1);
        const stuck = phase;
        lock.release();
        yield* t.join();
        return [stuck, phase, lock.locked()];
      }),
    ).toEqual([1, 2, true]);
  });

  it('may be released by a thread other than the one that acquired it', () => {
    expect(
      value(function* () {
        const lock = new Lock();
        yield* lock.acquire();
        yield* inThread(function* () {
          lock.release();
        });
        const again = yield* lock.acquire({ blocking: false });
        lock.release();
        return [again, lock.locked()];
      }),
    ).toEqual([true, false]);
  });

  it('is in a proper state after a timed-out acquire', () => {
    expect(
      value(function* () {
        const lock = new Lock();
        yield* lock.acquire();
        const timedOut = yield* lock.acquire({ timeout: 0.01 });
        lock.release();
        const free = !lock.locked();
        const retaken = yield* lock.acquire({ blocking: false });
        return [timedOut, free, retaken];
      }),
    ).toEqual([false, true, true]);
  });

  it('releasing an unlocked lock raises RuntimeError', () => {
    expect(
      value(function* () {
        const lock = new Lock({ name: 'L' });
        try {
          lock.release();
        } catch (e) {
          return [e instanceof RuntimeError, String(e)];
        }
        yield;
        return [];
      }),
    ).toEqual([true, "RuntimeError: release unlocked lock ('L' is not locked)"]);
  });
});

describe('Lock hand-off', () => {
  it('serves waiters in the order they began waiting', () => {
    const r = run(
      function* () {
        const lock = new Lock();
        const order: string[] = [];
        yield* lock.acquire();
        const ts = ['a', 'b', 'c', 'd'].map(
          (name) =>
            new Thread({
              name,
              target: function* () {
                yield* lock.acquire();
                order.push(name);
                yield;
                lock.release();
              },
            }),
        );
        for (const t of ts) t.start();
        yield* sleep(1);
        lock.release();
        for (const t of ts) yield* t.join();
        return order.join('');
      },
      { strategy: 'random', seed: 4, switchInterval: 1, trace: true },
    );
    const blocked = (r.trace ?? []).flatMap((e) => (e.type === 'block' && e.on === "Lock 'Lock-1'" ? [e.thread] : []));
    expect(blocked).toHaveLength(4);
    expect(blocked.join('')).not.toBe('abcd'); // the random schedule mixed them up...
    expect(r.value).toBe(blocked.join('')); // ...and the lock went to them in that order
  });

  it('is not fair, as in CPython: the releasing thread may take the lock straight back; the woken waiter waits again', () => {
    expect(
      value(function* () {
        const lock = new Lock();
        const order: string[] = [];
        yield* lock.acquire();
        const w = new Thread({
          name: 'w',
          target: function* () {
            yield* lock.acquire();
            order.push('w');
            lock.release();
          },
        });
        w.start();
        yield* sleep(1);
        lock.release();
        // w was woken but has not run: the lock is free, and main takes it first.
        yield* lock.acquire();
        order.push('main');
        lock.release();
        yield* w.join();
        return order;
      }),
    ).toEqual(['main', 'w']);
  });

  it('leaves a window between release and a new acquire in which another thread may take a free lock', () => {
    // release(); yield* acquire() is two steps: with switchInterval 1 the other thread gets in.
    expect(
      value(
        function* () {
          const lock = new Lock();
          const order: string[] = [];
          const w = new Thread({
            target: function* () {
              yield;
              yield* lock.acquire();
              order.push('w');
            },
          });
          yield* lock.acquire();
          w.start();
          yield; // w: its first step
          yield; // w: acquire's switch point
          lock.release();
          const again = yield* lock.acquire({ blocking: false });
          order.push(`main ${again}`);
          yield* w.join();
          return order;
        },
        { switchInterval: 1 },
      ),
    ).toEqual(['w', 'main false']);
  });

  it('is named in reports: Lock-N by default, or the given name', () => {
    expect(
      value(function* () {
        yield;
        return [new Lock().name, new Lock({ name: 'counter' }).name, new Lock().name];
      }),
    ).toEqual(['Lock-1', 'counter', 'Lock-2']);
  });
});
