import {
  Condition,
  currentThread,
  Lock,
  print,
  RLock,
  run,
  RuntimeError,
  sleep,
  Thread,
  time,
  type TraceEvent,
  TypeError,
  ValueError,
  withLock,
} from 'interleave-threads';
import { caught, runOk } from '../support/run-helpers';

describe('Condition', () => {
  describe('acquire and release', () => {
    it('uses an RLock by default, so the holder may acquire it again', () => {
      runOk(function* () {
        const cond = new Condition();
        expect(yield* cond.acquire()).toBe(true);
        expect(yield* cond.acquire()).toBe(true);
        cond.release();
        cond.release();
        expect(() => cond.release()).toThrow(RuntimeError);
      });
    });

    it('delegates to the lock it was given', () => {
      runOk(function* () {
        const lock = new Lock();
        const cond = new Condition(lock);
        yield* cond.acquire();
        expect(yield* lock.acquire({ blocking: false })).toBe(false);
        cond.release();
        expect(yield* lock.acquire({ blocking: false })).toBe(true);
        expect(yield* cond.acquire({ blocking: false })).toBe(false);
        lock.release();
        yield* withLock(cond, function* () {
          expect(lock.locked()).toBe(true);
        });
        expect(lock.locked()).toBe(false);
      });
    });

    it('withLock releases the condition when the body throws', () => {
      runOk(function* () {
        const lock = new Lock();
        const cond = new Condition(lock);
        const err = yield* caught(function* () {
          yield* withLock(cond, function* () {
            yield;
            throw new ValueError('boom');
          });
        });
        expect(err).toBeInstanceOf(ValueError);
        expect(lock.locked()).toBe(false);
      });
    });

    it('rejects a lock that is not a Lock or RLock with a TypeError', () => {
      runOk(function* () {
        expect(() => new Condition({ acquire() {}, release() {} } as never)).toThrow(TypeError);
        expect(() => new Condition(42 as never)).toThrow(/must be a Lock or an RLock/);
      });
    });
  });

  describe('ownership checks', () => {
    it('wait without holding the lock raises RuntimeError, even with a timeout <= 0', () => {
      runOk(function* () {
        const cond = new Condition();
        let err = yield* caught(function* () {
          yield* cond.wait();
        });
        expect(err).toBeInstanceOf(RuntimeError);
        expect((err as Error).message).toMatch(/cannot wait on un-acquired lock/);
        err = yield* caught(function* () {
          yield* cond.wait(0);
        });
        expect((err as Error).message).toMatch(/cannot wait on un-acquired lock/);
      });
    });

    it('notify and notifyAll without holding the lock raise RuntimeError', () => {
      runOk(function* () {
        const cond = new Condition();
        expect(() => cond.notify()).toThrow(RuntimeError);
        expect(() => cond.notify()).toThrow(/cannot notify on un-acquired lock/);
        expect(() => cond.notifyAll()).toThrow(/cannot notify on un-acquired lock/);
      });
    });

    it('checks the current thread for a plain Lock too: a Lock held by another thread does not count', () => {
      runOk(function* () {
        const lock = new Lock();
        const cond = new Condition(lock);
        const holder = new Thread({
          target: function* () {
            yield* lock.acquire();
            yield* sleep(1);
            lock.release();
          },
        });
        holder.start();
        yield* sleep(0.5);
        expect(lock.locked()).toBe(true);
        expect(() => cond.notify()).toThrow(/cannot notify on un-acquired lock/);
        const err = yield* caught(function* () {
          yield* cond.wait(1);
        });
        expect(err).toBeInstanceOf(RuntimeError);
        yield* holder.join();
      });
    });

    it('notify(n) needs a whole number n >= 0 (ValueError)', () => {
      runOk(function* () {
        const cond = new Condition();
        yield* cond.acquire();
        expect(() => cond.notify(-1)).toThrow(ValueError);
        expect(() => cond.notify(1.5)).toThrow(/whole number/);
        cond.notify(0);
        cond.notify(3); // nobody waits: a no-op
        cond.release();
      });
    });

    it('waitFor needs a plain function as its predicate (TypeError)', () => {
      runOk(function* () {
        const cond = new Condition();
        yield* cond.acquire();
        const err = yield* caught(function* () {
          yield* cond.waitFor(function* () {
            yield;
          } as never);
        });
        expect(err).toBeInstanceOf(TypeError);
        expect((err as Error).message).toMatch(/plain function/);
        cond.release();
      });
    });

    it('a non-number timeout is a TypeError and NaN a ValueError', () => {
      runOk(function* () {
        const cond = new Condition();
        yield* cond.acquire();
        const e1 = yield* caught(function* () {
          yield* cond.wait('1' as never);
        });
        expect(e1).toBeInstanceOf(TypeError);
        const e2 = yield* caught(function* () {
          yield* cond.wait(NaN);
        });
        expect(e2).toBeInstanceOf(ValueError);
        cond.release();
      });
    });
  });

  describe('notify', () => {
    /** lock_tests.ConditionTests._check_notify, with virtual sleeps instead of polling. */
    function* checkNotify(cond: Condition): Generator<unknown, void, unknown> {
      const ready: number[] = [];
      const results1: [boolean, number, string][] = [];
      const results2: [boolean, number, string][] = [];
      let phase = 0;
      function* f() {
        const me = currentThread().name;
        yield* cond.acquire();
        ready.push(phase);
        const r1 = yield* cond.wait();
        cond.release();
        results1.push([r1, phase, me]);
        yield* cond.acquire();
        ready.push(phase);
        const r2 = yield* cond.wait();
        cond.release();
        results2.push([r2, phase, me]);
      }
      const threads = Array.from({ length: 5 }, (_, i) => new Thread({ target: f, name: `w${i}` }));
      for (const t of threads) t.start();
      yield* sleep(0.01);
      expect(ready).toHaveLength(5);
      ready.length = 0;
      expect(results1).toEqual([]);

      yield* cond.acquire();
      cond.notify(3);
      yield* sleep(0.01); // the woken threads cannot return: main holds the lock
      expect(results1).toEqual([]);
      phase = 1;
      cond.release();
      yield* sleep(0.01);
      expect(results1).toEqual([
        [true, 1, 'w0'],
        [true, 1, 'w1'],
        [true, 1, 'w2'],
      ]);
      expect(results2).toEqual([]);
      expect(ready).toHaveLength(3);

      // Waiting now, longest first: w3, w4 (first wait), w0, w1, w2 (second wait).
      yield* cond.acquire();
      cond.notify(5);
      yield* sleep(0.01);
      phase = 2;
      cond.release();
      yield* sleep(0.01);
      expect(results1).toEqual([
        [true, 1, 'w0'],
        [true, 1, 'w1'],
        [true, 1, 'w2'],
        [true, 2, 'w3'],
        [true, 2, 'w4'],
      ]);
      expect(results2).toEqual([
        [true, 2, 'w0'],
        [true, 2, 'w1'],
        [true, 2, 'w2'],
      ]);
      expect(ready).toHaveLength(5);

      yield* cond.acquire();
      cond.notifyAll();
      yield* sleep(0.01);
      phase = 3;
      cond.release();
      for (const t of threads) yield* t.join();
      expect(results2.map(([ok, p, name]) => `${String(ok)} ${p} ${name}`)).toEqual([
        'true 2 w0',
        'true 2 w1',
        'true 2 w2',
        'true 3 w3',
        'true 3 w4',
      ]);
    }

    it('wakes exactly n waiters, the longest-waiting first, and notifyAll wakes the rest (twice over)', () => {
      runOk(function* () {
        const cond = new Condition();
        yield* checkNotify(cond);
        yield* checkNotify(cond);
      });
    });

    it('works the same over a plain Lock under switchInterval 1', () => {
      runOk(
        function* () {
          yield* checkNotify(new Condition(new Lock()));
        },
        { switchInterval: 1 },
      );
    });

    it('wakes waiters in FIFO order, one notify at a time', () => {
      const r = runOk(
        function* () {
          const cond = new Condition(undefined, { name: 'fifo' });
          const order: string[] = [];
          function* waiter() {
            yield* withLock(cond, function* () {
              yield* cond.wait();
              order.push(currentThread().name);
            });
          }
          const names = ['c', 'a', 'd', 'b'];
          const ts = names.map((name) => new Thread({ target: waiter, name }));
          for (const t of ts) {
            t.start();
            yield* sleep(0.1); // each is waiting before the next starts
          }
          for (let i = 0; i < names.length; i++) {
            yield* withLock(cond, function* () {
              cond.notify();
            });
            yield* sleep(0.1);
          }
          for (const t of ts) yield* t.join();
          return order;
        },
        { switchInterval: 1 },
      );
      expect(r.value).toEqual(['c', 'a', 'd', 'b']);
    });

    it('a woken waiter returns only once the notifier has released the lock', () => {
      const r = runOk(function* () {
        const cond = new Condition();
        let returnedAt = -1;
        const w = new Thread({
          target: function* () {
            yield* withLock(cond, function* () {
              expect(yield* cond.wait()).toBe(true);
              returnedAt = time();
            });
          },
        });
        w.start();
        yield* sleep(1);
        yield* withLock(cond, function* () {
          cond.notify();
          yield* sleep(2); // still holding the lock
        });
        const releasedAt = time();
        yield* w.join();
        return [releasedAt, returnedAt];
      });
      const [releasedAt, returnedAt] = r.value!;
      expect(releasedAt).toBeGreaterThanOrEqual(3);
      expect(returnedAt).toBeGreaterThan(releasedAt!);
      expect(returnedAt! - releasedAt!).toBeLessThan(1e-4);
    });
  });

  describe('wait with an RLock', () => {
    it('releases an RLock held three times completely and restores the count', () => {
      runOk(function* () {
        const rlock = new RLock();
        const cond = new Condition(rlock);
        let otherGotIt = false;
        const other = new Thread({
          target: function* () {
            otherGotIt = yield* rlock.acquire({ timeout: 1 });
            cond.notify();
            rlock.release();
          },
        });
        yield* rlock.acquire();
        yield* rlock.acquire();
        yield* rlock.acquire();
        other.start();
        expect(yield* cond.wait()).toBe(true);
        expect(otherGotIt).toBe(true);
        rlock.release();
        rlock.release();
        rlock.release();
        expect(() => rlock.release()).toThrow(/cannot release un-acquired lock/);
        yield* other.join();
      });
    });
  });

  describe('timeouts', () => {
    it('a timed-out wait returns false; each waiter wakes at exactly its deadline (lock_tests test_timeout)', () => {
      const r = runOk(
        function* () {
          const cond = new Condition(undefined, { name: 'c' });
          const results: [number, boolean][] = [];
          function* f() {
            yield* cond.acquire();
            const t1 = time();
            const ok = yield* cond.wait(0.5);
            const t2 = time();
            cond.release();
            results.push([t2 - t1, ok]);
          }
          const ts = Array.from({ length: 5 }, () => new Thread({ target: f }));
          for (const t of ts) t.start();
          for (const t of ts) yield* t.join();
          return results;
        },
        { trace: true },
      );
      expect(r.value).toHaveLength(5);
      for (const [dt, ok] of r.value!) {
        expect(ok).toBe(false);
        expect(dt).toBeGreaterThanOrEqual(0.5);
        expect(dt).toBeLessThan(0.5 + 1e-4);
      }
      const trace = r.trace!;
      const blocks = trace.filter(
        (e): e is Extract<TraceEvent, { type: 'block' }> => e.type === 'block' && e.on.startsWith("Condition 'c'"),
      );
      const timers = trace.filter((e): e is Extract<TraceEvent, { type: 'timer' }> => e.type === 'timer');
      expect(blocks).toHaveLength(5);
      expect(timers).toHaveLength(5);
      for (const b of blocks) {
        expect(b.timeout).toBe(0.5);
        const fired = timers.find((t) => t.thread === b.thread)!;
        expect(fired.time).toBe(b.time + 0.5);
      }
    });

    it('a timed-out wait returns false only after re-acquiring the lock', () => {
      const r = runOk(function* () {
        const cond = new Condition();
        let result = null as [boolean, number] | null;
        const w = new Thread({
          target: function* () {
            yield* cond.acquire();
            const ok = yield* cond.wait(1);
            result = [ok, time()];
            cond.release();
          },
        });
        w.start();
        yield* sleep(0.5);
        yield* cond.acquire(); // w's deadline (about 1 s) passes while main holds the lock
        yield* sleep(4.5);
        cond.release();
        yield* w.join();
        return result;
      });
      const [ok, at] = r.value!;
      expect(ok).toBe(false);
      expect(at).toBeGreaterThan(5);
      expect(at).toBeLessThan(5 + 1e-4);
    });

    it('a timeout <= 0 returns false at once, keeping the lock', () => {
      runOk(function* () {
        const lock = new Lock();
        const cond = new Condition(lock);
        let otherGot: boolean | null = null;
        const other = new Thread({
          target: function* () {
            otherGot = yield* lock.acquire({ blocking: false });
          },
        });
        yield* cond.acquire();
        other.start();
        const t0 = time();
        expect(yield* cond.wait(0)).toBe(false);
        expect(yield* cond.wait(-3)).toBe(false);
        expect(time() - t0).toBeLessThan(1e-5);
        expect(lock.locked()).toBe(true);
        yield* other.join();
        expect(otherGot).toBe(false);
        cond.release();
      });
    });

    it('a notify after the deadline has passed does not count for the timed-out waiter', () => {
      const r = runOk(function* () {
        const cond = new Condition();
        const got: boolean[] = [];
        const w = new Thread({
          target: function* () {
            yield* withLock(cond, function* () {
              got.push(yield* cond.wait(1));
            });
          },
        });
        w.start();
        yield* sleep(2);
        yield* withLock(cond, function* () {
          cond.notifyAll();
        });
        yield* w.join();
        return got;
      });
      expect(r.value).toEqual([false]);
    });
  });

  describe('waitFor', () => {
    it('returns once the predicate holds (lock_tests test_waitfor)', () => {
      const r = runOk(function* () {
        const cond = new Condition();
        let state = 0;
        let seen: unknown = null;
        const t = new Thread({
          target: function* () {
            yield* withLock(cond, function* () {
              seen = yield* cond.waitFor(() => state === 4);
              expect(state).toBe(4);
            });
          },
        });
        t.start();
        for (let i = 0; i < 4; i++) {
          yield* sleep(0.01);
          yield* withLock(cond, function* () {
            state += 1;
            cond.notify();
          });
        }
        yield* t.join();
        return seen;
      });
      expect(r.value).toBe(true);
    });

    it('returns the predicate’s last value, not just true or false', () => {
      const r = runOk(function* () {
        const cond = new Condition();
        const items: string[] = [];
        const t = new Thread({
          target: function* () {
            yield* withLock(cond, function* () {
              cond.notify();
              items.push('job');
            });
          },
        });
        return yield* withLock(cond, function* () {
          t.start();
          return yield* cond.waitFor(() => items[0]);
        });
      });
      expect(r.value).toBe('job');
    });

    it('gives up at its timeout and returns the falsy value (lock_tests test_waitfor_timeout)', () => {
      const r = runOk(function* () {
        const cond = new Condition();
        let state = 0;
        let out = null as [unknown, number] | null;
        const t = new Thread({
          target: function* () {
            yield* withLock(cond, function* () {
              const t0 = time();
              const v = yield* cond.waitFor(() => (state === 4 ? 'done' : 0), 0.1);
              out = [v, time() - t0];
            });
          },
        });
        t.start();
        for (let i = 0; i < 3; i++) {
          yield* sleep(0.01);
          yield* withLock(cond, function* () {
            state += 1;
            cond.notify();
          });
        }
        yield* t.join();
        return out;
      });
      const [v, dt] = r.value!;
      expect(v).toBe(0);
      expect(dt).toBeGreaterThanOrEqual(0.1);
      expect(dt).toBeLessThan(0.1 + 1e-4);
    });

    it('does not wait (nor need a notify) when the predicate already holds', () => {
      runOk(function* () {
        const cond = new Condition();
        yield* cond.acquire();
        expect(yield* cond.waitFor(() => 7, 5)).toBe(7);
        cond.release();
      });
    });
  });

  describe('with other threads', () => {
    it('a producer and consumers lose no item and take them in order under every strategy', () => {
      for (const strategy of ['round-robin', 'random', 'pct'] as const) {
        for (const seed of [1, 2, 3]) {
          const r = runOk(
            function* () {
              const cond = new Condition(undefined, { name: 'items' });
              const queue: number[] = [];
              const got: number[] = [];
              let done = false;
              function* consumer() {
                for (;;) {
                  const item = yield* withLock(cond, function* () {
                    yield* cond.waitFor(() => queue.length > 0 || done);
                    return queue.shift();
                  });
                  if (item === undefined) return;
                  got.push(item);
                  yield;
                }
              }
              const cs = [new Thread({ target: consumer }), new Thread({ target: consumer })];
              for (const c of cs) c.start();
              for (let i = 0; i < 20; i++) {
                yield* withLock(cond, function* () {
                  queue.push(i);
                  cond.notify();
                });
                yield;
              }
              yield* withLock(cond, function* () {
                done = true;
                cond.notifyAll();
              });
              for (const c of cs) yield* c.join();
              return got;
            },
            { switchInterval: 1, strategy, seed },
          );
          expect([...r.value!].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
        }
      }
    });
  });

  describe('deadlock reports', () => {
    it('names the Condition a thread waits on, with no holder', () => {
      const r = run(function* () {
        const ready = new Condition(undefined, { name: 'ready' });
        const t = new Thread({
          name: 'waiter',
          target: function* () {
            yield* withLock(ready, function* () {
              yield* ready.wait();
            });
          },
        });
        t.start();
        yield* t.join();
      });
      expect(r.status).toBe('deadlock');
      const waiter = r.deadlock!.threads.find((t) => t.thread === 'waiter')!;
      expect(waiter.waitingFor).toBe("Condition 'ready' (waiting for a notify)");
      expect(waiter.heldBy).toEqual([]);
      expect(r.deadlock!.message).toMatch(/waiter waits for Condition 'ready' \(waiting for a notify\)/);
    });

    it('accepts its options in the lock’s place: new Condition({ name })', () => {
      const r = run(function* () {
        const c = new Condition({ name: 'solo' });
        yield* c.acquire();
        yield* c.wait();
      });
      expect(r.status).toBe('deadlock');
      expect(r.deadlock!.threads[0]!.waitingFor).toBe("Condition 'solo' (waiting for a notify)");
    });

    it('names the condition’s own lock in a lock-order cycle', () => {
      const r = run(function* () {
        const ready = new Condition(undefined, { name: 'ready' });
        const other = new Lock({ name: 'other' });
        const t = new Thread({
          name: 'T',
          target: function* () {
            yield* other.acquire();
            yield* sleep(1);
            yield* ready.acquire();
          },
        });
        t.start();
        yield* ready.acquire();
        yield* sleep(1);
        yield* other.acquire();
      });
      expect(r.status).toBe('deadlock');
      expect(r.deadlock!.cycle).not.toBeNull();
      expect(r.deadlock!.threads.find((t) => t.thread === 'T')!.waitingFor).toBe("RLock 'lock of ready'");
    });
  });

  it('reproduces the tutorial’s Condition example (section 2.5) exactly, ending at 15 virtual seconds', () => {
    const r = run(function* () {
      const cond = new Condition();
      function* go1() {
        yield* withLock(cond, function* () {
          for (let i = 0; i < 8; i++) {
            yield* sleep(1);
            yield* print(currentThread().name, i, 'go1');
            if (i === 5) yield* cond.wait();
          }
        });
      }
      function* go2() {
        yield* withLock(cond, function* () {
          for (let i = 0; i < 7; i++) {
            yield* sleep(1);
            yield* print(currentThread().name, i);
          }
          cond.notify();
        });
      }
      new Thread({ target: go1 }).start(); // starts first, so it takes the condition first
      new Thread({ target: go2 }).start();
    });
    expect(r.status).toBe('ok');
    expect(r.errors).toEqual([]);
    expect(r.output).toBe(
      [
        ...Array.from({ length: 6 }, (_, i) => `Thread-1 ${i} go1`),
        ...Array.from({ length: 7 }, (_, i) => `Thread-2 ${i}`),
        'Thread-1 6 go1',
        'Thread-1 7 go1',
        '',
      ].join('\n'),
    );
    // 15 one-second sleeps in sequence, plus a microsecond for each step between them.
    expect(r.time).toBeGreaterThan(15);
    expect(r.time).toBeLessThan(15.001);
  });
});
