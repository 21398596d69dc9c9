import { Event, Lock, RLock, run, sleep, Thread, ValueError } from 'interleave-threads';

describe('deadlock report', () => {
  it('finds the cycle of two threads each holding the lock the other wants', () => {
    const r = run(function* () {
      const lockA = new Lock({ name: 'lockA' });
      const lockB = new Lock({ name: 'lockB' });
      const worker = (name: string, first: Lock, second: Lock) =>
        new Thread({
          name,
          target: function* () {
            yield* first.acquire();
            yield* sleep(1);
            yield* second.acquire();
          },
        });
      const a = worker('A', lockA, lockB);
      const b = worker('B', lockB, lockA);
      a.start();
      b.start();
      yield* a.join();
      yield* b.join();
    });
    expect(r.status).toBe('deadlock');
    expect(r.value).toBeUndefined();
    expect(r.errors).toEqual([]);
    expect(r.deadlock).toEqual({
      threads: [
        { thread: 'MainThread', waitingFor: 'A to end (join)', heldBy: ['A'] },
        { thread: 'A', waitingFor: "Lock 'lockB'", heldBy: ['B'] },
        { thread: 'B', waitingFor: "Lock 'lockA'", heldBy: ['A'] },
      ],
      cycle: ['A', 'B', 'A'],
      message:
        'Deadlock: no thread can run and no timer is pending. MainThread waits for A to end (join), held by A; ' +
        "A waits for Lock 'lockB', held by B; B waits for Lock 'lockA', held by A. " +
        'The threads wait for each other in a cycle: A → B → A. None can go on until another does, so none ever will.',
    });
  });

  it('names a lock whose owner ended with an uncaught error while holding it', () => {
    const r = run(function* () {
      const lock = new Lock({ name: 'L' });
      const t = new Thread({
        name: 'T',
        target: function* () {
          yield* lock.acquire();
          throw new ValueError('boom');
        },
      });
      t.start();
      yield* t.join();
      yield* lock.acquire();
    });
    expect(r.status).toBe('deadlock');
    expect(r.output).toBe('Exception in thread T:\nValueError: boom\n');
    expect(r.errors.map((e) => [e.thread, String(e.error)])).toEqual([['T', 'ValueError: boom']]);
    expect(r.deadlock?.threads).toEqual([{ thread: 'MainThread', waitingFor: "Lock 'L'", heldBy: ['T'] }]);
    expect(r.deadlock?.cycle).toBeNull();
    expect(r.deadlock?.message).toBe(
      "Deadlock: no thread can run and no timer is pending. MainThread waits for Lock 'L', held by T, which has already ended with an uncaught error without releasing it.",
    );
  });

  it('says so when the owner ended normally without releasing', () => {
    const r = run(function* () {
      const lock = new RLock({ name: 'R' });
      const t = new Thread({
        name: 'T',
        target: function* () {
          yield* lock.acquire();
        },
      });
      t.start();
      yield* t.join();
      yield* lock.acquire();
    });
    expect(r.deadlock?.message).toContain(
      "MainThread waits for RLock 'R', held by T, which has already ended without releasing it.",
    );
  });

  it('reports main joining a thread blocked on an event nobody will set', () => {
    const r = run(function* () {
      const go = new Event({ name: 'go' });
      const t = new Thread({
        name: 'T',
        target: function* () {
          yield* go.wait();
        },
      });
      t.start();
      yield* t.join();
    });
    expect(r.status).toBe('deadlock');
    expect(r.deadlock).toEqual({
      threads: [
        { thread: 'MainThread', waitingFor: 'T to end (join)', heldBy: ['T'] },
        { thread: 'T', waitingFor: "Event 'go'", heldBy: [] },
      ],
      cycle: null,
      message:
        "Deadlock: no thread can run and no timer is pending. MainThread waits for T to end (join), held by T; T waits for Event 'go', which no running thread will ever set.",
    });
  });

  it('finds the one-thread cycle of a Lock acquired twice by its holder', () => {
    const r = run(function* () {
      const lock = new Lock({ name: 'L' });
      yield* lock.acquire();
      yield* lock.acquire();
    });
    expect(r.status).toBe('deadlock');
    expect(r.deadlock?.cycle).toEqual(['MainThread', 'MainThread']);
    expect(r.deadlock?.message).toContain('MainThread → MainThread');
  });

  it('reports a non-daemon thread left blocked after main has ended', () => {
    const r = run(function* () {
      const never = new Event({ name: 'never' });
      new Thread({
        name: 'T',
        target: function* () {
          yield* never.wait();
        },
      }).start();
      return 'main done';
    });
    expect(r.status).toBe('deadlock');
    expect(r.value).toBe('main done');
    expect(r.deadlock?.threads).toEqual([{ thread: 'T', waitingFor: "Event 'never'", heldBy: [] }]);
  });

  it('is not a deadlock when only daemon threads are left blocked', () => {
    const r = run(function* () {
      const never = new Event();
      new Thread({
        daemon: true,
        target: function* () {
          yield* never.wait();
        },
      }).start();
      yield;
    });
    expect(r.status).toBe('ok');
    expect(r.deadlock).toBeNull();
  });

  it('is not a deadlock while a timeout can still wake a thread', () => {
    const r = run(
      function* () {
        const never = new Event();
        return yield* never.wait(30);
      },
      { stepTime: 1 },
    );
    expect(r.status).toBe('ok');
    expect(r.value).toBe(false);
    expect(r.time).toBe(32);
  });

  it('stops the run where the deadlock happened', () => {
    const r = run(
      function* () {
        const lock = new Lock();
        yield* lock.acquire();
        yield* sleep(2);
        yield* lock.acquire();
      },
      { stepTime: 1 },
    );
    // Steps at 0 and 1, a sleep from 2 to 4, the acquire's switch point at 4, the blocking step at 5.
    expect(r.steps).toBe(5);
    expect(r.time).toBe(6);
  });
});
