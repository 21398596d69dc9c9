import { Event, run, sleep, Thread, time, TypeError, ValueError } from 'interleave-threads';
import { ST, value } from '../support/run-helpers';

/** Starts n threads running `body` and returns them. */
function bunch(n: number, body: () => Generator<unknown, unknown, unknown>): Thread[] {
  const ts = Array.from({ length: n }, () => new Thread({ target: body as () => Generator<unknown, unknown, never> }));
  for (const t of ts) t.start();
  return ts;
}

describe('Event (CPython lock_tests.EventTests)', () => {
  it('isSet follows set and clear, repeated or not', () => {
    expect(
      value(function* () {
        const evt = new Event();
        const seen = [evt.isSet()];
        evt.set();
        seen.push(evt.isSet());
        evt.set();
        seen.push(evt.isSet());
        evt.clear();
        seen.push(evt.isSet());
        evt.clear();
        seen.push(evt.isSet());
        yield;
        return seen;
      }),
    ).toEqual([false, true, true, false, false]);
  });

  it('set wakes every waiter, and again after a clear', () => {
    expect(
      value(function* () {
        const evt = new Event();
        const check = function* () {
          const results1: boolean[] = [];
          const results2: boolean[] = [];
          const ts = bunch(5, function* () {
            results1.push(yield* evt.wait());
            results2.push(yield* evt.wait());
          });
          yield* sleep(1);
          const before = results1.length;
          evt.set();
          for (const t of ts) yield* t.join();
          return [before, results1, results2];
        };
        const first = yield* check();
        evt.set();
        evt.clear();
        const second = yield* check();
        return [first, second];
      }),
    ).toEqual([
      [0, [true, true, true, true, true], [true, true, true, true, true]],
      [0, [true, true, true, true, true], [true, true, true, true, true]],
    ]);
  });

  it('wait(0) returns false at once; wait(0.5) returns false after the timeout; both true once set', () => {
    expect(
      value(function* () {
        const evt = new Event();
        const round = function* () {
          const results1: boolean[] = [];
          const results2: [boolean, number][] = [];
          const ts = bunch(5, function* () {
            results1.push(yield* evt.wait(0));
            const t1 = time();
            const r = yield* evt.wait(0.5);
            results2.push([r, time() - t1]);
          });
          for (const t of ts) yield* t.join();
          return [results1, results2] as const;
        };
        const [unset1, unset2] = yield* round();
        evt.set();
        const [set1, set2] = yield* round();
        return [
          unset1,
          unset2.map(([r]) => r),
          unset2.every(([, dt]) => dt >= 0.5 && dt < 0.5 + 20 * ST),
          set1,
          set2.map(([r, dt]) => [r, dt]),
        ];
      }),
    ).toEqual([
      [false, false, false, false, false],
      [false, false, false, false, false],
      true,
      [true, true, true, true, true],
      Array(5).fill([true, ST]),
    ]);
  });

  it('a lone waiter times out after exactly its timeout', () => {
    expect(
      value(function* () {
        const evt = new Event();
        const t0 = time();
        const r = yield* evt.wait(2.5);
        return [r, time() - t0];
      }),
    ).toEqual([false, 2.5 + ST]);
  });

  it('wait returns true even when the event was cleared again before the waiter ran (bpo-13502)', () => {
    expect(
      value(function* () {
        const evt = new Event();
        const results: boolean[] = [];
        const ts = bunch(5, function* () {
          results.push(yield* evt.wait(1));
        });
        yield* sleep(0.5);
        evt.set();
        evt.clear();
        for (const t of ts) yield* t.join();
        return [results, evt.isSet()];
      }),
    ).toEqual([[true, true, true, true, true], false]);
  });

  it('wait with a timeout <= 0 returns at once, with or without the flag', () => {
    const r = run(
      function* () {
        const evt = new Event();
        const out: (boolean | number)[] = [];
        const t0 = time();
        out.push(yield* evt.wait(0), yield* evt.wait(-1), yield* evt.wait(-0.001));
        out.push(time() - t0);
        evt.set();
        out.push(yield* evt.wait(0), yield* evt.wait(-5));
        return out;
      },
      { stepTime: 1 },
    );
    expect(r.value).toEqual([false, false, false, 3, true, true]);
  });

  it('wait() and wait(null) wait without a limit', () => {
    expect(
      value(function* () {
        const evt = new Event();
        const got: boolean[] = [];
        const ts = [
          new Thread({
            target: function* () {
              got.push(yield* evt.wait());
            },
          }),
          new Thread({
            target: function* () {
              got.push(yield* evt.wait(null));
            },
          }),
        ];
        for (const t of ts) t.start();
        yield* sleep(1e6);
        const early = got.length;
        evt.set();
        for (const t of ts) yield* t.join();
        return [early, got];
      }),
    ).toEqual([0, [true, true]]);
  });

  it('wakes waiters in the order they began waiting', () => {
    expect(
      value(function* () {
        const evt = new Event();
        const order: string[] = [];
        const ts = ['a', 'b', 'c'].map(
          (name, i) =>
            new Thread({
              name,
              target: function* () {
                yield* sleep(3 - i); // c begins waiting first, then b, then a
                yield* evt.wait();
                order.push(name);
              },
            }),
        );
        for (const t of ts) t.start();
        yield* sleep(5);
        evt.set();
        for (const t of ts) yield* t.join();
        return order.join('');
      }),
    ).toBe('cba');
  });

  it('rejects a timeout that is NaN (ValueError, as CPython) or not a number (TypeError)', () => {
    expect(
      value(function* () {
        const evt = new Event();
        const out: string[] = [];
        for (const timeout of [NaN, '1', {}]) {
          try {
            yield* evt.wait(timeout as number);
            out.push('no error');
          } catch (e) {
            out.push(`${e instanceof ValueError ? 'V' : e instanceof TypeError ? 'T' : '?'} ${String(e)}`);
          }
        }
        return out;
      }),
    ).toEqual([
      'V ValueError: Event.wait timeout must be a number of seconds, got NaN',
      'T TypeError: Event.wait timeout must be a number of seconds, got string',
      'T TypeError: Event.wait timeout must be a number of seconds, got object',
    ]);
  });
});
