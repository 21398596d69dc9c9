import { Lock, print, run, sleep, Thread, time } from 'interleave-threads';

// Regressions: a thread that blocks and is woken before the scheduler's next decision (a due
// timeout such as sleep(0), or another core's step in the same tick) must be queued exactly once.
describe('a wait that ends before the next decision', () => {
  it('sleep(0) gives the other threads a turn even within a long GIL slice', () => {
    const r = run(function* () {
      const w = new Thread({
        target: function* () {
          for (let i = 0; i < 3; i++) {
            yield* print('w', i);
            yield* sleep(0);
          }
        },
      });
      w.start();
      for (let i = 0; i < 3; i++) {
        yield* print('m', i);
        yield* sleep(0);
      }
      yield* w.join();
    });
    expect(r.status).toBe('ok');
    expect(r.output).toBe('m 0\nw 0\nm 1\nw 1\nm 2\nw 2\n');
    expect(r.preemptions).toBe(0);
  });

  it('a thread woken by its own due timeout is not resumed again while it waits for a lock', () => {
    const r = run(
      function* () {
        const lock = new Lock({ name: 'L' });
        const holder = new Thread({
          name: 'holder',
          target: function* () {
            yield* lock.acquire();
            for (let i = 0; i < 300; i++) yield;
            lock.release();
          },
        });
        holder.start();
        yield* sleep(0);
        const got = yield* lock.acquire();
        return [got, holder.isAlive(), time()];
      },
      { stepTime: 1 },
    );
    expect(r.status).toBe('ok');
    // Main blocks on the lock at step 104, in the holder's first slice break; the holder hands it
    // over in its last step (306, at time 305) and main returns in the next.
    expect(r.value).toEqual([true, false, 306]);
  });

  it('a timeout shorter than a step wakes the thread after the others had their turn', () => {
    const r = run(function* () {
      const seen: string[] = [];
      const t = new Thread({
        target: function* () {
          seen.push('t');
          yield;
          seen.push('t');
        },
      });
      t.start();
      seen.push('m');
      yield* sleep(1e-9);
      seen.push('m');
      yield* t.join();
      return seen.join('');
    });
    expect(r.value).toBe('mttm');
  });

  it('without the GIL a thread that blocks and is woken in the same tick runs once per tick', () => {
    for (let ka = 0; ka < 4; ka++) {
      for (let kb = 0; kb < 4; kb++) {
        const r = run(
          function* () {
            const lock = new Lock({ name: 'L' });
            const a = new Thread({
              name: 'A',
              target: function* () {
                for (let i = 0; i < ka; i++) yield;
                const ok = yield* lock.acquire();
                yield* print('A', ok);
                lock.release();
              },
            });
            const b = new Thread({
              name: 'B',
              target: function* () {
                yield* lock.acquire();
                for (let i = 0; i < kb; i++) yield;
                lock.release();
              },
            });
            a.start();
            b.start();
            yield* a.join();
            yield* b.join();
          },
          { gil: false, cores: 3 },
        );
        expect([ka, kb, r.status, r.errors]).toEqual([ka, kb, 'ok', []]);
        expect(r.output).toBe('A True\n');
      }
    }
  });
});
