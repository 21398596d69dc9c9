import {
  CancelledError,
  DEFAULT_MAX_WORKERS,
  Event,
  Future,
  RuntimeError,
  ThreadPoolExecutor,
  TypeError,
  ValueError,
  currentThread,
  enumerate,
  print,
  run,
  shared,
  sleep,
  time,
} from 'interleave-threads';
import { attempt, caught, ok } from '../support/run-helpers';

/** Virtual seconds now, to the millisecond (the steps' microseconds aside). */
const now = () => time().toFixed(3);

/** A task that sleeps `seconds` and returns `value`. */
function* nap<T>(seconds: number, value: T) {
  yield* sleep(seconds);
  return value;
}

const workerNames = () =>
  enumerate()
    .map((t) => t.name)
    .filter((n) => n !== 'MainThread');

describe('ThreadPoolExecutor: the tutorial thread pool (seed section 2.4)', () => {
  // The tutorial runs thread_a..thread_d (sleeping 5, 2, 3, 4 s) two at a time.
  const tutorialTask = (letter: string, seconds: number) =>
    function* () {
      yield* sleep(seconds);
      yield* print(`this is function ${letter}`, now(), currentThread().name);
    };
  const tasks = [tutorialTask('a', 5), tutorialTask('b', 2), tutorialTask('c', 3), tutorialTask('d', 4)];

  it('with maxWorkers 2, a worker freed takes the next function at once', () => {
    const r = run(function* () {
      const pool = new ThreadPoolExecutor({ maxWorkers: 2 });
      for (const task of tasks) pool.submit(task);
      yield* pool.shutdown();
      yield* print('all done', now());
    });
    expect(r.status).toBe('ok');
    expect(r.output).toBe(
      [
        'this is function b 2.000 ThreadPoolExecutor-0_1',
        'this is function a 5.000 ThreadPoolExecutor-0_0', // a's sleep began first, so it wakes first
        'this is function c 5.000 ThreadPoolExecutor-0_1', // c began at 2 when b's worker was free
        'this is function d 9.000 ThreadPoolExecutor-0_0', // d began at 5 on a's worker
        'all done 9.000',
        '',
      ].join('\n'),
    );
  });

  it('in batches of 2, as the tutorial loop does, each batch waits for its slowest function', () => {
    const r = run(function* () {
      const pool = new ThreadPoolExecutor({ maxWorkers: 2 });
      for (let i = 0; i < tasks.length; i += 2) {
        yield* pool.map(
          function* (task) {
            yield* task();
          },
          tasks.slice(i, i + 2),
        );
      }
      yield* pool.shutdown();
      yield* print('all done', now());
    });
    expect(r.output).toBe(
      [
        'this is function b 2.000 ThreadPoolExecutor-0_1',
        'this is function a 5.000 ThreadPoolExecutor-0_0',
        // The worker idle longest (b's, waiting since 2 s) is served first: it takes c.
        'this is function c 8.000 ThreadPoolExecutor-0_1',
        'this is function d 9.000 ThreadPoolExecutor-0_0',
        'all done 9.000',
        '',
      ].join('\n'),
    );
  });
});

