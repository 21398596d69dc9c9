/**
 * Bad input and misuse: each is met with the Python-like error class and a message that says
 * what went wrong and what to do. Errors raised inside a thread are read from the run's
 * `errors`; errors found before a run starts are thrown by `run` itself.
 */
import {
  Barrier,
  BoundedSemaphore,
  Condition,
  Event,
  Lock,
  Queue,
  ReplayError,
  RLock,
  RuntimeError,
  Semaphore,
  Thread,
  ThreadPoolExecutor,
  Timer,
  TypeError,
  ValueError,
  assertSchedules,
  currentThread,
  explore,
  replay,
  run,
  sleep,
  time,
} from 'interleave-threads';
import { thrownBy } from '../support/run-helpers';

type Body = () => Generator<unknown, unknown, never>;
type ErrorClass = abstract new (...args: never[]) => Error;

/** Runs `body` as main and returns the error main raised (the run's status must be 'error'). */
function raisedBy(body: Body): unknown {
  const r = run(body);
  expect(r.status).toBe('error');
  return r.errors[r.errors.length - 1]!.error;
}

function expectError(error: unknown, cls: ErrorClass, phrase: RegExp): void {
  expect(error).toBeInstanceOf(cls);
  expect((error as Error).message).toMatch(phrase);
}

describe('a target that is not a generator function', () => {
  it('run() of a plain function is a TypeError that says to write function*', () => {
    expectError(
      thrownBy(() => run((() => undefined) as never)),
      TypeError,
      /must be a generator function \(function\* \.\.\.\).*write it as function\*/,
    );
  });

  it('run() of an async function is a TypeError that says to use yield* sleep instead of await', () => {
    expectError(
      thrownBy(() => run((async () => undefined) as never)),
      TypeError,
      /not an async function: use yield\* sleep/,
    );
  });

  it('an async generator is refused with the reason', () => {
    expectError(
      thrownBy(() => run(async function* () {} as never)),
      TypeError,
      /not an async generator: async code cannot run inside a deterministic thread/,
    );
  });

  it('a Thread target, a Timer function, a Barrier action and a submitted task must be generator functions', () => {
    expectError(
      raisedBy(function* () {
        new Thread({ target: (() => undefined) as never });
      }),
      TypeError,
      /Thread target must be a generator function/,
    );
    expectError(
      raisedBy(function* () {
        new Timer(1, (() => undefined) as never);
      }),
      TypeError,
      /Timer function must be a generator function/,
    );
    expectError(
      raisedBy(function* () {
        new Barrier(2, (() => undefined) as never);
      }),
      TypeError,
      /Barrier action must be a generator function/,
    );
    expectError(
      raisedBy(function* () {
        new ThreadPoolExecutor({ maxWorkers: 1 }).submit((() => 1) as never);
      }),
      TypeError,
      /submit\(fn\): fn must be a generator function/,
    );
  });
});

