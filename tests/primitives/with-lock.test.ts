import { Lock, RLock, run, shared, Thread, TypeError, withLock } from 'interleave-threads';

describe('withLock', () => {
  it('acquires, runs the body, releases, and returns what the body returned', () => {
    const r = run(function* () {
      const lock = new Lock();
      let inside = false;
      const v = yield* withLock(lock, function* () {
        inside = lock.locked();
        yield;
        return 42;
      });
      return [v, inside, lock.locked()];
    });
    expect(r.value).toEqual([42, true, false]);
  });

  it('releases when the body raises, and the error goes on', () => {
    const r = run(function* () {
      const lock = new RLock({ name: 'R' });
      try {
        yield* withLock(lock, function* () {
          yield;
          throw new Error('inside');
        });
      } catch (e) {
        return [String(e), String(lock)];
      }
      return [];
    });
    expect(r.value).toEqual(['Error: inside', "<RLock 'R' unlocked>"]);
  });

  it('makes a read-modify-write safe between threads', () => {
    const r = run(
      function* () {
        const lock = new Lock();
        const x = shared(0);
        const ts = Array.from(
          { length: 5 },
          () =>
            new Thread({
              target: function* () {
                for (let i = 0; i < 3; i++)
                  yield* withLock(lock, function* () {
                    yield* x.update((n) => n + 1);
                  });
              },
            }),
        );
        for (const t of ts) t.start();
        for (const t of ts) yield* t.join();
        return x.value;
      },
      { switchInterval: 1 },
    );
    expect(r.value).toBe(15);
  });

  it('refuses something that is not a lock, and a body that is not a generator function', () => {
    const r = run(function* () {
      const out: string[] = [];
      const lock = new Lock();
      const tries = [
        () => withLock(null as never, function* () {}),
        () => withLock({ acquire: 1 } as never, function* () {}),
        () => withLock(lock, (() => 1) as never),
      ];
      for (const f of tries) {
        try {
          yield* f();
          out.push('no error');
        } catch (e) {
          out.push(`${e instanceof TypeError} ${String(e)}`);
        }
      }
      return [out, lock.locked()];
    });
    expect(r.value).toEqual([
      [
        'true TypeError: withLock needs a lock-like object (Lock, RLock, Condition or Semaphore) as its first argument',
        'true TypeError: withLock needs a lock-like object (Lock, RLock, Condition or Semaphore) as its first argument',
        'true TypeError: the body of withLock must be a generator function (function* ...), but this function is a plain function: write it as function* and mark its steps with yield',
      ],
      false,
    ]);
  });
});
