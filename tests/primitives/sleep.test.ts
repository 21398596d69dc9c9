import { print, run, sleep, Thread, time, ValueError } from 'interleave-threads';

describe('sleep', () => {
  it('blocks for exactly that much virtual time, in two steps', () => {
    const r = run(
      function* () {
        const t0 = time();
        yield* sleep(2.5);
        return time() - t0;
      },
      { stepTime: 1 / 1024 },
    );
    expect(r.value).toBe(2.5 + 1 / 1024);
    expect(r.steps).toBe(3);
  });

  it('lets other threads run meanwhile, without the GIL', () => {
    const r = run(
      function* () {
        let spins = 0;
        const busy = new Thread({
          target: function* () {
            for (let i = 0; i < 50; i++) {
              spins++;
              yield;
            }
          },
        });
        busy.start();
        yield* sleep(1);
        const seen = spins;
        yield* busy.join();
        return seen;
      },
      { stepTime: 1 / 1024 },
    );
    expect(r.value).toBe(50);
  });

  it('sleepers overlap: five one-second sleeps in five threads take one second', () => {
    const r = run(
      function* () {
        const ts = Array.from(
          { length: 5 },
          () =>
            new Thread({
              target: function* () {
                yield* sleep(1);
              },
            }),
        );
        for (const t of ts) t.start();
        for (const t of ts) yield* t.join();
        return time();
      },
      { stepTime: 1 / 1024 },
    );
    expect(r.value).toBeGreaterThanOrEqual(1);
    expect(r.value).toBeLessThan(1 + 20 / 1024);
  });

  it('sleep(0) gives the others a turn', () => {
    const r = run(function* () {
      const t = new Thread({
        target: function* () {
          yield* print('other');
        },
      });
      t.start();
      yield* sleep(0);
      yield* print('main');
      yield* t.join();
    });
    expect(r.output).toBe('other\nmain\n');
  });

  it('raises ValueError for a negative, NaN or non-number length, before its step', () => {
    const r = run(function* () {
      const out: string[] = [];
      for (const s of [-1, -1e-9, NaN, '1', undefined]) {
        try {
          yield* sleep(s as number);
          out.push('slept');
        } catch (e) {
          out.push(`${e instanceof ValueError} ${String(e)}`);
        }
      }
      return out;
    });
    expect(r.value).toEqual([
      'true ValueError: sleep length must be non-negative, got -1',
      'true ValueError: sleep length must be non-negative, got -1e-9',
      'true ValueError: sleep length must be a number of seconds, got NaN',
      'true ValueError: sleep length must be a number of seconds, got 1',
      'true ValueError: sleep length must be a number of seconds, got undefined',
    ]);
    expect(r.steps).toBe(1);
  });

  it('time() starts at 0 in every run', () => {
    const t = () =>
      run(function* () {
        return time();
      }).value;
    expect([t(), t()]).toEqual([0, 0]);
  });
});