describe('yielding something other than a step', () => {
  it('a bare yield of an operation object says to use yield*', () => {
    const error = raisedBy(function* () {
      const lock = new Lock();
      yield lock.acquire() as never;
    });
    expectError(error, TypeError, /MainThread yielded an operation object; write `yield\* op`/);
  });

  it('yielding a Promise says async code is not supported inside a thread, and why', () => {
    const error = raisedBy(function* () {
      yield Promise.resolve(1) as never;
    });
    expectError(error, TypeError, /yielded a Promise: async code is not supported inside a thread/);
    expect((error as Error).message).toMatch(/would settle on the host's event loop, outside virtual time/);
    expect((error as Error).message).toMatch(/Use yield\* sleep\(seconds\)/);
  });

  it('yielding a plain value says a bare yield is one step', () => {
    expectError(
      raisedBy(function* () {
        yield 5 as never;
      }),
      TypeError,
      /yielded 5: a bare `yield` \(with no value\) is one step/,
    );
  });

  it('the error is raised inside the thread, so the thread can catch it and go on', () => {
    const r = run(function* () {
      try {
        yield Promise.resolve(1) as never;
      } catch {
        return 'caught';
      }
      return 'not raised';
    });
    expect(r.status).toBe('ok');
    expect(r.value).toBe('caught');
  });
});

describe('thread operations outside any run', () => {
  it.each([
    [
      'Lock.acquire',
      () => new Lock().acquire().next(),
      /Lock\.acquire can only be used inside a thread of a running program: pass the main generator function to run\(\)/,
    ],
    ['sleep', () => sleep(1).next(), /sleep\(\) can only be used inside a thread of a running program/],
    ['Event.set', () => new Event().set(), /Event\.set can only be used inside a thread of a running program/],
    ['time', () => time(), /time\(\) can only be used inside a thread of a running program/],
    ['currentThread', () => currentThread(), /currentThread\(\) can only be used/],
    ['new Thread', () => new Thread({ target: function* () {} }), /new Thread\(\) can only be used/],
  ])('%s raises RuntimeError saying to run the program with run()', (_what, fn, phrase) => {
    expectError(thrownBy(fn), RuntimeError, phrase);
  });
});

describe('objects of one run used in another', () => {
  it('a primitive made in one run raises RuntimeError in the next, saying to create it inside main', () => {
    let leaked: Lock | null = null;
    run(function* () {
      leaked = new Lock({ name: 'leaky' });
      yield* leaked.acquire();
    });
    const error = raisedBy(function* () {
      yield* leaked!.acquire();
    });
    expectError(
      error,
      RuntimeError,
      /Lock 'leaky' belongs to another run.*Create it inside the main generator function/,
    );
  });

  it('a primitive made at module level binds to the first run that uses it', () => {
    const q = new Queue(0, { name: 'global' });
    expect(
      run(function* () {
        yield* q.put(1);
        return q.qsize();
      }).value,
    ).toBe(1);
    expectError(
      raisedBy(function* () {
        q.qsize();
      }),
      RuntimeError,
      /Queue 'global' belongs to another run/,
    );
  });

  it('a thread made in one run cannot be started or joined in another', () => {
    let t: Thread | null = null;
    run(function* () {
      t = new Thread({ target: function* () {} });
    });
    expectError(
      raisedBy(function* () {
        t!.start();
      }),
      RuntimeError,
      /belongs to another run; create threads inside the program you run/,
    );
  });
});

describe('negative and NaN times', () => {
  it.each([
    [
      'sleep(-1)',
      function* () {
        yield* sleep(-1);
      },
      /sleep length must be non-negative, got -1/,
    ],
    [
      'sleep(NaN)',
      function* () {
        yield* sleep(NaN);
      },
      /sleep length must be a number of seconds, got NaN/,
    ],
    [
      'Lock.acquire timeout -2',
      function* () {
        yield* new Lock().acquire({ timeout: -2 });
      },
      /timeout value must be a non-negative number \(or -1 to wait forever\)/,
    ],
    [
      'Lock.acquire timeout NaN',
      function* () {
        yield* new Lock().acquire({ timeout: NaN });
      },
      /timeout must be a number of seconds, got NaN/,
    ],
    [
      'RLock.acquire timeout -0.5',
      function* () {
        yield* new RLock().acquire({ timeout: -0.5 });
      },
      /RLock\.acquire\(\) timeout value must be a non-negative number/,
    ],
    [
      'a timeout with blocking: false',
      function* () {
        yield* new Lock().acquire({ blocking: false, timeout: 1 });
      },
      /can't specify a timeout for a non-blocking call/,
    ],
    [
      'Semaphore.acquire timeout NaN',
      function* () {
        yield* new Semaphore(0).acquire({ timeout: NaN });
      },
      /timeout must be a number of seconds or null, got NaN/,
    ],
    [
      'Queue.get timeout -1',
      function* () {
        yield* new Queue().get({ timeout: -1 });
      },
      /'timeout' must be a non-negative number/,
    ],
    [
      'Queue.put timeout -1',
      function* () {
        yield* new Queue(1).put(1, { timeout: -1 });
      },
      /'timeout' must be a non-negative number/,
    ],
    [
      'Event.wait(NaN)',
      function* () {
        yield* new Event().wait(NaN);
      },
      /Event\.wait timeout must be a number of seconds, got NaN/,
    ],
    [
      'Thread.join(NaN)',
      function* () {
        const t = new Thread({ target: function* () {} });
        t.start();
        yield* t.join(NaN);
      },
      /join timeout must be a number of seconds, got NaN/,
    ],
    [
      'Timer interval NaN',
      function* () {
        new Timer(NaN, function* () {});
      },
      /Timer interval must be a number of seconds, got NaN/,
    ],
  ])('%s raises ValueError', (_what, body, phrase) => {
    expectError(raisedBy(body as Body), ValueError, phrase);
  });

  it('Event.wait and Condition.wait with a timeout <= 0 return false at once instead (as in Python)', () => {
    const r = run(function* () {
      const c = new Condition();
      yield* c.acquire();
      const results = [yield* new Event().wait(-1), yield* c.wait(0), yield* c.wait(-3)];
      c.release();
      return results;
    });
    expect(r.value).toEqual([false, false, false]);
  });
});

describe('bad primitive values', () => {
  it.each([
    ['Semaphore(1.5)', () => new Semaphore(1.5), /semaphore initial value must be a whole number >= 0, got 1\.5/],
    ['Semaphore(-1)', () => new Semaphore(-1), /semaphore initial value must be a whole number >= 0, got -1/],
    ['BoundedSemaphore(0.5)', () => new BoundedSemaphore(0.5), /semaphore initial value must be a whole number >= 0/],
    [
      'Barrier(0)',
      () => new Barrier(0),
      /parties must be a whole number >= 1 \(the threads that meet at the barrier\), got 0/,
    ],
    ['Barrier(2.5)', () => new Barrier(2.5), /parties must be a whole number >= 1/],
    ['Semaphore.release(0)', () => new Semaphore(1).release(0), /n must be one or more/],
  ])('%s raises ValueError', (_what, make, phrase) => {
    expectError(
      raisedBy(function* () {
        make();
      }),
      ValueError,
      phrase,
    );
  });
});

describe('thread life-cycle misuse', () => {
  it('start() twice raises RuntimeError', () => {
    const error = raisedBy(function* () {
      const t = new Thread({ target: function* () {} });
      t.start();
      t.start();
    });
    expectError(error, RuntimeError, /threads can only be started once/);
  });

  it('join() before start raises RuntimeError', () => {
    expectError(
      raisedBy(function* () {
        yield* new Thread({ target: function* () {} }).join();
      }),
      RuntimeError,
      /cannot join thread before it is started/,
    );
  });

  it('join() on the current thread raises RuntimeError', () => {
    expectError(
      raisedBy(function* () {
        yield* (currentThread() as Thread).join();
      }),
      RuntimeError,
      /cannot join current thread/,
    );
  });

  it('setting daemon after start raises RuntimeError', () => {
    const error = raisedBy(function* () {
      const t = new Thread({ target: function* () {} });
      t.start();
      t.daemon = true;
    });
    expectError(error, RuntimeError, /cannot set daemon status of active thread/);
  });
});

describe('lock and condition misuse', () => {
  it('releasing a Lock that is not held raises RuntimeError naming the lock', () => {
    expectError(
      raisedBy(function* () {
        new Lock({ name: 'door' }).release();
      }),
      RuntimeError,
      /release unlocked lock \('door' is not locked\)/,
    );
  });

  it('an RLock released by another thread raises RuntimeError naming the owner', () => {
    const error = raisedBy(function* () {
      const r = new RLock({ name: 'r' });
      yield* r.acquire();
      let caught: unknown = null;
      const t = new Thread({
        name: 'other',
        target: function* () {
          try {
            r.release();
          } catch (e) {
            caught = e;
          }
        },
      });
      t.start();
      yield* t.join();
      throw caught;
    });
    expectError(error, RuntimeError, /RLock 'r' is held by MainThread, not other; only its owner may release it/);
  });

  it('an RLock released more often than acquired raises RuntimeError', () => {
    const error = raisedBy(function* () {
      const r = new RLock({ name: 'r' });
      yield* r.acquire();
      r.release();
      r.release();
    });
    expectError(error, RuntimeError, /cannot release un-acquired lock \(RLock 'r' is not held\)/);
  });

  it('Condition.wait and notify without the lock raise RuntimeError saying to acquire it first', () => {
    expectError(
      raisedBy(function* () {
        yield* new Condition({ name: 'c' }).wait();
      }),
      RuntimeError,
      /cannot wait on un-acquired lock: acquire Condition 'c' first/,
    );
    expectError(
      raisedBy(function* () {
        new Condition({ name: 'c' }).notify();
      }),
      RuntimeError,
      /cannot notify on un-acquired lock: acquire Condition 'c' first/,
    );
  });

  it('a BoundedSemaphore released above its start raises ValueError and changes nothing', () => {
    const r = run(function* () {
      const s = new BoundedSemaphore(1, { name: 's' });
      let error: unknown = null;
      try {
        s.release();
      } catch (e) {
        error = e;
      }
      return { error, repr: String(s) };
    });
    expectError(r.value!.error, ValueError, /Semaphore released too many times.*Release only what you acquired/);
    expect(r.value!.repr).toBe("<BoundedSemaphore 's' value=1/1>");
  });

  it('too many taskDone calls raise ValueError saying to call it once per item', () => {
    expectError(
      raisedBy(function* () {
        const q = new Queue(0, { name: 'jobs' });
        yield* q.put(1);
        yield* q.get();
        q.taskDone();
        q.taskDone();
      }),
      ValueError,
      /task_done\(\) called too many times.*call taskDone\(\) once per item taken with get\(\)/,
    );
  });
});

describe('schedule tokens', () => {
  function* main() {
    const t = new Thread({
      target: function* () {
        yield;
        yield;
      },
    });
    t.start();
    yield* t.join();
  }
  const good = run(main, { strategy: 'random', seed: 3 }).schedule;

  it.each([
    ['not a token', 'hello', /'hello' is not a schedule token: tokens start with 'il1\.'/],
    ['another version', 'il9.abc.def', /schedule token version 'il9' is not supported/],
    ['truncated', good.slice(0, -3), /truncated/],
    ['missing its checksum', good.slice(0, good.lastIndexOf('.')), /checksum/],
    [
      'damaged',
      good.replace(/\.(.)/, (_m, c: string) => `.${c === 'A' ? 'B' : 'A'}`),
      /damaged or truncated: its checksum does not match/,
    ],
    ['not a string', 42, /a schedule token must be a string, got number/],
  ])('a token that is %s raises ReplayError saying which', (_what, token, phrase) => {
    expectError(
      thrownBy(() => replay(main, token as string)),
      ReplayError,
      phrase,
    );
  });

  it('a token replayed on another program raises ReplayError: the replay diverged', () => {
    function* other() {
      yield;
    }
    expectError(
      thrownBy(() => replay(other, good)),
      ReplayError,
      /replay diverged/,
    );
  });

  it('a replay given an option that contradicts the token raises ValueError naming it', () => {
    expectError(
      thrownBy(() => replay(main, good, { switchInterval: 7 })),
      ValueError,
      /option 'switchInterval' is 7 here but 100 in the schedule token/,
    );
  });
});

describe('options out of range', () => {
  it.each([
    [{ switchInterval: 0 }, /option 'switchInterval' must be an integer >= 1, got 0/],
    [{ cores: 0 }, /option 'cores' must be an integer >= 1, got 0/],
    [{ maxSteps: -5 }, /option 'maxSteps' must be an integer >= 1/],
    [{ stepTime: -1 }, /option 'stepTime' must be a number of virtual seconds >= 0/],
    [{ strategy: 'fastest' }, /option 'strategy' must be one of 'round-robin', 'random', 'pct', got 'fastest'/],
    [{ seed: NaN }, /option 'seed' must be a string or a finite number/],
    [{ gil: 'no' }, /option 'gil' must be true or false/],
    [{ swtichInterval: 1 }, /unknown option 'swtichInterval' \(known options: /],
  ])('run(main, %j) raises ValueError naming the option', (options, phrase) => {
    expectError(
      thrownBy(() => run(function* () {}, options as never)),
      ValueError,
      phrase,
    );
  });
});

describe('a check function that throws', () => {
  function* main() {
    const t = new Thread({
      target: function* () {
        yield;
      },
    });
    t.start();
    yield* t.join();
  }
  const check = (): never => {
    throw new ValueError('expected a value');
  };

  it('marks every run as failing in explore, with the error named as the reason', () => {
    const report = explore(main, { runs: 5, check });
    expect(report.failures).toBe(5);
    expect(report.firstFailure!.reason).toBe('check threw ValueError: expected a value');
  });

  it('makes assertSchedules throw an Error naming the check error and how to replay the schedule', () => {
    const error = thrownBy(() => assertSchedules(main, { runs: 5, check }));
    expectError(error, Error, /a schedule fails: check threw ValueError: expected a value/);
    expect((error as Error).message).toMatch(/reproduce it:\n {2}replay\(main, 'il1\./);
  });

  it('a check that is not a function is a TypeError', () => {
    expectError(
      thrownBy(() => explore(main, { check: 'ok' as never })),
      TypeError,
      /option 'check' must be a function of the run's result, got string/,
    );
  });
});

describe('explore options out of range', () => {
  it.each([
    [
      { strategy: 'round-robin' },
      /must be 'random', 'pct' or 'exhaustive', got 'round-robin' \('round-robin' makes one schedule; use run\(\) for it\)/,
    ],
    [{ runs: 0 }, /option 'runs' must be an integer >= 1, got 0/],
    [{ strategy: 'random', preemptionBound: 2 }, /option 'preemptionBound' applies to strategy 'exhaustive' only/],
    [{ shard: '3/2' }, /option 'shard' must be 'i\/n' with 1 <= i <= n/],
    [{ switchInterval: 0 }, /option 'switchInterval' must be an integer >= 1, got 0/],
    [{ strategy: 'exhaustive', gil: false }, /strategy 'exhaustive' searches GIL schedules/],
  ])('explore(main, %j) raises ValueError naming the option', (options, phrase) => {
    expectError(
      thrownBy(() => explore(function* () {}, options as never)),
      ValueError,
      phrase,
    );
  });
});

describe('nothing hangs', () => {
  it('a busy-waiting thread ends at exactly maxSteps with a step-limit report naming it', () => {
    const r = run(
      function* () {
        const spinner = new Thread({
          name: 'spinner',
          target: function* () {
            for (;;) yield;
          },
        });
        spinner.start();
        yield* spinner.join();
      },
      { maxSteps: 5000 },
    );
    expect(r.status).toBe('step-limit');
    expect(r.steps).toBe(5000);
    expect(r.stepLimit!.message).toMatch(/spinner \(\d+%\)/);
    expect(r.stepLimit!.message).toMatch(/spinner never stopped running: an endless loop or a busy-wait/);
  });
});
