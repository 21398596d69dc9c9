import { InterleaveError, Lock, run, Thread, TypeError } from 'interleave-threads';
import { ok } from '../support/run-helpers';

describe('yielding something other than a bare yield', () => {
  it('a bare `yield lock.acquire()` raises a TypeError in the thread naming yield*, and the op does not run', () => {
    const v = ok(function* () {
      const lock = new Lock();
      try {
        yield lock.acquire() as unknown as never;
      } catch (e) {
        return [
          e instanceof TypeError,
          e instanceof globalThis.TypeError,
          e instanceof InterleaveError,
          String(e),
          lock.locked(),
        ];
      }
      return 'not raised';
    });
    expect(v).toEqual([
      true,
      true,
      true,
      'TypeError: MainThread yielded an operation object; write `yield* op` (for example `yield* lock.acquire()`), not `yield op`: only yield* runs the operation.',
      false,
    ]);
  });

  it('yielding a Promise raises a TypeError that explains async code is not supported', () => {
    const v = ok(function* () {
      try {
        yield Promise.resolve(1) as never;
      } catch (e) {
        return String(e);
      }
      return 'not raised';
    });
    expect(v).toMatch(/^TypeError: MainThread yielded a Promise: async code is not supported inside a thread\./);
    expect(v).toContain('yield* sleep(seconds)');
  });

  it('yielding a value raises a TypeError saying a bare yield is one step', () => {
    const texts = ok(function* () {
      const out: string[] = [];
      for (const value of [5, 'x', null, { a: 1 }]) {
        try {
          yield value as never;
        } catch (e) {
          out.push(String(e));
        }
      }
      return out;
    });
    const rest = ': a bare `yield` (with no value) is one step, and operations are used with `yield*`.';
    expect(texts).toEqual([
      `TypeError: MainThread yielded 5${rest}`,
      `TypeError: MainThread yielded 'x'${rest}`,
      `TypeError: MainThread yielded null${rest}`,
      `TypeError: MainThread yielded {'a': 1}${rest}`,
    ]);
  });

  it('an uncaught bad yield in a thread goes to excepthook and the other threads go on', () => {
    const r = run(function* () {
      const bad = new Thread({
        name: 'bad',
        target: function* () {
          yield 42 as never;
        },
      });
      bad.start();
      yield* bad.join();
      return 'main went on';
    });
    expect(r.status).toBe('ok');
    expect(r.value).toBe('main went on');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.thread).toBe('bad');
    expect(r.errors[0]!.error).toBeInstanceOf(TypeError);
    expect(r.output).toBe(
      'Exception in thread bad:\nTypeError: bad yielded 42: a bare `yield` (with no value) is one step, and operations are used with `yield*`.\n',
    );
  });

  it('an uncaught bad yield in main ends the run with status error', () => {
    const r = run(function* () {
      yield 'oops' as never;
    });
    expect(r.status).toBe('error');
    expect(r.errors.map((e) => e.thread)).toEqual(['MainThread']);
    expect(r.errors[0]!.error).toBeInstanceOf(TypeError);
    expect(r.output).toBe('');
  });
});
