import {
  activeCount,
  currentThread,
  enumerate,
  Event,
  mainThread,
  print,
  run,
  RuntimeError,
  sleep,
  Thread,
  time,
  Timer,
  ValueError,
} from 'interleave-threads';
import { ST, thrownAs, value } from '../support/run-helpers';

function* idle() {
  yield;
}

describe('Thread names', () => {
  it('are Thread-N counting from 1 in each run; explicit names do not use up a number', () => {
    const names = () =>
      value(function* () {
        yield;
        return [
          new Thread({ target: idle }).name,
          new Thread({ target: idle, name: 'explicit' }).name,
          new Thread({ target: idle }).name,
          new Timer(1, idle).name,
          new Thread().name,
        ];
      });
    expect(names()).toEqual(['Thread-1', 'explicit', 'Thread-2', 'Thread-3', 'Thread-4']);
    expect(names()).toEqual(['Thread-1', 'explicit', 'Thread-2', 'Thread-3', 'Thread-4']);
  });

  it('the main thread is MainThread, and currentThread() is the Thread object running', () => {
    expect(
      value(function* () {
        let inside: [string, boolean, boolean] | null = null;
        const t = new Thread({
          name: 'worker',
          target: function* () {
            yield;
            inside = [currentThread().name, currentThread() === t, mainThread() === t];
          },
        });
        t.start();
        yield* t.join();
        return [mainThread().name, currentThread() === mainThread(), inside];
      }),
    ).toEqual(['MainThread', true, ['worker', true, false]]);
  });

  it('are writable, and the new name shows in reports', () => {
    const r = run(function* () {
      const t = new Thread({
        target: function* () {
          throw new ValueError('x');
        },
      });
      t.name = 'renamed';
      t.start();
      yield* t.join();
      return t.name;
    });
    expect(r.value).toBe('renamed');
    expect(r.output).toBe('Exception in thread renamed:\nValueError: x\n');
    expect(
      thrownAs(() =>
        value(function* () {
          yield;
          new Thread().name = 5 as never;
        }),
      ),
    ).toMatch(/Thread name must be a string, got number/);
  });
});

describe('Thread daemon flag', () => {
  it("defaults to the creating thread's flag, and can be given or set before start", () => {
    expect(
      value(function* () {
        const seen: Record<string, boolean> = {};
        const d = new Thread({
          daemon: true,
          target: function* () {
            seen.childOfDaemon = new Thread({ target: idle }).daemon;
            seen.explicitFalse = new Thread({ target: idle, daemon: false }).daemon;
            yield;
          },
        });
        seen.mainChild = new Thread({ target: idle }).daemon;
        seen.daemonParam = d.daemon;
        const later = new Thread({ target: idle });
        later.daemon = true;
        seen.setBeforeStart = later.daemon;
        seen.main = mainThread().daemon;
        d.start();
        yield* d.join();
        return seen;
      }),
    ).toEqual({
      mainChild: false,
      daemonParam: true,
      setBeforeStart: true,
      main: false,
      childOfDaemon: true,
      explicitFalse: false,
    });
  });

  it('cannot be set once the thread has started', () => {
    expect(
      value(function* () {
        const t = new Thread({ target: idle });
        t.start();
        const error = thrownAs(() => {
          t.daemon = true;
        });
        yield* t.join();
        return [
          error,
          t.daemon,
          thrownAs(() => {
            t.daemon = 'yes' as never;
          }),
        ];
      }),
    ).toEqual([
      'RuntimeError|RuntimeError: cannot set daemon status of active thread',
      false,
      'TypeError|TypeError: Thread daemon must be true or false, got string',
    ]);
  });

  it('daemon threads still alive at exit are abandoned and run no more code, not even finally blocks', () => {
    const r = run(
      function* () {
        const spinner = new Thread({
          daemon: true,
          target: function* () {
            try {
              for (;;) yield;
            } finally {
              yield* print('spinner finally');
            }
          },
        });
        const sleeper = new Thread({
          daemon: true,
          target: function* () {
            try {
              yield* sleep(100);
              yield* print('sleeper woke');
            } finally {
              yield* print('sleeper finally');
            }
          },
        });
        spinner.start();
        sleeper.start();
        yield* sleep(1);
        yield* print('main ends');
      },
      { stepTime: ST },
    );
    expect(r.status).toBe('ok');
    expect(r.output).toBe('main ends\n');
    expect(r.time).toBeLessThan(2);
  });

  it('the run waits for non-daemon threads after main returns', () => {
    const r = run(
      function* () {
        new Thread({
          target: function* () {
            yield* sleep(10);
            yield* print('worker done');
          },
        }).start();
        yield* print('main done');
        return 'value';
      },
      { stepTime: ST },
    );
    expect([r.status, r.value, r.output]).toEqual(['ok', 'value', 'main done\nworker done\n']);
    expect(r.time).toBeGreaterThan(10);
  });
});

