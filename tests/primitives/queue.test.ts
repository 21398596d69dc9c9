import {
  Event,
  Lock,
  Queue,
  QueueEmpty,
  QueueFull,
  Thread,
  TypeError,
  ValueError,
  print,
  run,
  shared,
  sleep,
  time,
} from 'interleave-threads';
import { caught, ok } from '../support/run-helpers';

const QUEUE_SIZE = 5;

/**
 * Python's do_blocking_test: a trigger thread sleeps 0.1 s, sets an event, then unblocks the
 * blocking op; returns the op's result, when it returned, and whether the trigger had fired.
 */
function* blockingTest<R>(
  block: () => Generator<unknown, R, unknown>,
  trigger: () => Generator<unknown, unknown, unknown>,
) {
  const started = new Event();
  const t = new Thread({
    target: function* () {
      yield* sleep(0.1);
      started.set();
      yield* trigger();
    },
  });
  t.start();
  const result: R = yield* block();
  const at = time();
  const triggered = started.isSet();
  yield* t.join();
  return { result, at, triggered };
}

describe('Queue', () => {
  it('returns items first in, first out and reports its size (test_queue basic_queue_test)', () => {
    const v = ok(function* () {
      const q = new Queue<number>(QUEUE_SIZE);
      const before = [q.qsize(), q.empty(), q.full()];
      yield* q.put(111);
      yield* q.put(333);
      yield* q.put(222);
      const order = [yield* q.get(), yield* q.get(), yield* q.get()];
      for (let i = 0; i < QUEUE_SIZE - 1; i++) yield* q.put(i);
      const notFull = q.full();
      yield* q.put(2 * QUEUE_SIZE);
      return { before, order, notFull, after: [q.qsize(), q.empty(), q.full()] };
    });
    expect(v).toEqual({ before: [0, true, false], order: [111, 333, 222], notFull: false, after: [5, false, true] });
  });

  it('a non-blocking put on a full queue raises QueueFull at once', () => {
    const v = ok(function* () {
      const q = new Queue(1, { name: 'jobs' });
      yield* q.put('a');
      const t0 = time();
      const e = yield* caught(q.put('b', { block: false }));
      return { e, waited: time() - t0, size: q.qsize() };
    });
    expect(v.e).toBeInstanceOf(QueueFull);
    expect((v.e as Error).message).toMatch(/Queue 'jobs' is full \(maxsize 1\)/);
    expect(v.waited).toBeLessThan(1e-5);
    expect(v.size).toBe(1);
  });

  it('a timed put on a full queue raises QueueFull exactly at its deadline', () => {
    const v = ok(function* () {
      const q = new Queue(1, { name: 'jobs' });
      q.putNowait('a');
      const e = yield* caught(q.put('b', { timeout: 2 }));
      return { e, at: time(), items: [q.getNowait(), q.qsize()] };
    });
    expect(v.e).toBeInstanceOf(QueueFull);
    expect((v.e as Error).message).toMatch(/put timed out: Queue 'jobs' stayed full \(maxsize 1\) for 2 s/);
    // The op's own step costs 1 µs before it blocks; it wakes exactly 2 s after that.
    expect(v.at).toBe(1e-6 + 2);
    expect(v.items).toEqual(['a', 0]);
  });

  it('a blocking put waits until a get makes room (do_blocking_test)', () => {
    const v = ok(function* () {
      const q = new Queue<number>(1);
      q.putNowait(1);
      const r = yield* blockingTest(
        () => q.put(2),
        function* () {
          return yield* q.get();
        },
      );
      return { triggered: r.triggered, at: r.at, left: q.getNowait() };
    });
    expect(v.triggered).toBe(true);
    expect(v.at).toBeGreaterThanOrEqual(0.1);
    expect(v.at).toBeLessThan(0.1001);
    expect(v.left).toBe(2);
  });

  it('a get from an empty queue without waiting raises QueueEmpty at once', () => {
    const v = ok(function* () {
      const q = new Queue(0, { name: 'jobs' });
      const a = yield* caught(q.get({ block: false }));
      const b = yield* caught(q.get({ timeout: 0 }));
      let c: unknown = null;
      try {
        q.getNowait();
      } catch (e) {
        c = e;
      }
      return { a, b, c, at: time() };
    });
    for (const e of [v.a, v.b, v.c]) {
      expect(e).toBeInstanceOf(QueueEmpty);
      expect((e as Error).message).toMatch(/Queue 'jobs' is empty/);
    }
    expect(v.at).toBeLessThan(1e-5);
  });

  it('a timed get on an empty queue raises QueueEmpty exactly at its deadline', () => {
    const v = ok(function* () {
      const q = new Queue(0, { name: 'jobs' });
      const e = yield* caught(q.get({ timeout: 1.5 }));
      return { e, at: time() };
    });
    expect(v.e).toBeInstanceOf(QueueEmpty);
    expect((v.e as Error).message).toMatch(/get timed out: no item arrived in Queue 'jobs' within 1.5 s/);
    expect(v.at).toBe(1e-6 + 1.5);
  });

  it('a blocking get, with or without a timeout, returns the item a later put brings (do_blocking_test)', () => {
    const v = ok(function* () {
      const q = new Queue<string>(QUEUE_SIZE);
      const plain = yield* blockingTest(
        () => q.get(),
        () => q.put('empty'),
      );
      const timed = yield* blockingTest(
        () => q.get({ block: true, timeout: 10 }),
        () => q.put('empty'),
      );
      return [plain.result, plain.triggered, timed.result, timed.triggered, q.qsize()];
    });
    expect(v).toEqual(['empty', true, 'empty', true, 0]);
  });

  it('a get served before its deadline is not woken again by the stale timeout', () => {
    const v = ok(function* () {
      const q = new Queue<string>();
      const p = new Thread({
        target: function* () {
          yield* sleep(1);
          yield* q.put('early');
          yield* sleep(5);
          yield* q.put('late');
        },
      });
      p.start();
      const first = yield* q.get({ timeout: 2 });
      const second = yield* q.get();
      return { first, second, at: time() };
    });
    expect(v.first).toBe('early');
    expect(v.second).toBe('late');
    expect(v.at).toBeGreaterThanOrEqual(6);
  });

  it('putNowait and getNowait raise QueueFull and QueueEmpty (test_nowait)', () => {
    const v = ok(function* () {
      const q = new Queue(QUEUE_SIZE);
      for (let i = 0; i < QUEUE_SIZE; i++) q.putNowait(1);
      let full: unknown = null;
      try {
        q.putNowait(1);
      } catch (e) {
        full = e;
      }
      for (let i = 0; i < QUEUE_SIZE; i++) q.getNowait();
      let empty: unknown = null;
      try {
        q.getNowait();
      } catch (e) {
        empty = e;
      }
      return { full, empty };
    });
    expect(v.full).toBeInstanceOf(QueueFull);
    expect(v.empty).toBeInstanceOf(QueueEmpty);
  });

  it('a negative or NaN timeout raises ValueError for put and get (test_negative_timeout_raises_exception)', () => {
    const v = ok(function* () {
      const q = new Queue(QUEUE_SIZE);
      const unbounded = new Queue();
      return [
        yield* caught(q.put(1, { timeout: -1 })),
        yield* caught(q.get({ timeout: -1 })),
        yield* caught(q.get({ timeout: NaN })),
        yield* caught(unbounded.put(1, { timeout: -0.5 })),
        // As in Python, a non-blocking call ignores its timeout.
        yield* caught(q.put(1, { block: false, timeout: -1 })),
      ];
    });
    for (const e of v.slice(0, 4)) {
      expect(e).toBeInstanceOf(ValueError);
      expect((e as Error).message).toContain("'timeout' must be a non-negative number");
    }
    expect(v[4]).toBeNull();
  });

  it('rejects bad arguments with TypeError saying how to call it', () => {
    const r = run(function* () {
      const errors: unknown[] = [];
      const attempt = (f: () => unknown) => {
        try {
          f();
        } catch (e) {
          errors.push(e);
        }
      };
      attempt(() => new Queue({ name: 'jobs' } as never));
      const q = new Queue();
      errors.push(yield* caught(q.get('fast' as never)));
      errors.push(yield* caught(q.put(1, { block: 'yes' as never })));
      errors.push(yield* caught(q.get({ timeout: '1' as never })));
      return errors;
    });
    const errors = r.value as Error[];
    expect(errors).toHaveLength(4);
    for (const e of errors) expect(e).toBeInstanceOf(TypeError);
    expect(errors[0]!.message).toMatch(/new Queue\(0, \{ name: '...' \}\)/);
    expect(errors[1]!.message).toMatch(/options object \{ block, timeout \}/);
  });

  it('taskDone more times than items put raises ValueError (test_queue_task_done)', () => {
    const v = ok(function* () {
      const q = new Queue(0, { name: 'jobs' });
      const errors: unknown[] = [];
      try {
        q.taskDone();
      } catch (e) {
        errors.push(e);
      }
      yield* q.put('x');
      yield* q.get();
      q.taskDone();
      try {
        q.taskDone();
      } catch (e) {
        errors.push(e);
      }
      return errors;
    });
    expect(v).toHaveLength(2);
    for (const e of v) {
      expect(e).toBeInstanceOf(ValueError);
      expect((e as Error).message).toMatch(/^task_done\(\) called too many times/);
    }
  });

  it('join waits until every item has had its taskDone, and can be joined twice (queue_join_test)', () => {
    const v = ok(
      function* () {
        const q = new Queue<number>();
        const cum = shared(0, 'cum');
        const cumLock = new Lock();
        function* worker() {
          for (;;) {
            const x = yield* q.get();
            if (x < 0) {
              q.taskDone();
              return;
            }
            yield* cumLock.acquire();
            yield* cum.update((c) => c + x);
            cumLock.release();
            q.taskDone();
          }
        }
        const sums: number[] = [];
        for (let round = 0; round < 2; round++) {
          const threads = [0, 1].map(() => new Thread({ target: worker }));
          for (const t of threads) t.start();
          yield* cum.write(0);
          for (let i = 0; i < 100; i++) yield* q.put(i);
          yield* q.join();
          sums.push(cum.value);
          for (const _ of threads) yield* q.put(-1);
          yield* q.join();
          for (const t of threads) yield* t.join();
        }
        let extra: unknown = null;
        try {
          q.taskDone();
        } catch (e) {
          extra = e;
        }
        return { sums, extra };
      },
      { switchInterval: 3 },
    );
    expect(v.sums).toEqual([4950, 4950]);
    expect(v.extra).toBeInstanceOf(ValueError);
  });

  it('join returns only after the last taskDone, at that virtual time', () => {
    const v = ok(function* () {
      const q = new Queue<number>();
      const w = new Thread({
        target: function* () {
          for (let i = 0; i < 3; i++) {
            const s = yield* q.get();
            yield* sleep(s);
            q.taskDone();
          }
        },
      });
      w.start();
      for (const s of [1, 2, 3]) yield* q.put(s);
      yield* q.join();
      return time();
    });
    expect(v).toBeGreaterThanOrEqual(6);
    expect(v).toBeLessThan(6.001);
  });

  it('wakes blocked getters first come, first served; a thread arriving before the woken getter runs may take the item', () => {
    const v = ok(function* () {
      const q = new Queue<string>();
      const got: string[] = [];
      const getters = ['g1', 'g2', 'g3'].map(
        (name) =>
          new Thread({
            name,
            target: function* () {
              got.push(`${name}:${yield* q.get()}`);
            },
          }),
      );
      for (const g of getters) {
        g.start();
        yield* sleep(0.1); // each begins waiting before the next starts
      }
      q.putNowait('a');
      // Not handed off, as in CPython: g1 was woken but has not run, and the item is still there.
      const stolen = q.getNowait();
      q.putNowait('b');
      q.putNowait('c');
      q.putNowait('d');
      for (const g of getters) yield* g.join();
      return { got, stolen };
    });
    expect(v.stolen).toBe('a');
    expect(v.got).toEqual(['g1:b', 'g2:c', 'g3:d']);
  });

  it('a get from a full queue wakes the longest-waiting putter, which puts its item when it runs, in FIFO order', () => {
    const v = ok(function* () {
      const q = new Queue<string>(1);
      const log: string[] = [];
      q.putNowait('first');
      const putters = ['p1', 'p2', 'p3'].map(
        (name) =>
          new Thread({
            name,
            target: function* () {
              yield* q.put(name);
              log.push(`${name} put at ${time().toFixed(1)}`);
            },
          }),
      );
      for (const p of putters) {
        p.start();
        yield* sleep(0.1);
      }
      const got: string[] = [];
      for (let i = 0; i < 4; i++) {
        got.push(q.getNowait());
        // The woken putter has not run yet: the room is still free.
        log.push(`size ${q.qsize()}`);
        yield* sleep(1);
      }
      for (const p of putters) yield* p.join();
      return { got, log };
    });
    expect(v.got).toEqual(['first', 'p1', 'p2', 'p3']);
    expect(v.log).toEqual(['size 0', 'p1 put at 0.3', 'size 0', 'p2 put at 1.3', 'size 0', 'p3 put at 2.3', 'size 0']);
  });

  it('an item handed to a waiting getter still counts as a task for join', () => {
    const r = run(function* () {
      const q = new Queue<number>();
      const g = new Thread({
        target: function* () {
          const x = yield* q.get();
          yield* sleep(x);
          yield* print('done with', x);
          q.taskDone();
        },
      });
      g.start();
      yield* sleep(0.5);
      yield* q.put(2);
      yield* q.join();
      yield* print('joined at', Math.round(time() * 10) / 10);
    });
    expect(r.output).toBe('done with 2\njoined at 2.5\n');
  });

  it('shrinking maxsize makes it full; growing it lets a waiting putter in (test_shrinking_queue)', () => {
    const v = ok(function* () {
      const q = new Queue<number>(3);
      for (const i of [1, 2, 3]) yield* q.put(i);
      const errors: unknown[] = [];
      try {
        q.putNowait(4);
      } catch (e) {
        errors.push(e);
      }
      q.maxsize = 2;
      try {
        q.putNowait(4);
      } catch (e) {
        errors.push(e);
      }
      const p = new Thread({
        target: function* () {
          yield* q.put(4);
        },
      });
      p.start();
      yield* sleep(1);
      const waiting = p.isAlive();
      q.maxsize = 10;
      yield* p.join();
      return { errors, size: q.qsize(), waiting, maxsize: q.maxsize };
    });
    expect(v.errors.map((e) => e instanceof QueueFull)).toEqual([true, true]);
    expect(v).toMatchObject({ size: 4, waiting: true, maxsize: 10 });
  });

  it('a maxsize of 0 or less is unbounded', () => {
    const v = ok(function* () {
      const q = new Queue(-1);
      for (let i = 0; i < 1000; i++) q.putNowait(i);
      let sum = 0;
      while (!q.empty()) sum += q.getNowait() as number;
      return [q.full(), sum];
    });
    expect(v).toEqual([false, 499500]);
  });

  it('names the queue and its state in deadlock reports', () => {
    const empty = run(function* () {
      yield* new Queue(0, { name: 'jobs' }).get();
    });
    expect(empty.status).toBe('deadlock');
    expect(empty.deadlock!.threads).toEqual([
      { thread: 'MainThread', waitingFor: "Queue 'jobs' (empty, waiting for a put)", heldBy: [] },
    ]);
    const full = run(function* () {
      const q = new Queue(1, { name: 'jobs' });
      yield* q.put(1);
      yield* q.put(2);
    });
    expect(full.deadlock!.threads[0]!.waitingFor).toBe("Queue 'jobs' (full, waiting for a get)");
    const joined = run(function* () {
      const q = new Queue();
      yield* q.put(1);
      yield* q.join();
    });
    expect(joined.deadlock!.threads[0]!.waitingFor).toBe("Queue 'Queue-1' (1 unfinished task, waiting for taskDone())");
    expect(joined.deadlock!.message).toContain(
      "MainThread waits for Queue 'Queue-1' (1 unfinished task, waiting for taskDone())",
    );
  });

  it('orders a put before the get that takes its item (happens-before for the race detector)', () => {
    const program = (viaQueue: boolean) =>
      function* () {
        const data = shared(0, 'data');
        const q = new Queue<string>();
        const consumer = new Thread({
          target: function* () {
            if (viaQueue) yield* q.get();
            else yield* sleep(1);
            yield* data.read();
          },
        });
        consumer.start();
        yield* data.write(42);
        yield* q.put('ready');
        yield* consumer.join();
      };
    expect(run(program(true), { detectRaces: true }).races).toEqual([]);
    expect(run(program(false), { detectRaces: true }).races).toHaveLength(1);
  });

  it('is deterministic: many producers and consumers give the same output on every run', () => {
    const program = function* () {
      const q = new Queue<string>(2);
      const producers = [0, 1, 2].map(
        (p) =>
          new Thread({
            target: function* () {
              for (let i = 0; i < 4; i++) yield* q.put(`${p}.${i}`);
            },
          }),
      );
      const consumers = [0, 1].map(
        (c) =>
          new Thread({
            target: function* () {
              for (let i = 0; i < 6; i++) yield* print(`c${c} got`, yield* q.get());
            },
          }),
      );
      for (const t of [...producers, ...consumers]) t.start();
      for (const t of [...producers, ...consumers]) yield* t.join();
    };
    const a = run(program, { strategy: 'random', seed: 7, switchInterval: 1 });
    const b = run(program, { strategy: 'random', seed: 7, switchInterval: 1 });
    expect(a.status).toBe('ok');
    expect(a.output.match(/got/g)).toHaveLength(12);
    expect(b.output).toBe(a.output);
  });
});

