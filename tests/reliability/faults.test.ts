/**
 * Faults inside programs: an error in a thread that holds a lock, in a Barrier action, in a
 * Timer function or inside `withLock`; a daemon thread still running at exit; a thread that
 * never stops. Each is handled the way Python handles it, and reported so a learner can see why.
 */
import {
  Barrier,
  BrokenBarrierError,
  Lock,
  RuntimeError,
  Thread,
  Timer,
  ValueError,
  print,
  run,
  sleep,
  time,
  withLock,
} from 'interleave-threads';

describe('an uncaught error in a thread that holds a lock', () => {
  const program = function* () {
    const lock = new Lock({ name: 'db' });
    const writer = new Thread({
      name: 'writer',
      target: function* () {
        yield* lock.acquire();
        yield;
        throw new ValueError('disk full');
      },
    });
    writer.start();
    yield* writer.join();
    yield* print('still locked:', lock.locked());
    yield* lock.acquire();
  };

  it('leaves the lock held, as in Python, and the thread error goes to excepthook', () => {
    const r = run(program);
    expect(r.errors.map((e) => [e.thread, (e.error as Error).name, (e.error as Error).message])).toEqual([
      ['writer', 'ValueError', 'disk full'],
    ]);
    expect(r.output).toBe('Exception in thread writer:\nValueError: disk full\nstill locked: True\n');
  });

  it('makes the waiter deadlock, and the report names the dead owner', () => {
    const r = run(program);
    expect(r.status).toBe('deadlock');
    expect(r.deadlock!.threads).toEqual([{ thread: 'MainThread', waitingFor: "Lock 'db'", heldBy: ['writer'] }]);
    expect(r.deadlock!.cycle).toBeNull();
    expect(r.deadlock!.message).toMatch(
      /MainThread waits for Lock 'db', held by writer, which has already ended with an uncaught error without releasing it/,
    );
  });
});

describe('an error in a Barrier action', () => {
  it('breaks the barrier: the thread that ran the action raises the error, the others BrokenBarrierError', () => {
    const r = run(function* () {
      const outcome: Record<string, string> = {};
      const b = new Barrier(
        3,
        function* () {
          yield;
          throw new ValueError('action failed');
        },
        { name: 'gate' },
      );
      const ts = ['a', 'b', 'c'].map(
        (name) =>
          new Thread({
            name,
            target: function* () {
              try {
                yield* b.wait();
                outcome[name] = 'passed';
              } catch (e) {
                outcome[name] = `${(e as Error).name}: ${(e as Error).message}`;
              }
            },
          }),
      );
      for (const t of ts) t.start();
      for (const t of ts) yield* t.join();
      return { outcome, broken: b.broken };
    });
    expect(r.status).toBe('ok');
    expect(r.value!.broken).toBe(true);
    const outcomes = Object.values(r.value!.outcome).sort();
    expect(outcomes).toEqual([
      "BrokenBarrierError: Barrier 'gate' was broken or reset while this thread waited",
      "BrokenBarrierError: Barrier 'gate' was broken or reset while this thread waited",
      'ValueError: action failed',
    ]);
  });

  it('later waits on the broken barrier raise BrokenBarrierError saying to reset it', () => {
    const r = run(function* () {
      const b = new Barrier(1, function* () {
        throw new ValueError('nope');
      });
      try {
        yield* b.wait();
      } catch {
        // the action's own error
      }
      yield* b.wait();
    });
    expect(r.errors[0]!.error).toBeInstanceOf(BrokenBarrierError);
    expect((r.errors[0]!.error as Error).message).toMatch(/is broken .*reset\(\) it to use it again/);
  });
});

describe('an error in a Timer function', () => {
  it('goes to excepthook in the timer thread at its time, and the program goes on', () => {
    const r = run(function* () {
      const t = new Timer(1.5, function* () {
        yield;
        throw new RuntimeError('timer blew up');
      });
      t.start();
      yield* t.join();
      yield* print('after', time() >= 1.5);
    });
    expect(r.status).toBe('ok');
    expect(r.errors.map((e) => e.thread)).toEqual(['Thread-1']);
    expect(r.output).toBe('Exception in thread Thread-1:\nRuntimeError: timer blew up\nafter True\n');
  });
});

describe('an error inside withLock', () => {
  it('releases the lock on the way out, so waiters get it and nothing deadlocks', () => {
    const r = run(
      function* () {
        const lock = new Lock({ name: 'l' });
        const failing = new Thread({
          name: 'failing',
          target: function* () {
            yield* withLock(lock, function* () {
              yield;
              throw new ValueError('inside');
            });
          },
        });
        const waiting = new Thread({
          name: 'waiting',
          target: function* () {
            yield* withLock(lock, function* () {
              yield* print('waiting got the lock');
            });
          },
        });
        failing.start();
        waiting.start();
        yield* failing.join();
        yield* waiting.join();
        return lock.locked();
      },
      { switchInterval: 1 },
    );
    expect(r.status).toBe('ok');
    expect(r.value).toBe(false);
    expect(r.output).toContain('waiting got the lock');
    expect(r.errors.map((e) => `${e.thread}: ${(e.error as Error).message}`)).toEqual(['failing: inside']);
  });
});

describe('a daemon thread still running at exit', () => {
  it('is abandoned: no more output, not even its finally block, and the run ends ok', () => {
    const r = run(function* () {
      const d = new Thread({
        name: 'heartbeat',
        daemon: true,
        target: function* () {
          try {
            for (;;) {
              yield* print('tick', time());
              yield* sleep(1);
            }
          } finally {
            yield* print('cleanup');
          }
        },
      });
      d.start();
      yield* sleep(2.5);
      yield* print('bye');
    });
    expect(r.status).toBe('ok');
    expect(r.output.split('\n').map((l) => l.replace(/ [\d.e-]+$/, ''))).toEqual(['tick', 'tick', 'tick', 'bye', '']);
    expect(r.output).not.toContain('cleanup');
    expect(r.time).toBeLessThan(3);
  });
});

describe('a thread that never stops', () => {
  it('is ended by the step limit, whose report says which thread ran', () => {
    const r = run(
      function* () {
        new Thread({
          name: 'hog',
          target: function* () {
            for (;;) yield;
          },
        }).start();
      },
      { maxSteps: 2000 },
    );
    expect(r.status).toBe('step-limit');
    expect(r.steps).toBe(2000);
    expect(r.stepLimit!.threads[0]).toEqual({ thread: 'hog', share: 1 });
    expect(r.stepLimit!.message).toMatch(/stopped after 2,000 steps \(maxSteps\).*hog never stopped running/);
  });

  it('two threads busy-waiting on each other are named together as a livelock', () => {
    const r = run(
      function* () {
        for (const name of ['left', 'right']) {
          new Thread({
            name,
            target: function* () {
              for (;;) yield;
            },
          }).start();
        }
      },
      { maxSteps: 3000, switchInterval: 5 },
    );
    expect(r.status).toBe('step-limit');
    expect(r.stepLimit!.threads.map((t) => t.thread).sort()).toEqual(['left', 'right']);
    expect(r.stepLimit!.message).toMatch(/these threads kept running without finishing: a livelock/);
  });
});