describe('Thread.start', () => {
  it('raises RuntimeError when called twice', () => {
    expect(
      value(function* () {
        const t = new Thread({ target: idle });
        t.start();
        const e = thrownAs(() => t.start());
        yield* t.join();
        return [e, thrownAs(() => t.start())];
      }),
    ).toEqual([
      'RuntimeError|RuntimeError: threads can only be started once',
      'RuntimeError|RuntimeError: threads can only be started once',
    ]);
  });

  it("passes args to the target, and runs a subclass's run()", () => {
    expect(
      value(function* () {
        const got: unknown[] = [];
        class Worker extends Thread {
          constructor(readonly n: number) {
            super({ name: `worker-${n}` });
          }
          override *run() {
            yield;
            got.push(`${this.name} ran ${this.n}`);
          }
        }
        const t = new Thread({
          target: function* (a: number, b: string) {
            yield;
            got.push([a, b]);
          },
          args: [1, 'two'],
        });
        const w = new Worker(7);
        t.start();
        w.start();
        yield* t.join();
        yield* w.join();
        return got;
      }),
    ).toEqual([[1, 'two'], 'worker-7 ran 7']);
  });

  it('does not switch: the starting thread goes on, and the new thread is runnable', () => {
    const order: string[] = [];
    value(
      function* () {
        const t = new Thread({
          target: function* () {
            order.push('child');
          },
        });
        t.start();
        order.push('parent after start');
        yield* t.join();
      },
      { switchInterval: 1 },
    );
    expect(order).toEqual(['parent after start', 'child']);
  });

  it('refuses a target that is not a generator function, bad args, a bad name, a run() that is not a generator', () => {
    expect(
      value(function* () {
        yield;
        class Plain extends Thread {
          override run() {
            return undefined as never;
          }
        }
        const p = new Plain();
        return [
          thrownAs(() => new Thread({ target: (() => 1) as never })),
          thrownAs(() => new Thread({ target: async function* () {} as never })),
          thrownAs(() => new Thread({ target: idle, args: 5 as never })),
          thrownAs(() => new Thread({ name: 3 as never })),
          thrownAs(() => new Thread(null as never)),
          thrownAs(() => p.start()),
        ];
      }),
    ).toEqual([
      "TypeError|TypeError: Thread target must be a generator function (function* ...), but 'target' is a plain function: write it as function* and mark its steps with yield",
      'TypeError|TypeError: Thread target must be a generator function (function* ...), not an async generator: async code cannot run inside a deterministic thread',
      'TypeError|TypeError: Thread args must be an array of arguments for target',
      'TypeError|TypeError: Thread name must be a string, got number',
      'TypeError|TypeError: Thread takes an options object: new Thread({ target, args, name, daemon })',
      "TypeError|TypeError: Plain.run must be a generator function (function* ...), but 'run' is a plain function: write it as function* and mark its steps with yield",
    ]);
  });
});

