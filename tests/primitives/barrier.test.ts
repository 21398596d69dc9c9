import {
  Barrier,
  BrokenBarrierError,
  currentThread,
  Lock,
  run,
  type RunOptions,
  RuntimeError,
  shared,
  sleep,
  Thread,
  time,
  type TraceEvent,
  TypeError,
  ValueError,
} from 'interleave-threads';
import { caught, runOk } from '../support/run-helpers';

const N = 5;

/** lock_tests' run_threads: `f` in N threads at once, all joined. */
function* runThreads(f: () => Generator<unknown, unknown, never>): Generator<unknown, void, unknown> {
  const ts = Array.from({ length: N }, () => new Thread({ target: f }));
  for (const t of ts) t.start();
  for (const t of ts) yield* t.join();
}

describe('Barrier', () => {
  describe('construction', () => {
    it('rejects parties < 1 or not a whole number with a ValueError (test_constructor)', () => {
      runOk(function* () {
        expect(() => new Barrier(0)).toThrow(ValueError);
        expect(() => new Barrier(-1)).toThrow(/parties must be a whole number >= 1/);
        expect(() => new Barrier(2.5)).toThrow(ValueError);
        expect(() => new Barrier('3' as never)).toThrow(ValueError);
      });
    });

    it('needs a generator function as its action (TypeError)', () => {
      runOk(function* () {
        expect(() => new Barrier(2, (() => 1) as never)).toThrow(TypeError);
        expect(() => new Barrier(2, (() => 1) as never)).toThrow(/Barrier action must be a generator function/);
      });
    });

    it('rejects a default timeout that is not a number (ValueError)', () => {
      runOk(function* () {
        expect(() => new Barrier(2, null, NaN)).toThrow(ValueError);
      });
    });

    it('takes its options in the place of action or timeout', () => {
      runOk(function* () {
        expect(new Barrier(2, { name: 'a' }).name).toBe('a');
        expect(new Barrier(2, null, { name: 'b' }).name).toBe('b');
        expect(new Barrier(2, null, 1, { name: 'c' }).name).toBe('c');
      });
    });

    it('reports parties, nWaiting and broken', () => {
      runOk(function* () {
        const b = new Barrier(3, undefined, undefined, { name: 'gate' });
        expect([b.parties, b.nWaiting, b.broken]).toEqual([3, 0, false]);
        expect(String(b)).toBe("<Barrier 'gate' waiters=0/3>");
        const ts = [0, 1].map(
          () =>
            new Thread({
              target: function* () {
                yield* b.wait();
              },
            }),
        );
        for (const t of ts) t.start();
        yield* sleep(1);
        expect(b.nWaiting).toBe(2);
        expect(String(b)).toBe("<Barrier 'gate' waiters=2/3>");
        yield* b.wait();
        expect(b.nWaiting).toBe(0);
        for (const t of ts) yield* t.join();
        b.abort();
        expect(b.broken).toBe(true);
        expect(String(b)).toBe("<Barrier 'gate' broken>");
      });
    });
  });

  describe('passing', () => {
    function multipass(passes: number, options?: RunOptions): void {
      runOk(function* () {
        const barrier = new Barrier(N, null, 2);
        const results: [boolean[], boolean[]] = [[], []];
        yield* runThreads(function* () {
          for (let i = 0; i < passes; i++) {
            results[0].push(true);
            expect(results[1]).toHaveLength(i * N);
            yield* barrier.wait();
            results[1].push(true);
            expect(results[0]).toHaveLength((i + 1) * N);
            yield* barrier.wait();
          }
          expect(barrier.nWaiting).toBe(0);
          expect(barrier.broken).toBe(false);
        });
      }, options);
    }

    it('threads pass in lockstep (test_barrier)', () => multipass(1));
    it('and for 10 rounds in a row (test_barrier_10)', () => multipass(10));
    it('and under switchInterval 1 with every strategy', () => {
      for (const strategy of ['round-robin', 'random', 'pct'] as const) {
        for (const seed of [1, 2, 3]) multipass(3, { switchInterval: 1, strategy, seed });
      }
    });

    it('returns the arrival index, 0 to parties - 1 (test_wait_return)', () => {
      const r = runOk(
        function* () {
          const barrier = new Barrier(N);
          const got: number[] = [];
          yield* runThreadsOf(N, function* (i: number) {
            yield* sleep(0.1 * ((i * 3) % N)); // arrival order 0, 2, 4, 1, 3
            got[i] = yield* barrier.wait();
          });
          return got;
        },
        { switchInterval: 1 },
      );
      // Python's index is the order of arrival: thread i arrives (3i mod 5)-th.
      expect(r.value).toEqual([0, 3, 1, 4, 2]);
    });

    it('a barrier of one never blocks (test_single_thread)', () => {
      runOk(function* () {
        const b = new Barrier(1);
        expect(yield* b.wait()).toBe(0);
        expect(yield* b.wait()).toBe(0);
      });
    });

    it('releases everyone at the moment the last party arrives', () => {
      const r = runOk(function* () {
        const b = new Barrier(3);
        const left: number[] = [];
        function* f(delay: number) {
          yield* sleep(delay);
          yield* b.wait();
          left.push(time());
        }
        const ts = [1, 2, 3].map((d) => new Thread({ target: f, args: [d] }));
        for (const t of ts) t.start();
        for (const t of ts) yield* t.join();
        return left;
      });
      for (const t of r.value!) {
        expect(t).toBeGreaterThan(3);
        expect(t).toBeLessThan(3 + 1e-4);
      }
    });

    it('orders everything before the barrier before everything after it (no race reported)', () => {
      const program = (withBarrier: boolean) =>
        function* () {
          const b = new Barrier(3);
          const cells = [0, 1, 2].map((i) => shared(0, `cell${i}`));
          yield* runThreadsOf(3, function* (i: number) {
            yield* cells[i]!.write(i + 1);
            if (withBarrier) yield* b.wait();
            else yield* sleep(1);
            let sum = 0;
            for (const c of cells) sum += yield* c.read();
            return sum;
          });
        };
      expect(run(program(true), { detectRaces: true }).races).toEqual([]);
      expect(run(program(false), { detectRaces: true }).races!.length).toBeGreaterThan(0);
    });
  });

  describe('action', () => {
    it('runs once per round, in the last thread to arrive, before the others go on (test_action)', () => {
      const r = runOk(
        function* () {
          const ran: string[] = [];
          const barrier = new Barrier(N, function* () {
            yield;
            ran.push(currentThread().name);
          });
          const arrived: string[] = [];
          yield* runThreads(function* () {
            arrived.push(currentThread().name);
            yield* barrier.wait();
            expect(ran).toHaveLength(1);
          });
          return { ran, arrived };
        },
        { switchInterval: 1 },
      );
      expect(r.value!.ran).toEqual([r.value!.arrived[N - 1]]);
    });

    it('is thread code: the others stay blocked while it sleeps', () => {
      const r = runOk(function* () {
        const b = new Barrier(2, function* () {
          yield* sleep(5);
        });
        const out: number[] = [];
        const t = new Thread({
          target: function* () {
            yield* b.wait();
            out.push(time());
          },
        });
        t.start();
        yield* sleep(1);
        yield* b.wait();
        out.push(time());
        yield* t.join();
        return out;
      });
      for (const t of r.value!) {
        expect(t).toBeGreaterThan(6);
        expect(t).toBeLessThan(6 + 1e-4);
      }
    });

    it('an error in the action breaks the barrier and propagates in that thread', () => {
      const r = run(function* () {
        const b = new Barrier(3, function* () {
          yield;
          throw new ValueError('action failed');
        });
        const outcomes: string[] = [];
        const ts = [0, 1, 2].map(
          (i) =>
            new Thread({
              name: `t${i}`,
              target: function* () {
                yield* sleep(i);
                const e = yield* caught(b.wait());
                outcomes.push(`${currentThread().name} ${(e as Error).name}: ${(e as Error).message}`);
              },
            }),
        );
        for (const t of ts) t.start();
        for (const t of ts) yield* t.join();
        expect(b.broken).toBe(true);
        const late = yield* caught(b.wait());
        expect(late).toBeInstanceOf(BrokenBarrierError);
        return outcomes;
      });
      expect(r.status).toBe('ok');
      expect(r.value).toEqual([
        't2 ValueError: action failed',
        "t0 BrokenBarrierError: Barrier 'Barrier-1' was broken or reset while this thread waited",
        "t1 BrokenBarrierError: Barrier 'Barrier-1' was broken or reset while this thread waited",
      ]);
    });

    it('threads arriving while the action runs wait for the next round', () => {
      const r = runOk(function* () {
        const log: string[] = [];
        const b = new Barrier(2, function* () {
          log.push(`action ${time().toFixed(0)}`);
          yield* sleep(2);
        });
        function* f(name: string, delay: number) {
          yield* sleep(delay);
          const i = yield* b.wait();
          log.push(`${name} passed ${i} at ${time().toFixed(0)}`);
        }
        const ts = [
          ['a', 0],
          ['b', 1],
          ['c', 2],
          ['d', 4],
        ].map(([n, d]) => new Thread({ target: f, args: [n as string, d as number] }));
        for (const t of ts) t.start();
        for (const t of ts) yield* t.join();
        return log;
      });
      // c arrives at 2 while b runs the action (1..3): it joins the round that d completes at 4.
      expect(r.value).toEqual([
        'action 1',
        'b passed 1 at 3',
        'a passed 0 at 3',
        'action 4',
        'd passed 1 at 6',
        'c passed 0 at 6',
      ]);
    });
  });

  describe('breaking', () => {
    it('abort() breaks it for waiting and later threads (test_abort)', () => {
      const r = runOk(function* () {
        const barrier = new Barrier(N, null, 2);
        const results1: boolean[] = [];
        const results2: boolean[] = [];
        yield* runThreads(function* () {
          try {
            const i = yield* barrier.wait();
            if (i === Math.floor(N / 2)) throw new RuntimeError('late');
            yield* barrier.wait();
            results1.push(true);
          } catch (e) {
            if (e instanceof BrokenBarrierError) results2.push(true);
            else if (e instanceof RuntimeError) barrier.abort();
            else throw e;
          }
        });
        return [results1.length, results2.length, barrier.broken];
      });
      expect(r.value).toEqual([0, N - 1, true]);
    });

    it('reset() frees the waiting threads with BrokenBarrierError and leaves it usable (test_reset)', () => {
      const r = runOk(
        function* () {
          const barrier = new Barrier(N, null, 2);
          const results: [number, number, number] = [0, 0, 0];
          yield* runThreads(function* () {
            const i = yield* barrier.wait();
            if (i === Math.floor(N / 2)) {
              while (barrier.nWaiting < N - 1) yield* sleep(0.001);
              barrier.reset();
            } else {
              try {
                yield* barrier.wait();
                results[0]++;
              } catch (e) {
                if (!(e instanceof BrokenBarrierError)) throw e;
                results[1]++;
              }
            }
            yield* barrier.wait();
            results[2]++;
          });
          return [...results, barrier.broken];
        },
        { switchInterval: 1 },
      );
      expect(r.value).toEqual([0, N - 1, N, false]);
    });

    it('a broken barrier can be reset and used again (test_abort_and_reset)', () => {
      const r = runOk(function* () {
        const barrier = new Barrier(N, null, 2);
        const barrier2 = new Barrier(N);
        const results: [number, number, number] = [0, 0, 0];
        yield* runThreads(function* () {
          try {
            const i = yield* barrier.wait();
            if (i === Math.floor(N / 2)) throw new RuntimeError('late');
            yield* barrier.wait();
            results[0]++;
          } catch (e) {
            if (e instanceof BrokenBarrierError) results[1]++;
            else barrier.abort();
          }
          if ((yield* barrier2.wait()) === Math.floor(N / 2)) barrier.reset();
          yield* barrier2.wait();
          yield* barrier.wait();
          results[2]++;
        });
        return results;
      });
      expect(r.value).toEqual([0, N - 1, N]);
    });

    it('a wait that times out breaks the barrier for everyone (test_timeout)', () => {
      const r = runOk(function* () {
        const barrier = new Barrier(N, null, 2);
        const errors: string[] = [];
        yield* runThreads(function* () {
          const i = yield* barrier.wait();
          if (i === Math.floor(N / 2)) yield* sleep(1); // one thread is late
          const e = yield* caught(barrier.wait(0.5));
          errors.push((e as Error).message);
        });
        return errors;
      });
      expect(r.value).toHaveLength(N);
      expect(r.value!.filter((m) => /timed out after 0.5 s/.test(m))).toHaveLength(1);
      expect(r.value!.filter((m) => /was broken or reset while this thread waited/.test(m))).toHaveLength(N - 2);
      expect(r.value!.filter((m) => /is broken/.test(m))).toHaveLength(1); // the late one
    });

    it('the barrier’s default timeout applies when wait() has none, at its exact deadline (test_default_timeout)', () => {
      const r = run(
        function* () {
          const barrier = new Barrier(2, null, 0.1, { name: 'b' });
          const t0 = time();
          const e = yield* caught(barrier.wait());
          expect(e).toBeInstanceOf(BrokenBarrierError);
          expect((e as Error).message).toMatch(/Barrier 'b' timed out after 0.1 s/);
          expect(barrier.broken).toBe(true);
          return time() - t0;
        },
        { trace: true },
      );
      expect(r.status).toBe('ok');
      expect(r.value).toBeGreaterThanOrEqual(0.1);
      expect(r.value).toBeLessThan(0.1 + 1e-5);
      const block = r.trace!.find((e): e is Extract<TraceEvent, { type: 'block' }> => e.type === 'block')!;
      const timer = r.trace!.find((e): e is Extract<TraceEvent, { type: 'timer' }> => e.type === 'timer')!;
      expect(block.timeout).toBe(0.1);
      expect(timer.time).toBe(block.time + 0.1);
    });

    it('wait(timeout) overrides the default; a timeout <= 0 breaks it at once unless this is the last party', () => {
      runOk(function* () {
        const b = new Barrier(2, null, 100);
        const t0 = time();
        expect(yield* caught(b.wait(0))).toBeInstanceOf(BrokenBarrierError);
        expect(time() - t0).toBeLessThan(1e-5);
        b.reset();
        const one = new Barrier(1);
        expect(yield* one.wait(-1)).toBe(0);
        expect(yield* caught(b.wait(NaN))).toBeInstanceOf(ValueError);
      });
    });

    it('a waiter whose deadline passes while the last party runs the action still passes, as in Python', () => {
      const r = runOk(function* () {
        const b = new Barrier(2, function* () {
          yield* sleep(3);
        });
        let got: unknown = null;
        let at = 0;
        const t = new Thread({
          target: function* () {
            got = yield* caught(b.wait(2));
            at = time();
          },
        });
        t.start();
        yield* sleep(1);
        yield* b.wait(); // runs the action from 1 to 4; t's deadline at 2 falls inside
        yield* t.join();
        return [got, b.broken, at > 4 && at < 4.001];
      });
      expect(r.value).toEqual([null, false, true]);
    });

    it('reset() while nobody waits just clears a broken state', () => {
      runOk(function* () {
        const b = new Barrier(1);
        b.abort();
        expect(yield* caught(b.wait())).toBeInstanceOf(BrokenBarrierError);
        b.reset();
        expect(b.broken).toBe(false);
        expect(yield* b.wait()).toBe(0);
      });
    });
  });

  describe('deadlock reports', () => {
    it('names the barrier and how many parties arrived', () => {
      const r = run(function* () {
        const b = new Barrier(3, undefined, undefined, { name: 'meet' });
        const t = new Thread({
          name: 'T',
          target: function* () {
            yield* b.wait();
          },
        });
        t.start();
        yield* b.wait();
      });
      expect(r.status).toBe('deadlock');
      expect(r.deadlock!.threads.map((t) => t.waitingFor)).toEqual([
        "Barrier 'meet' (2 of 3 parties arrived)",
        "Barrier 'meet' (2 of 3 parties arrived)",
      ]);
      expect(r.deadlock!.message).toMatch(/T waits for Barrier 'meet' \(2 of 3 parties arrived\)/);
    });

    it('points waiters at the thread running the action, which can close a cycle', () => {
      const r = run(function* () {
        const lock = new Lock({ name: 'L' });
        const b = new Barrier(
          2,
          function* () {
            yield* lock.acquire(); // held by the other party, which waits at the barrier
          },
          undefined,
          { name: 'meet' },
        );
        const t = new Thread({
          name: 'holder',
          target: function* () {
            yield* lock.acquire();
            yield* b.wait();
          },
        });
        t.start();
        yield* sleep(1);
        yield* b.wait();
      });
      expect(r.status).toBe('deadlock');
      const holder = r.deadlock!.threads.find((t) => t.thread === 'holder')!;
      expect(holder.waitingFor).toBe("Barrier 'meet' (its action is running in MainThread)");
      expect(holder.heldBy).toEqual(['MainThread']);
      expect(r.deadlock!.cycle).not.toBeNull();
      expect([...r.deadlock!.cycle!].sort()).toEqual(['MainThread', 'MainThread', 'holder'].sort());
    });
  });
});

/** `n` threads running `f(i)`, all joined. */
function* runThreadsOf(
  n: number,
  f: (i: number) => Generator<unknown, unknown, never>,
): Generator<unknown, void, unknown> {
  const ts = Array.from({ length: n }, (_, i) => new Thread({ target: f, args: [i] }));
  for (const t of ts) t.start();
  for (const t of ts) yield* t.join();
}
