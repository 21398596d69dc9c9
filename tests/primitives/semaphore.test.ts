import {
  BoundedSemaphore,
  currentThread,
  run,
  Semaphore,
  shared,
  sleep,
  Thread,
  time,
  type TraceEvent,
  TypeError,
  ValueError,
  withLock,
} from 'interleave-threads';
import { runOk } from '../support/run-helpers';

// lock_tests.BaseSemaphoreTests: everything here holds for both kinds.
describe.each([
  ['Semaphore', Semaphore],
  ['BoundedSemaphore', BoundedSemaphore],
] as const)('%s (shared semaphore behaviour)', (kind, Sem) => {
  it('rejects a negative or non-integer initial value with a ValueError', () => {
    runOk(function* () {
      expect(() => new Sem(-1)).toThrow(ValueError);
      expect(() => new Sem(-Number.MAX_SAFE_INTEGER)).toThrow(/initial value must be a whole number >= 0/);
      expect(() => new Sem(1.5)).toThrow(ValueError);
      expect(() => new Sem(NaN)).toThrow(ValueError);
      expect(() => new Sem(0)).not.toThrow();
    });
  });

  it('acquires and releases up to its value', () => {
    runOk(function* () {
      const one = new Sem(1);
      expect(yield* one.acquire()).toBe(true);
      one.release();
      const two = new Sem(2);
      expect(yield* two.acquire()).toBe(true);
      expect(yield* two.acquire()).toBe(true);
      two.release();
      two.release();
    });
  });

  it('a non-blocking acquire takes a free unit or returns false at once (test_try_acquire)', () => {
    runOk(function* () {
      const sem = new Sem(2);
      expect(yield* sem.acquire({ blocking: false })).toBe(true);
      expect(yield* sem.acquire({ blocking: false })).toBe(true);
      const t0 = time();
      expect(yield* sem.acquire({ blocking: false })).toBe(false);
      expect(time() - t0).toBeLessThan(1e-5);
      sem.release();
      expect(yield* sem.acquire({ blocking: false })).toBe(true);
    });
  });

  it('non-blocking tries from five threads get exactly the three free units (test_try_acquire_contended)', () => {
    const r = runOk(
      function* () {
        const sem = new Sem(4);
        yield* sem.acquire();
        const results: boolean[] = [];
        function* f() {
          results.push(yield* sem.acquire({ blocking: false }));
          results.push(yield* sem.acquire({ blocking: false }));
        }
        const ts = Array.from({ length: 5 }, () => new Thread({ target: f }));
        for (const t of ts) t.start();
        for (const t of ts) yield* t.join();
        return results;
      },
      { switchInterval: 1 },
    );
    expect([...r.value!].sort()).toEqual([...Array(7).fill(false), ...Array(3).fill(true)]);
  });

  it('blocks while no unit is free and serves waiters as units come back (test_acquire_contended)', () => {
    runOk(function* () {
      const sem = new Sem(7);
      yield* sem.acquire();
      const semResults: boolean[] = [];
      const results1: number[] = [];
      const results2: number[] = [];
      let phase = 0;
      function* f() {
        semResults.push(yield* sem.acquire());
        results1.push(phase);
        semResults.push(yield* sem.acquire());
        results2.push(phase);
      }
      const ts = Array.from({ length: 10 }, () => new Thread({ target: f }));
      for (const t of ts) t.start();
      yield* sleep(0.01);
      expect([...results1, ...results2]).toEqual(Array(6).fill(0));
      phase = 1;
      for (let i = 0; i < 7; i++) sem.release();
      yield* sleep(0.01);
      expect([...results1, ...results2].sort()).toEqual([...Array(6).fill(0), ...Array(7).fill(1)]);
      phase = 2;
      for (let i = 0; i < 6; i++) sem.release();
      yield* sleep(0.01);
      expect([...results1, ...results2].sort()).toEqual([
        ...Array(6).fill(0),
        ...Array(7).fill(1),
        ...Array(6).fill(2),
      ]);
      expect(yield* sem.acquire({ blocking: false })).toBe(false); // still taken
      sem.release(); // the last waiter goes on
      for (const t of ts) yield* t.join();
      expect(semResults).toEqual(Array(20).fill(true));
    });
  });

  it('release(n) wakes n waiters at once (test_multirelease)', () => {
    runOk(function* () {
      const sem = new Sem(7);
      yield* sem.acquire();
      const results1: number[] = [];
      const results2: number[] = [];
      let phase = 0;
      function* f() {
        yield* sem.acquire();
        results1.push(phase);
        yield* sem.acquire();
        results2.push(phase);
      }
      const ts = Array.from({ length: 10 }, () => new Thread({ target: f }));
      for (const t of ts) t.start();
      yield* sleep(0.01);
      expect([...results1, ...results2]).toEqual(Array(6).fill(0));
      phase = 1;
      sem.release(7);
      yield* sleep(0.01);
      expect([...results1, ...results2].sort()).toEqual([...Array(6).fill(0), ...Array(7).fill(1)]);
      phase = 2;
      sem.release(6);
      yield* sleep(0.01);
      expect([...results1, ...results2].sort()).toEqual([
        ...Array(6).fill(0),
        ...Array(7).fill(1),
        ...Array(6).fill(2),
      ]);
      expect(yield* sem.acquire({ blocking: false })).toBe(false);
      sem.release();
      for (const t of ts) yield* t.join();
    });
  });

  it('the default value is 1 (test_default_value)', () => {
    runOk(function* () {
      const sem = new Sem();
      yield* sem.acquire();
      let finished = false;
      const t = new Thread({
        target: function* () {
          yield* sem.acquire();
          sem.release();
          finished = true;
        },
      });
      t.start();
      yield* sleep(1);
      expect(finished).toBe(false);
      sem.release();
      yield* t.join();
      expect(finished).toBe(true);
    });
  });

  it('works with withLock and gives the unit back when the body throws (test_with)', () => {
    runOk(function* () {
      const sem = new Sem(2);
      function* body(err: Error | null) {
        yield* withLock(sem, function* () {
          expect(yield* sem.acquire({ blocking: false })).toBe(true);
          sem.release();
          yield* withLock(sem, function* () {
            expect(yield* sem.acquire({ blocking: false })).toBe(false);
            if (err !== null) throw err;
          });
        });
      }
      yield* body(null);
      expect(yield* sem.acquire({ blocking: false })).toBe(true);
      sem.release();
      let thrown: unknown = null;
      try {
        yield* body(new TypeError('inside'));
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(TypeError);
      expect(yield* sem.acquire({ blocking: false })).toBe(true);
      expect(yield* sem.acquire({ blocking: false })).toBe(true);
      sem.release(2);
    });
  });

  it('a timeout with blocking: false is a ValueError; timed acquires succeed or give up (test_acquire_timeout)', () => {
    runOk(function* () {
      const sem = new Sem(2);
      let err: unknown = null;
      try {
        yield* sem.acquire({ blocking: false, timeout: 1 });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ValueError);
      expect((err as Error).message).toMatch(/can't specify timeout for non-blocking acquire/);
      expect(yield* sem.acquire({ timeout: 0.005 })).toBe(true);
      expect(yield* sem.acquire({ timeout: 0.005 })).toBe(true);
      expect(yield* sem.acquire({ timeout: 0.005 })).toBe(false);
      sem.release();
      expect(yield* sem.acquire({ timeout: 0.005 })).toBe(true);
      const t0 = time();
      expect(yield* sem.acquire({ timeout: 0.5 })).toBe(false);
      const dt = time() - t0;
      expect(dt).toBeGreaterThanOrEqual(0.5);
      expect(dt).toBeLessThan(0.5 + 1e-5);
    });
  });

  it('rejects bad acquire options and release counts', () => {
    runOk(function* () {
      const sem = new Sem(1);
      const errorOf = function* (op: () => Generator<unknown, unknown, unknown>) {
        try {
          yield* op();
        } catch (e) {
          return e;
        }
        return null;
      };
      expect(yield* errorOf(() => sem.acquire({ timeout: NaN }))).toBeInstanceOf(ValueError);
      expect(yield* errorOf(() => sem.acquire({ blocking: 'no' as never }))).toBeInstanceOf(TypeError);
      expect(yield* errorOf(() => sem.acquire(5 as never))).toBeInstanceOf(TypeError);
      expect(() => sem.release(0)).toThrow(ValueError);
      expect(() => sem.release(-2)).toThrow(/n must be one or more/);
      expect(() => sem.release(1.5)).toThrow(ValueError);
    });
  });

  it('names itself in a deadlock report', () => {
    const r = run(function* () {
      const sem = new Sem(0, { name: 'pool' });
      yield* sem.acquire();
    });
    expect(r.status).toBe('deadlock');
    expect(r.deadlock!.threads).toEqual([{ thread: 'MainThread', waitingFor: `${kind} 'pool'`, heldBy: [] }]);
    expect(r.deadlock!.message).toMatch(new RegExp(`MainThread waits for ${kind} 'pool'`));
  });
});

describe('Semaphore', () => {
  it('may be released more often than acquired, raising its value (test_release_unacquired)', () => {
    runOk(function* () {
      const sem = new Semaphore(1);
      sem.release();
      expect(yield* sem.acquire({ blocking: false })).toBe(true);
      expect(yield* sem.acquire({ blocking: false })).toBe(true);
      expect(yield* sem.acquire({ blocking: false })).toBe(false);
      sem.release(5);
      expect(String(sem)).toBe("<Semaphore 'Semaphore-1' value=5>");
    });
  });

  it('hands units to the longest waiters first (FIFO), one release at a time and several with release(n)', () => {
    const r = runOk(
      function* () {
        const sem = new Semaphore(0, { name: 'gate' });
        const order: string[] = [];
        function* waiter() {
          yield* sem.acquire();
          order.push(currentThread().name);
        }
        const names = ['d', 'b', 'e', 'a', 'c'];
        const ts = names.map((name) => new Thread({ target: waiter, name }));
        for (const t of ts) {
          t.start();
          yield* sleep(0.1);
        }
        sem.release();
        yield* sleep(0.1);
        expect(order).toEqual(['d']);
        sem.release(2);
        yield* sleep(0.1);
        expect(order).toEqual(['d', 'b', 'e']);
        sem.release(5); // two waiters left: three units stay free
        for (const t of ts) yield* t.join();
        expect(String(sem)).toBe("<Semaphore 'gate' value=3>");
        return order;
      },
      { switchInterval: 1 },
    );
    expect(r.value).toEqual(['d', 'b', 'e', 'a', 'c']);
  });

  it('is not fair, as in CPython: a releaser may take back the unit before the woken waiter runs, which then waits again', () => {
    runOk(function* () {
      const sem = new Semaphore(1);
      yield* sem.acquire();
      let got = false;
      const t = new Thread({
        target: function* () {
          got = yield* sem.acquire();
        },
      });
      t.start();
      yield* sleep(0.1);
      sem.release();
      expect(yield* sem.acquire({ blocking: false })).toBe(true);
      yield* sleep(0.1);
      expect(got).toBe(false);
      sem.release();
      yield* t.join();
      expect(got).toBe(true);
    });
  });

  it('a timed-out waiter leaves the queue: the next unit goes to the next waiter, at its exact deadline', () => {
    const r = runOk(
      function* () {
        const sem = new Semaphore(0, { name: 's' });
        const log: string[] = [];
        const impatient = new Thread({
          name: 'impatient',
          target: function* () {
            log.push(`impatient ${String(yield* sem.acquire({ timeout: 1 }))}`);
          },
        });
        const patient = new Thread({
          name: 'patient',
          target: function* () {
            log.push(`patient ${String(yield* sem.acquire())}`);
          },
        });
        impatient.start();
        patient.start();
        yield* sleep(2);
        sem.release();
        yield* impatient.join();
        yield* patient.join();
        expect(yield* sem.acquire({ blocking: false })).toBe(false);
        return log;
      },
      { trace: true },
    );
    expect(r.value).toEqual(['impatient false', 'patient true']);
    const block = r.trace!.find(
      (e): e is Extract<TraceEvent, { type: 'block' }> => e.type === 'block' && e.thread === 'impatient',
    )!;
    const timer = r.trace!.find(
      (e): e is Extract<TraceEvent, { type: 'timer' }> => e.type === 'timer' && e.thread === 'impatient',
    )!;
    expect(block.on).toBe("Semaphore 's'");
    expect(block.timeout).toBe(1);
    expect(timer.time).toBe(block.time + 1);
  });

  it('a timeout <= 0 tries once without waiting, as in Python', () => {
    runOk(function* () {
      const sem = new Semaphore(0);
      const t0 = time();
      expect(yield* sem.acquire({ timeout: 0 })).toBe(false);
      expect(yield* sem.acquire({ timeout: -1 })).toBe(false);
      expect(time() - t0).toBeLessThan(1e-5);
      sem.release();
      expect(yield* sem.acquire({ timeout: -1 })).toBe(true);
    });
  });

  it('lets at most `value` threads in at once under switchInterval 1, for every strategy', () => {
    const program = (limit: number | null) =>
      function* () {
        const sem = new Semaphore(limit ?? 1, { name: 'pool' });
        let inside = 0; // changed within single steps, so the count itself is exact
        let most = 0;
        function* visit() {
          inside++;
          most = Math.max(most, inside);
          yield;
          yield;
          inside--;
        }
        function* worker() {
          for (let i = 0; i < 3; i++) {
            if (limit === null) yield* visit();
            else yield* withLock(sem, visit);
          }
        }
        const ts = Array.from({ length: 6 }, () => new Thread({ target: worker }));
        for (const t of ts) t.start();
        for (const t of ts) yield* t.join();
        return most;
      };
    for (const strategy of ['round-robin', 'random', 'pct'] as const) {
      for (const seed of [1, 2, 3]) {
        const options = { switchInterval: 1, strategy, seed };
        expect(runOk(program(2), options).value).toBeLessThanOrEqual(2);
        expect(runOk(program(1), options).value).toBe(1);
      }
    }
    // Round-robin switches at every step, so the bound is reached, and without the semaphore passed.
    expect(runOk(program(2), { switchInterval: 1 }).value).toBe(2);
    expect(runOk(program(null), { switchInterval: 1 }).value).toBe(6);
  });

  it('orders a release before the acquire that takes its unit (no race reported)', () => {
    const program = (useSem: boolean) =>
      function* () {
        const sem = new Semaphore(0);
        const data = shared(0, 'data');
        const reader = new Thread({
          target: function* () {
            if (useSem) yield* sem.acquire();
            else yield* sleep(1);
            return yield* data.read();
          },
        });
        reader.start();
        yield* data.write(42);
        sem.release();
        yield* reader.join();
      };
    expect(run(program(true), { detectRaces: true }).races).toEqual([]);
    expect(run(program(false), { detectRaces: true }).races!.map((x) => x.variable)).toEqual(['data']);
  });
});
