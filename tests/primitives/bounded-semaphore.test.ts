import { BoundedSemaphore, run, Semaphore, sleep, Thread, ValueError } from 'interleave-threads';
import { runOk } from '../support/run-helpers';

// The behaviour BoundedSemaphore shares with Semaphore is tested in semaphore.test.ts.

describe('BoundedSemaphore', () => {
  it('is a Semaphore', () => {
    runOk(function* () {
      expect(new BoundedSemaphore()).toBeInstanceOf(Semaphore);
    });
  });

  it('cannot be released above its initial value (test_release_unacquired)', () => {
    runOk(function* () {
      const sem = new BoundedSemaphore();
      expect(() => sem.release()).toThrow(ValueError);
      yield* sem.acquire();
      sem.release();
      expect(() => sem.release()).toThrow(/Semaphore released too many times/);
    });
  });

  it('an over-release changes nothing: release(n) gives back no unit at all', () => {
    runOk(function* () {
      const sem = new BoundedSemaphore(3, { name: 'slots' });
      yield* sem.acquire();
      yield* sem.acquire();
      expect(String(sem)).toBe("<BoundedSemaphore 'slots' value=1/3>");
      expect(() => sem.release(3)).toThrow(/release\(3\) would go above its initial value/);
      expect(String(sem)).toBe("<BoundedSemaphore 'slots' value=1/3>");
      expect(yield* sem.acquire({ blocking: false })).toBe(true);
      expect(yield* sem.acquire({ blocking: false })).toBe(false);
      sem.release(3);
      expect(String(sem)).toBe("<BoundedSemaphore 'slots' value=3/3>");
    });
  });

  it('a failed over-release wakes no waiter', () => {
    const r = runOk(function* () {
      const sem = new BoundedSemaphore(1);
      yield* sem.acquire();
      let woke = false;
      const t = new Thread({
        daemon: true,
        target: function* () {
          yield* sem.acquire();
          woke = true;
        },
      });
      t.start();
      yield* sleep(0.1);
      expect(() => sem.release(2)).toThrow(ValueError);
      yield* sleep(0.1);
      return woke;
    });
    expect(r.value).toBe(false);
  });

  it('a unit handed to a waiter counts as taken, so the waiter may give it back', () => {
    runOk(function* () {
      const sem = new BoundedSemaphore(1);
      yield* sem.acquire();
      const t = new Thread({
        target: function* () {
          yield* sem.acquire();
          yield* sleep(1);
          sem.release();
        },
      });
      t.start();
      yield* sleep(0.1);
      sem.release(); // straight to t
      yield* t.join();
      expect(() => sem.release()).toThrow(/released too many times/);
      expect(yield* sem.acquire({ blocking: false })).toBe(true);
    });
  });

  it('checks the count before the bound: release(0) is the Python ValueError for n', () => {
    runOk(function* () {
      const sem = new BoundedSemaphore(1);
      expect(() => sem.release(0)).toThrow(/n must be one or more/);
    });
  });
});

describe('BoundedSemaphore over-release while a unit is in flight', () => {
  it('raises when a unit handed to a waiter that has not run yet would be released again, as CPython does', () => {
    const r = run(function* () {
      const sem = new BoundedSemaphore(1, { name: 'one' });
      yield* sem.acquire();
      const waiter = new Thread({
        target: function* () {
          yield* sem.acquire();
        },
      });
      waiter.start();
      yield* sleep(0.001); // the waiter blocks on the semaphore
      sem.release(); // handed to the waiter, which has not run yet
      let error: unknown = null;
      try {
        sem.release(); // nobody holds a second unit: over-release
      } catch (e) {
        error = e;
      }
      yield* waiter.join();
      return error;
    });
    expect(r.value).toBeInstanceOf(ValueError);
    expect(String(r.value)).toMatch(/released too many times/);
  });
});
