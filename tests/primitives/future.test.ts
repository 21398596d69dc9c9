import {
  CancelledError,
  Future,
  RuntimeError,
  Thread,
  TimeoutError,
  TypeError,
  ValueError,
  print,
  run,
  shared,
  sleep,
  time,
} from 'interleave-threads';
import { attempt, caught, ok } from '../support/run-helpers';

/** Starts a thread that runs `body` after `delay` virtual seconds. */
function later(delay: number, body: () => void): Thread {
  const t = new Thread({
    target: function* () {
      yield* sleep(delay);
      body();
    },
  });
  t.start();
  return t;
}

describe('Future', () => {
  it('result() waits for the value another thread sets, returning at that virtual time', () => {
    const v = ok(function* () {
      const f = new Future<number>();
      const states = [f.done(), f.running()];
      later(2, () => f.setResult(42));
      const value = yield* f.result();
      return { value, at: Math.round(time() * 1000) / 1000, states, done: f.done() };
    });
    expect(v).toEqual({ value: 42, at: 2, states: [false, false], done: true });
  });

  it('result(timeout) raises TimeoutError exactly at its deadline', () => {
    const v = ok(function* () {
      const f = new Future({ name: 'slow' });
      const e = yield* caught(f.result(2));
      return { e, at: time(), done: f.done() };
    });
    expect(v.e).toBeInstanceOf(TimeoutError);
    expect((v.e as Error).message).toBe("Future 'slow' was not done within 2 s (its call is still pending)");
    expect(v.at).toBe(1e-6 + 2);
    expect(v.done).toBe(false);
  });

  it('a timeout of 0 or less does not wait', () => {
    const v = ok(function* () {
      const f = new Future();
      return [yield* caught(f.result(0)), yield* caught(f.exception(-1)), time()];
    });
    expect(v[0]).toBeInstanceOf(TimeoutError);
    expect((v[0] as Error).message).toMatch(/not done yet .* a timeout <= 0 does not wait/);
    expect(v[1]).toBeInstanceOf(TimeoutError);
    expect(v[2]).toBeLessThan(1e-5);
  });

  it('a result that comes before the deadline is returned, and the stale timeout changes nothing', () => {
    const v = ok(function* () {
      const f = new Future<string>();
      const g = new Future<string>();
      later(1, () => f.setResult('f'));
      later(5, () => g.setResult('g'));
      return [yield* f.result(3), yield* g.result(), Math.round(time())];
    });
    expect(v).toEqual(['f', 'g', 5]);
  });

  it('result() rethrows the very error object set; exception() returns it (null after a value)', () => {
    const boom = new ValueError('boom');
    const v = ok(function* () {
      const f = new Future();
      const g = new Future();
      later(1, () => f.setException(boom));
      g.setResult(undefined);
      return {
        thrown: yield* caught(f.result()),
        exception: yield* f.exception(),
        none: yield* g.exception(),
        repr: [String(f), String(g)],
      };
    });
    expect(v.thrown).toBe(boom);
    expect(v.exception).toBe(boom);
    expect(v.none).toBeNull();
    expect(v.repr).toEqual([
      "<Future 'Future-1' state=finished raised ValueError>",
      "<Future 'Future-2' state=finished returned None>",
    ]);
  });

  it('cancel() succeeds only while pending; waiters then raise CancelledError', () => {
    const v = ok(function* () {
      const pending = new Future({ name: 'p' });
      let waiterSaw: unknown = null;
      const waiter = new Thread({
        target: function* () {
          waiterSaw = yield* caught(pending.result());
        },
      });
      waiter.start();
      yield* sleep(1);
      const first = pending.cancel();
      const again = pending.cancel();
      yield* waiter.join();
      const running = new Future();
      running.setRunningOrNotifyCancel();
      const finished = new Future();
      finished.setResult(1);
      return {
        first,
        again,
        flags: [pending.cancelled(), pending.done(), pending.running()],
        waiterSaw,
        mine: yield* caught(pending.exception()),
        running: [running.cancel(), running.running(), running.cancelled()],
        finished: [finished.cancel(), finished.cancelled()],
      };
    });
    expect(v.first).toBe(true);
    expect(v.again).toBe(true);
    expect(v.flags).toEqual([true, true, false]);
    expect(v.waiterSaw).toBeInstanceOf(CancelledError);
    expect((v.waiterSaw as Error).message).toBe("Future 'p' was cancelled before its call ran");
    expect(v.mine).toBeInstanceOf(CancelledError);
    expect(v.running).toEqual([false, true, false]);
    expect(v.finished).toEqual([false, false]);
  });

  it('an executor marks it running, or learns it was cancelled', () => {
    const v = ok(function* () {
      const a = new Future();
      const b = new Future();
      b.cancel();
      return [
        a.setRunningOrNotifyCancel(),
        a.running(),
        b.setRunningOrNotifyCancel(),
        attempt(() => a.setRunningOrNotifyCancel()),
      ];
    });
    expect(v.slice(0, 3)).toEqual([true, true, false]);
    expect(v[3]).toBeInstanceOf(RuntimeError);
    expect((v[3] as Error).message).toMatch(/Future in unexpected state/);
  });

  it('is completed once: a second setResult or setException raises RuntimeError', () => {
    const v = ok(function* () {
      const f = new Future<number>({ name: 'once' });
      f.setResult(1);
      const c = new Future();
      c.cancel();
      return [
        attempt(() => f.setResult(2)),
        attempt(() => f.setException(new Error('x'))),
        attempt(() => c.setResult(3)),
        yield* f.result(),
      ];
    });
    for (const e of v.slice(0, 3)) expect(e).toBeInstanceOf(RuntimeError);
    expect((v[0] as Error).message).toBe(
      "invalid state: Future 'once' is already finished; a future is completed once",
    );
    expect(v[3]).toBe(1);
  });

  it('calls done callbacks in order with the future, at once when already done', () => {
    const v = ok(function* () {
      const log: string[] = [];
      const f = new Future<number>({ name: 'f' });
      f.addDoneCallback((x) => log.push(`first ${x.name} done=${x.done()}`));
      f.addDoneCallback(() => log.push('second'));
      log.push('before');
      later(1, () => f.setResult(7));
      yield* f.result();
      f.addDoneCallback(() => log.push('late, at once'));
      const c = new Future();
      c.addDoneCallback((x) => log.push(`cancelled=${x.cancelled()}`));
      c.cancel();
      return log;
    });
    expect(v).toEqual(['before', 'first f done=true', 'second', 'late, at once', 'cancelled=true']);
  });

  it('a failing callback is reported in the output and the others still run', () => {
    const r = run(function* () {
      const f = new Future<number>({ name: 'f' });
      const log: string[] = [];
      f.addDoneCallback(() => {
        throw new ValueError('bad callback');
      });
      f.addDoneCallback(() => log.push('still called'));
      f.setResult(1);
      yield* print(log.join());
    });
    expect(r.status).toBe('ok');
    expect(r.errors).toEqual([]);
    expect(r.output).toBe(
      "exception calling callback for <Future 'f' state=finished returned number>:\nValueError: bad callback\nstill called\n",
    );
  });

  it('rejects a generator function or a non-function as a callback, a non-number timeout (TypeError) and a NaN one (ValueError)', () => {
    const v = ok(function* () {
      const f = new Future();
      return [
        attempt(() => f.addDoneCallback(function* () {} as never)),
        attempt(() => f.addDoneCallback('log' as never)),
        yield* caught(f.result('soon' as never)),
        yield* caught(f.result(NaN)),
      ];
    });
    for (const e of v.slice(0, 3)) expect(e).toBeInstanceOf(TypeError);
    expect(v[3]).toBeInstanceOf(ValueError);
    expect(String(v[3])).toMatch(/timeout must be a number of seconds, got NaN/);
    expect((v[0] as Error).message).toMatch(/plain function.*generator function would never run/);
  });

  it('names what a waiter waits for in deadlock reports', () => {
    const r = run(function* () {
      yield* new Future({ name: 'never' }).result();
    });
    expect(r.status).toBe('deadlock');
    expect(r.deadlock!.threads).toEqual([
      { thread: 'MainThread', waitingFor: "Future 'never' (pending: its call has not started)", heldBy: [] },
    ]);
  });

  it('orders setting the result before result() returns (happens-before)', () => {
    const program = (viaFuture: boolean) =>
      function* () {
        const data = shared(0, 'data');
        const f = new Future<void>();
        const t = new Thread({
          target: function* () {
            yield* data.write(1);
            f.setResult(undefined);
          },
        });
        t.start();
        if (viaFuture) yield* f.result();
        else yield* sleep(1);
        yield* data.read();
        yield* t.join();
      };
    expect(run(program(true), { detectRaces: true }).races).toEqual([]);
    expect(run(program(false), { detectRaces: true }).races).toHaveLength(1);
  });
});
