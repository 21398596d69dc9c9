/**
 * Type tests: this file only compiles (and so only passes under ts-jest) when the ops keep
 * their result types through `yield*`, and when each `@ts-expect-error` line is an error.
 */
import {
  Event,
  Lock,
  print,
  RLock,
  run,
  shared,
  sleep,
  Thread,
  Timer,
  withLock,
  type MainFunction,
  type Op,
  type RunResult,
  type Shared,
  type ThreadTarget,
} from 'interleave-threads';

// Functions typed with the package's own types compose with yield* (regression: their TNext was
// `never`, so delegating to them inside another thread body did not compile, TS2766).
const body: ThreadTarget = function* () {
  yield;
};
const sub: MainFunction<number> = function* () {
  yield;
  return 1;
};
function* composed() {
  yield* body();
  const k: number = yield* sub();
  const t = new Thread({
    target: function* () {
      yield* body();
      const j: number = yield* sub();
      void j;
    },
  });
  t.start();
  yield* t.join();
  return k;
}

function* program() {
  const lock = new Lock();
  const ok: boolean = yield* lock.acquire();
  lock.release();
  const t = new Thread({
    target: function* () {
      yield;
    },
  });
  t.start();
  const ended: boolean = yield* t.join();
  const endedSoon: boolean = yield* t.join(0.5);
  const cell: Shared<number> = shared(0, 'cell');
  const v: number = yield* cell.read();
  const n: number = yield* cell.update((x) => x + 1);
  yield* cell.write(v + n);
  const r = new RLock();
  const rok: boolean = yield* r.acquire({ blocking: false });
  r.release();
  const ev = new Event();
  ev.set();
  const waited: boolean = yield* ev.wait(1);
  const fromBody: string = yield* withLock(lock, function* () {
    yield;
    return 'inside';
  });
  const op: Op<boolean> = lock.acquire({ timeout: 1 });
  const viaOp: boolean = yield* op;
  lock.release();
  yield* sleep(0.1);
  yield* print('done', 1, true);
  const typed = new Thread({
    target: function* (a: number, b: string) {
      yield;
      return `${a}${b}`;
    },
    args: [1, 'x'],
  });
  const timer = new Timer(
    1,
    function* (s: string) {
      yield;
      void s;
    },
    ['x'],
  );
  void typed;
  void timer;
  return [ok, ended, endedSoon, v, n, rok, waited, fromBody, viaOp] as const;
}

/** Never called: each marked line must NOT compile. */
function* mustNotCompile() {
  const lock = new Lock();
  const cell = shared(0);
  const t = new Thread();
  // @ts-expect-error acquire's result is a boolean
  const a: number = yield* lock.acquire();
  // @ts-expect-error without yield* the op object is not its result
  const b: boolean = lock.acquire();
  // @ts-expect-error join's result is a boolean
  const c: string = yield* t.join();
  // @ts-expect-error a Shared<number> holds numbers
  yield* cell.write('text');
  // @ts-expect-error read gives the cell's type
  const d: string = yield* cell.read();
  // @ts-expect-error update's function maps the cell's type to itself
  yield* cell.update((x) => `${x}`);
  // @ts-expect-error acquire takes { blocking, timeout }
  yield* lock.acquire({ block: false });
  // @ts-expect-error print has no result
  const e: string = yield* print('x');
  // @ts-expect-error sleep takes seconds as a number
  yield* sleep('1');
  // @ts-expect-error Event.wait's result is a boolean
  const f: number = yield* new Event().wait();
  // biome-ignore format: @ts-expect-error covers the next line only, so the call stays on one
  // @ts-expect-error args must fit the target's parameters
  new Thread({ target: function* (x: number) { yield; void x; }, args: ['not a number'] });
  // @ts-expect-error the body of withLock returns what the op returns
  const g: number = yield* withLock(lock, function* () {
    yield;
    return 'text';
  });
  void [a, b, c, d, e, f, g];
}

describe('types', () => {
  it('ops keep their result types through yield*', () => {
    const r: RunResult<readonly [boolean, boolean, boolean, number, number, boolean, boolean, string, boolean]> =
      run(program);
    expect(r.status).toBe('ok');
    expect(r.value).toEqual([true, true, true, 0, 1, true, true, 'inside', true]);
    // @ts-expect-error value is undefined unless main ended normally
    const sure: readonly unknown[] = r.value;
    void sure;
    void mustNotCompile;
  });

  it('functions typed ThreadTarget and MainFunction compose with yield*', () => {
    const r: RunResult<number> = run(composed);
    expect([r.status, r.value]).toEqual(['ok', 1]);
  });

  it('run accepts only generator functions', () => {
    // @ts-expect-error an async function is not a thread body
    const call = () => run(async () => 1);
    expect(call).toThrow(TypeError);
  });
});