describe('ThreadPoolExecutor', () => {
  it('submit returns a Future whose result() is the call value', () => {
    const v = ok(function* () {
      const pool = new ThreadPoolExecutor();
      const f = pool.submit(nap, 1, 'x');
      const g = pool.submit(
        function* (a: number, b: number) {
          yield;
          return a * b;
        },
        6,
        7,
      );
      const out = [f instanceof Future, yield* f.result(), yield* g.result(), now()];
      yield* pool.shutdown();
      return out;
    });
    expect(v).toEqual([true, 'x', 42, '1.000']);
  });

  it('starts workers lazily, one per submit while none is idle, up to maxWorkers (CPython _adjust_thread_count)', () => {
    const v = ok(function* () {
      const pool = new ThreadPoolExecutor({ maxWorkers: 3 });
      const seen: string[][] = [workerNames()];
      yield* pool.submit(nap, 0.5, 0).result();
      seen.push(workerNames());
      // The first worker is idle again: the next submit reuses it, the one after needs a new one.
      const a = pool.submit(nap, 1, 0);
      seen.push(workerNames());
      pool.submit(nap, 1, 0);
      seen.push(workerNames());
      for (let i = 0; i < 4; i++) pool.submit(nap, 1, 0);
      seen.push(workerNames());
      yield* a.result();
      yield* pool.shutdown();
      seen.push(workerNames());
      return seen;
    });
    expect(v).toEqual([
      [],
      ['ThreadPoolExecutor-0_0'],
      ['ThreadPoolExecutor-0_0'],
      ['ThreadPoolExecutor-0_0', 'ThreadPoolExecutor-0_1'],
      ['ThreadPoolExecutor-0_0', 'ThreadPoolExecutor-0_1', 'ThreadPoolExecutor-0_2'],
      [],
    ]);
  });

  it('defaults to 5 workers, whatever the host, and names pools from 0 in each run or by prefix', () => {
    const names = () =>
      ok(function* () {
        const pools = [
          new ThreadPoolExecutor(),
          new ThreadPoolExecutor({ threadNamePrefix: 'downloader' }),
          new ThreadPoolExecutor(),
        ];
        for (const pool of pools) for (let i = 0; i < 8; i++) pool.submit(nap, 1, i);
        const out = { names: workerNames(), pools: pools.map((p) => p.name) };
        for (const pool of pools) yield* pool.shutdown();
        return out;
      });
    const v = names();
    expect(DEFAULT_MAX_WORKERS).toBe(5);
    expect(v.names).toEqual(
      [0, 1, 2, 3, 4]
        .map((i) => `ThreadPoolExecutor-0_${i}`)
        .concat(
          [0, 1, 2, 3, 4].map((i) => `downloader_${i}`),
          [0, 1, 2, 3, 4].map((i) => `ThreadPoolExecutor-1_${i}`),
        ),
    );
    expect(v.pools).toEqual(['ThreadPoolExecutor-0', 'downloader', 'ThreadPoolExecutor-1']);
    expect(names()).toEqual(v);
  });

  it('rejects bad settings: maxWorkers <= 0 is a ValueError, a non-integer or a bad prefix a TypeError', () => {
    const v = ok(function* () {
      return [
        attempt(() => new ThreadPoolExecutor({ maxWorkers: 0 })),
        attempt(() => new ThreadPoolExecutor({ maxWorkers: -1 })),
        attempt(() => new ThreadPoolExecutor({ maxWorkers: 1.5 })),
        attempt(() => new ThreadPoolExecutor({ threadNamePrefix: 3 as never })),
        attempt(() => new ThreadPoolExecutor(2 as never)),
      ];
    });
    expect(v[0]).toBeInstanceOf(ValueError);
    expect((v[0] as Error).message).toMatch(/^max_workers must be greater than 0/);
    expect(v[1]).toBeInstanceOf(ValueError);
    for (const e of v.slice(2)) expect(e).toBeInstanceOf(TypeError);
  });

  it('submit and map take only generator functions, with a message that says how to fix it', () => {
    const v = ok(function* () {
      const pool = new ThreadPoolExecutor();
      const plain = attempt(() => pool.submit((() => 1) as never));
      const asyncFn = attempt(() => pool.submit((async () => 1) as never));
      const mapped = yield* caught(pool.map(((x: number) => x) as never, [1]));
      const notIterable = yield* caught(
        pool.map(function* (x: number) {
          return x;
        }, 5 as never),
      );
      yield* pool.shutdown();
      return [plain, asyncFn, mapped, notIterable];
    });
    for (const e of v) expect(e).toBeInstanceOf(TypeError);
    expect((v[0] as Error).message).toMatch(/submit\(fn\): fn must be a generator function \(function\* \.\.\.\)/);
    expect((v[1] as Error).message).toMatch(/not an async function/);
    expect((v[2] as Error).message).toMatch(/map\(fn, items\): fn must be a generator function/);
    expect((v[3] as Error).message).toMatch(/items must be iterable/);
  });

  it('submit after shutdown raises RuntimeError', () => {
    const v = ok(function* () {
      const pool = new ThreadPoolExecutor({ maxWorkers: 1 }, { name: 'jobs' });
      pool.submit(nap, 1, 1);
      yield* pool.shutdown();
      return [attempt(() => pool.submit(nap, 1, 2)), yield* caught(pool.map(nap as never, [1]))];
    });
    for (const e of v) {
      expect(e).toBeInstanceOf(RuntimeError);
      expect((e as Error).message).toMatch(/^cannot schedule new futures after shutdown \(jobs was shut down/);
    }
  });

  it('map returns the results in the order of the items, not of completion', () => {
    const r = run(function* () {
      const pool = new ThreadPoolExecutor({ maxWorkers: 3 });
      const results = yield* pool.map(
        function* (s: number) {
          yield* sleep(s);
          yield* print('finished', s);
          return s * 10;
        },
        [3, 1, 2],
      );
      yield* print(results, now());
      yield* pool.shutdown();
    });
    expect(r.output).toBe('finished 1\nfinished 2\nfinished 3\n[30, 10, 20] 3.000\n');
  });

  it('map rethrows the error of the first failing item in item order and cancels the calls not started', () => {
    const item1 = new ValueError('item 1 failed');
    const item2 = new ValueError('item 2 failed');
    const r = run(function* () {
      const pool = new ThreadPoolExecutor({ maxWorkers: 2 });
      const e = yield* caught(
        pool.map(
          function* (i: number) {
            yield* print('start', i, now());
            // Item 2 fails first in time; item 1 fails later but comes first in order.
            yield* sleep(i === 1 ? 3 : 1);
            if (i === 1) throw item1;
            if (i === 2) throw item2;
            return i;
          },
          [0, 1, 2, 3, 4, 5],
        ),
      );
      yield* print('map raised', e === item1, now());
      yield* pool.shutdown();
      yield* print('end', now());
    });
    expect(r.status).toBe('ok');
    expect(r.errors).toEqual([]);
    // 0 and 1 start at 0; 2 when 0 ends (1 s); 3 when 2 ends (2 s); 4 at 3 s, when item 1 fails
    // and map returns; 5 was still queued then, so it was cancelled and never starts.
    expect(r.output).toBe(
      'start 0 0.000\nstart 1 0.000\nstart 2 1.000\nstart 3 2.000\nstart 4 3.000\nmap raised True 3.000\nend 4.000\n',
    );
  });

  it('a future carries its call error: result() rethrows that object, exception() returns it, the excepthook never sees it', () => {
    const boom = new ValueError('boom');
    const r = run(function* () {
      const pool = new ThreadPoolExecutor();
      const f = pool.submit(function* () {
        yield* sleep(1);
        throw boom;
      });
      const same = (yield* caught(f.result())) === boom && (yield* f.exception()) === boom;
      yield* pool.shutdown();
      return same;
    });
    expect(r.value).toBe(true);
    expect(r.errors).toEqual([]);
    expect(r.output).toBe('');
  });

  it('cancel() stops a call still queued; a running or finished one cannot be cancelled', () => {
    const r = run(function* () {
      const pool = new ThreadPoolExecutor({ maxWorkers: 1 });
      const running = pool.submit(function* () {
        yield* sleep(2);
        yield* print('long ran');
      });
      const queued = pool.submit(function* () {
        yield* print('queued ran');
      });
      yield* sleep(1);
      const flags = [running.running(), running.cancel(), queued.running(), queued.cancel(), queued.cancelled()];
      const e = yield* caught(queued.result());
      yield* pool.shutdown();
      yield* print(flags, e instanceof CancelledError, running.cancel(), now());
    });
    expect(r.output).toBe('long ran\n[True, False, False, True, True] True False 2.000\n');
  });

  it('shutdown() waits for every submitted call; shutdown(false) returns at once while they still run', () => {
    const program = (wait: boolean) =>
      function* () {
        const pool = new ThreadPoolExecutor({ maxWorkers: 2 });
        for (const s of [1, 2, 3])
          pool.submit(function* () {
            yield* sleep(s);
            yield* print('task', s, now());
          });
        yield* pool.shutdown(wait);
        yield* print('shutdown returned', now());
      };
    const waited = run(program(true));
    expect(waited.output).toBe('task 1 1.000\ntask 2 2.000\ntask 3 4.000\nshutdown returned 4.000\n');
    const notWaited = run(program(false));
    expect(notWaited.status).toBe('ok');
    expect(notWaited.output).toBe('shutdown returned 0.000\ntask 1 1.000\ntask 2 2.000\ntask 3 4.000\n');
    expect(notWaited.time).toBeCloseTo(4, 3);
  });

  it('shutdown with cancelFutures cancels the calls not started', () => {
    const r = run(function* () {
      const pool = new ThreadPoolExecutor({ maxWorkers: 1 });
      const fs = [1, 2, 3].map((i) =>
        pool.submit(function* () {
          yield* sleep(1);
          yield* print('ran', i);
        }),
      );
      yield* sleep(0.5);
      yield* pool.shutdown(true, { cancelFutures: true });
      yield* print(fs.map((f) => f.cancelled()));
    });
    expect(r.output).toBe('ran 1\n[False, True, True]\n');
  });

  it('a pool nobody shut down ends cleanly once its queued calls have run after main ends', () => {
    const r = run(function* () {
      const pool = new ThreadPoolExecutor({ maxWorkers: 2 });
      for (const s of [1, 2, 3])
        pool.submit(function* () {
          yield* sleep(s);
          yield* print('task', s, now());
        });
      yield* print('main ends');
    });
    expect(r.status).toBe('ok');
    expect(r.errors).toEqual([]);
    expect(r.output).toBe('main ends\ntask 1 1.000\ntask 2 2.000\ntask 3 4.000\n');
    expect(r.time).toBeCloseTo(4, 3);
  });

  it('after main has ended, submit raises RuntimeError (interpreter shutdown)', () => {
    const r = run(function* () {
      const pool = new ThreadPoolExecutor({ maxWorkers: 1 });
      pool.submit(function* () {
        yield* sleep(1);
        const e = attempt(() => pool.submit(nap, 1, 1));
        yield* print(e instanceof RuntimeError, (e as Error).message);
      });
    });
    expect(r.status).toBe('ok');
    expect(r.output).toBe('True cannot schedule new futures after interpreter shutdown (the main thread has ended)\n');
  });

  it('a call waiting for a call queued behind it on a one-worker pool is reported as a deadlock cycle', () => {
    const r = run(function* () {
      const pool = new ThreadPoolExecutor({ maxWorkers: 1 });
      const second = new Event();
      let inner: Future<number> | null = null;
      const outer = pool.submit(function* () {
        yield* second.wait();
        return yield* inner!.result();
      });
      inner = pool.submit(nap, 1, 2);
      second.set();
      yield* outer.result();
    });
    expect(r.status).toBe('deadlock');
    expect(r.deadlock!.threads).toEqual([
      {
        thread: 'MainThread',
        waitingFor: "Future 'Future-1' (running in ThreadPoolExecutor-0_0)",
        heldBy: ['ThreadPoolExecutor-0_0'],
      },
      {
        thread: 'ThreadPoolExecutor-0_0',
        waitingFor: "Future 'Future-2' (pending: its call has not started)",
        heldBy: [],
      },
    ]);
  });

  it('orders a call and its result: writes in the call happen before result() returns', () => {
    const program = (viaResult: boolean) =>
      function* () {
        const data = shared(0, 'data');
        const pool = new ThreadPoolExecutor({ maxWorkers: 1 });
        const f = pool.submit(function* () {
          yield* data.write(1);
        });
        if (viaResult) yield* f.result();
        else yield* sleep(1);
        yield* data.read();
        yield* pool.shutdown();
      };
    expect(run(program(true), { detectRaces: true }).races).toEqual([]);
    expect(run(program(false), { detectRaces: true }).races).toHaveLength(1);
  });
});