describe('Thread.join', () => {
  it('returns true once the thread has ended, at once if it already has', () => {
    expect(
      value(function* () {
        const t = new Thread({
          target: function* () {
            yield* sleep(3);
          },
        });
        t.start();
        const t0 = time();
        const first = yield* t.join();
        const waited = time() - t0;
        const again = yield* t.join();
        return [first, waited >= 3, again, t.isAlive()];
      }),
    ).toEqual([true, true, true, false]);
  });

  it('with a timeout returns false after exactly the timeout while the thread lives on', () => {
    expect(
      value(function* () {
        const t = new Thread({
          target: function* () {
            yield* sleep(10);
          },
        });
        t.start();
        const t0 = time();
        const ended = yield* t.join(1.5);
        const waited = time() - t0;
        const alive = t.isAlive();
        const finally_ = yield* t.join();
        return [ended, waited, alive, finally_];
      }),
    ).toEqual([false, 1.5 + ST, true, true]);
  });

  it('clamps a negative timeout to 0, as CPython does, and rejects NaN', () => {
    expect(
      value(function* () {
        const t = new Thread({
          target: function* () {
            yield* sleep(1);
          },
        });
        t.start();
        const t0 = time();
        const r = yield* t.join(-1);
        const dt = time() - t0;
        let nan = 'no error';
        try {
          yield* t.join(NaN);
        } catch (e) {
          nan = String(e);
        }
        yield* t.join();
        return [r, dt, nan];
      }),
    ).toEqual([false, ST, 'ValueError: join timeout must be a number of seconds, got NaN']);
  });

  it('raises RuntimeError for a thread not started, and for the current thread', () => {
    expect(
      value(function* () {
        const out: string[] = [];
        const t = new Thread({ target: idle });
        for (const target of [t, currentThread()]) {
          try {
            yield* target.join();
          } catch (e) {
            out.push(`${e instanceof RuntimeError} ${String(e)}`);
          }
        }
        return out;
      }),
    ).toEqual([
      'true RuntimeError: cannot join thread before it is started',
      'true RuntimeError: cannot join current thread',
    ]);
  });

  it('wakes every joiner when the thread ends', () => {
    expect(
      value(function* () {
        const done = new Event();
        const t = new Thread({
          target: function* () {
            yield* done.wait();
          },
        });
        t.start();
        const got: boolean[] = [];
        const joiners = [1, 2, 3].map(
          () =>
            new Thread({
              target: function* () {
                got.push(yield* t.join());
              },
            }),
        );
        for (const j of joiners) j.start();
        yield* sleep(1);
        const early = got.length;
        done.set();
        for (const j of joiners) yield* j.join();
        return [early, got];
      }),
    ).toEqual([0, [true, true, true]]);
  });
});

