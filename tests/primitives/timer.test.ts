import { print, run, sleep, Thread, time, Timer, TypeError, ValueError } from 'interleave-threads';
import { value } from '../support/run-helpers';

describe('Timer', () => {
  it('calls fn with its args after the interval', () => {
    expect(
      value(
        function* () {
          const calls: unknown[] = [];
          const t = new Timer(
            3,
            function* (a: string, b: number) {
              calls.push([a, b, time()]);
              yield;
            },
            ['x', 2],
          );
          t.start();
          yield* t.join();
          return [calls, t instanceof Thread];
        },
        { stepTime: 1 },
      ),
    ).toEqual([
      // Main: start at 0, join blocks at 1; timer: first step at 2, waits from 3 until 6.
      [['x', 2, 6]],
      true,
    ]);
  });

  it('does not share default args between timers: fn gets no arguments', () => {
    expect(
      value(
        function* () {
          const counts: number[] = [];
          const fn = function* (...args: unknown[]) {
            counts.push(args.length);
            yield;
          };
          const a = new Timer(0.5, fn);
          const b = new Timer(0.5, fn);
          a.start();
          b.start();
          yield* a.join();
          yield* b.join();
          return counts;
        },
        { stepTime: 1 },
      ),
    ).toEqual([0, 0]);
  });

  it('cancel() before start: fn never runs and the thread ends in its first step', () => {
    const r = run(
      function* () {
        const t = new Timer(10, function* () {
          yield* print('fired');
        });
        t.cancel();
        t.start();
        yield* t.join();
        return time();
      },
      { stepTime: 1 },
    );
    // Main: start and join's switch point at 0, join blocks at 1; the timer ends in its step at 2.
    expect([r.output, r.value]).toEqual(['', 3]);
  });

  it('cancel() ends a waiting timer thread at once', () => {
    const r = run(
      function* () {
        const t = new Timer(100, function* () {
          yield* print('fired');
        });
        t.start();
        yield* sleep(1);
        const before = t.isAlive();
        t.cancel();
        const after = t.isAlive();
        const t0 = time();
        const joined = yield* t.join();
        return [before, after, joined, time() - t0];
      },
      { stepTime: 1 },
    );
    expect(r.value).toEqual([true, false, true, 1]);
    expect(r.output).toBe('');
    expect(r.time).toBeLessThan(100);
  });

  it("cancel() between the timer thread's first step and its wait still stops it at once", () => {
    const r = run(
      function* () {
        const t = new Timer(100, function* () {
          yield* print('fired');
        });
        t.start();
        yield; // the timer thread takes its first step
        t.cancel();
        return [yield* t.join(5), time()];
      },
      { switchInterval: 1, stepTime: 1 },
    );
    expect(r.value).toEqual([true, 4]);
    expect(r.output).toBe('');
  });

  it('cancel() from another thread works too, and after fn has begun it changes nothing', () => {
    const r = run(
      function* () {
        const t = new Timer(5, function* () {
          yield* print('fn starts');
          yield* sleep(5);
          yield* print('fn ends');
        });
        t.start();
        const canceller = new Thread({
          target: function* () {
            yield* sleep(7);
            t.cancel();
          },
        });
        canceller.start();
        yield* t.join();
        yield* canceller.join();
        const u = new Timer(5, function* () {
          yield* print('u fired');
        });
        u.start();
        const c2 = new Thread({
          target: function* () {
            yield* sleep(1);
            u.cancel();
          },
        });
        c2.start();
        yield* u.join();
        return time();
      },
      { stepTime: 1 / 1024 },
    );
    expect(r.output).toBe('fn starts\nfn ends\n');
    expect(r.value).toBeLessThan(13);
  });

  it('a negative or zero interval fires at once', () => {
    expect(
      value(
        function* () {
          const fired: number[] = [];
          for (const interval of [-5, 0]) {
            const t = new Timer(interval, function* () {
              fired.push(time());
              yield;
            });
            const t0 = time();
            t.start();
            yield* t.join();
            fired.push(time() - t0);
          }
          return fired;
        },
        { stepTime: 1 },
      ),
    ).toEqual([
      // The timer's first step, its wait of 0 (which still gives up the GIL), then fn.
      4, 6, 10, 6,
    ]);
  });

  it('takes name and daemon options, and otherwise is named Thread-N and inherits daemon', () => {
    expect(
      value(
        function* () {
          const fn = function* () {
            yield;
          };
          const named = new Timer(1, fn, [], { name: 'tick', daemon: true });
          let inherited: boolean | null = null;
          const d = new Thread({
            daemon: true,
            target: function* () {
              inherited = new Timer(1, fn).daemon;
              yield;
            },
          });
          d.start();
          yield* d.join();
          return [named.name, named.daemon, new Timer(1, fn).name, inherited, named.interval];
        },
        { stepTime: 1 },
      ),
    ).toEqual(['tick', true, 'Thread-3', true, 1]);
  });

  it('refuses a NaN interval, a plain fn and args that are not an array', () => {
    expect(
      value(
        function* () {
          yield;
          const out: string[] = [];
          const tries: (() => unknown)[] = [
            () => new Timer(NaN, function* () {}),
            () => new Timer('1' as never, function* () {}),
            () => new Timer(1, (() => undefined) as never),
            () => new Timer(1, function* () {}, 3 as never),
          ];
          for (const f of tries) {
            try {
              f();
              out.push('no error');
            } catch (e) {
              out.push(`${e instanceof ValueError ? 'V' : e instanceof TypeError ? 'T' : '?'} ${String(e)}`);
            }
          }
          return out;
        },
        { stepTime: 1 },
      ),
    ).toEqual([
      'V ValueError: Timer interval must be a number of seconds, got NaN',
      'V ValueError: Timer interval must be a number of seconds, got 1',
      'T TypeError: Timer function must be a generator function (function* ...), but this function is a plain function: write it as function* and mark its steps with yield',
      'T TypeError: Timer args must be an array of arguments for the function',
    ]);
  });
});