/** Python's FailingQueue: `_put`/`_get` fail once when told to. */
class FailingQueueException extends Error {}
class FailingQueue<T> extends Queue<T> {
  failNextPut = false;
  failNextGet = false;
  protected override _put(item: T): void {
    if (this.failNextPut) {
      this.failNextPut = false;
      throw new FailingQueueException('You Lose');
    }
    super._put(item);
  }
  protected override _get(): T {
    if (this.failNextGet) {
      this.failNextGet = false;
      throw new FailingQueueException('You Lose');
    }
    return super._get();
  }
}

describe('Queue storage hooks (test_queue FailingQueueTest)', () => {
  it('a failing _put or _get raises in the calling thread and leaves the queue intact', () => {
    const v = ok(function* () {
      const q = new FailingQueue<unknown>(QUEUE_SIZE);
      for (let i = 0; i < QUEUE_SIZE - 1; i++) yield* q.put(i);
      q.failNextPut = true;
      const a = yield* caught(q.put('oops', { block: false }));
      q.failNextPut = true;
      const b = yield* caught(q.put('oops', { timeout: 0.1 }));
      yield* q.put('last');
      const full = q.full();
      const size = q.qsize();
      for (let i = 0; i < QUEUE_SIZE; i++) yield* q.get();
      yield* q.put('first');
      q.failNextGet = true;
      const c = yield* caught(q.get());
      const left = q.qsize();
      return { errors: [a, b, c], full, size, left, item: yield* q.get(), name: q.name };
    });
    for (const e of v.errors) expect(e).toBeInstanceOf(FailingQueueException);
    expect(v).toMatchObject({ full: true, size: QUEUE_SIZE, left: 1, item: 'first', name: 'FailingQueue-1' });
  });

  it('a blocked putter whose item fails to go in gets the error; the get that made room is unharmed', () => {
    const v = ok(function* () {
      const q = new FailingQueue<string>(1);
      q.putNowait('last');
      let putError: unknown = null;
      const p = new Thread({
        target: function* () {
          putError = yield* caught(q.put('full'));
        },
      });
      p.start();
      yield* sleep(0.1);
      q.failNextPut = true;
      const got = yield* q.get();
      yield* p.join();
      return { got, putError, size: q.qsize() };
    });
    expect(v.got).toBe('last');
    expect(v.putError).toBeInstanceOf(FailingQueueException);
    expect(v.size).toBe(0);
  });

  it('a blocked getter whose item fails to come out gets the error; the put stays in the queue', () => {
    const v = ok(function* () {
      const q = new FailingQueue<string>();
      let getError: unknown = null;
      const g = new Thread({
        target: function* () {
          getError = yield* caught(q.get());
        },
      });
      g.start();
      yield* sleep(0.1);
      q.failNextGet = true;
      yield* q.put('empty');
      yield* g.join();
      return { getError, left: q.getNowait() };
    });
    expect(v.getError).toBeInstanceOf(FailingQueueException);
    expect(v.left).toBe('empty');
  });
});