describe('Thread state', () => {
  it('ident is null before start, then a distinct number that stays after the end, the same in every run', () => {
    const idents = () =>
      value(function* () {
        const a = new Thread({ target: idle });
        const b = new Thread({ target: idle });
        const before = [a.ident, b.ident];
        a.start();
        b.start();
        const during = [a.ident, b.ident];
        yield* a.join();
        yield* b.join();
        return { before, during, after: [a.ident, b.ident], main: currentThread().ident };
      });
    const v = idents();
    expect(v.before).toEqual([null, null]);
    expect(v.during.every((x) => typeof x === 'number')).toBe(true);
    expect(v.after).toEqual(v.during);
    expect(typeof v.main).toBe('number');
    expect(new Set([...v.during, v.main]).size).toBe(3);
    expect(idents()).toEqual(v);
  });

  it('isAlive is false before start, true while running or blocked, false after the end', () => {
    expect(
      value(function* () {
        const go = new Event();
        const t = new Thread({
          target: function* () {
            yield* go.wait();
          },
        });
        const seen = [t.isAlive()];
        t.start();
        seen.push(t.isAlive());
        yield* sleep(1);
        seen.push(t.isAlive());
        go.set();
        yield* t.join();
        seen.push(t.isAlive());
        return seen;
      }),
    ).toEqual([false, true, true, false]);
  });

  it('enumerate() and activeCount() list the threads started and not ended, main included', () => {
    expect(
      value(function* () {
        const go = new Event();
        const goB = new Event();
        const a = new Thread({
          name: 'a',
          target: function* () {
            yield* go.wait();
          },
        });
        const b = new Thread({
          name: 'b',
          target: function* () {
            yield* goB.wait();
          },
        });
        const unstarted = new Thread({ name: 'never' });
        void unstarted;
        a.start();
        b.start();
        const during = [enumerate().map((t) => t.name), activeCount()];
        go.set();
        yield* a.join();
        const after = [enumerate().map((t) => t.name), activeCount()];
        goB.set();
        yield* b.join();
        return [during, after, activeCount()];
      }),
    ).toEqual([[['MainThread', 'a', 'b'], 3], [['MainThread', 'b'], 2], 1]);
  });

  it('prints like Python: <Thread(name, initial|started|stopped[ daemon])>', () => {
    expect(
      value(function* () {
        const t = new Thread({ name: 'w', target: idle, daemon: true });
        const seen = [String(t)];
        t.start();
        seen.push(String(t));
        yield* t.join();
        seen.push(String(t));
        return seen;
      }),
    ).toEqual(['<Thread(w, initial daemon)>', '<Thread(w, started daemon)>', '<Thread(w, stopped daemon)>']);
  });
});

describe('uncaught errors in threads (excepthook)', () => {
  it('writes Exception in thread NAME and the error to the output, and the other threads go on', () => {
    const r = run(function* () {
      const bad = new Thread({
        name: 'excepthook_thread',
        target: function* () {
          yield;
          throw new ValueError('run failed');
        },
      });
      const good = new Thread({
        name: 'good',
        target: function* () {
          yield* sleep(1);
          yield* print('good goes on');
        },
      });
      bad.start();
      good.start();
      yield* bad.join();
      yield* good.join();
      return bad.isAlive();
    });
    expect(r.status).toBe('ok');
    expect(r.value).toBe(false);
    expect(r.output).toBe('Exception in thread excepthook_thread:\nValueError: run failed\ngood goes on\n');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.thread).toBe('excepthook_thread');
    expect(r.errors[0]!.error).toBeInstanceOf(ValueError);
  });

  it('shows a thrown non-error value as str() would, and a plain Error by its name', () => {
    const r = run(function* () {
      const ts = [
        new Thread({
          name: 's',
          target: function* () {
            yield;
            throw 'just a string';
          },
        }),
        new Thread({
          name: 'n',
          target: function* () {
            yield;
            throw 42;
          },
        }),
        new Thread({
          name: 'e',
          target: function* () {
            yield;
            throw new Error();
          },
        }),
      ];
      for (const t of ts) {
        t.start();
        yield* t.join();
      }
    });
    expect(r.output).toBe(
      'Exception in thread s:\njust a string\nException in thread n:\n42\nException in thread e:\nError\n',
    );
    expect(r.errors.map((e) => e.error)).toEqual(['just a string', 42, expect.any(Error)]);
  });

  it('an error in main ends the run with status error and is the last entry of errors, not printed', () => {
    const r = run(function* () {
      const t = new Thread({
        name: 'T',
        target: function* () {
          throw new ValueError('first');
        },
      });
      t.start();
      yield* t.join();
      throw new RuntimeError('main failed');
    });
    expect(r.status).toBe('error');
    expect(r.value).toBeUndefined();
    expect(r.errors.map((e) => [e.thread, String(e.error)])).toEqual([
      ['T', 'ValueError: first'],
      ['MainThread', 'RuntimeError: main failed'],
    ]);
    expect(r.output).toBe('Exception in thread T:\nValueError: first\n');
  });
});
