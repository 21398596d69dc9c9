import {
  type MainFunction,
  run,
  type RunOptions,
  type RunResult,
  RuntimeError,
  Thread,
  TypeError,
  ValueError,
} from 'interleave-threads';

/**
 * Runs `main` and insists it ended `ok` with no uncaught error in any thread: the first such
 * error is rethrown as it was (so the test shows it), any other ending throws with its report.
 * Returns the result. The one checked-run helper: `ok` and `value` below are its shorthands.
 */
export function runOk<T>(main: MainFunction<T>, options?: RunOptions): RunResult<T> {
  const r = run(main, options);
  if (r.errors.length > 0) throw r.errors[0]!.error;
  if (r.status !== 'ok') {
    throw new Error(`run ended '${r.status}': ${r.deadlock?.message ?? r.stepLimit?.message ?? ''}\n${r.output}`);
  }
  return r;
}

/** `runOk(main, options).value`: main's return value. */
export function ok<T>(main: MainFunction<T>, options?: RunOptions): T {
  return runOk(main, options).value as T;
}

/** Runs an op (or a generator function's body) inside a thread; returns what it threw, or null. */
export function* caught(
  op: Generator<unknown, unknown, unknown> | (() => Generator<unknown, unknown, unknown>),
): Generator<unknown, unknown, unknown> {
  try {
    yield* typeof op === 'function' ? op() : op;
  } catch (e) {
    return e;
  }
  return null;
}

/**
 * Runs an op, or a plain call (`() => lock.release()`), inside a thread; returns the text of
 * what it threw (`String(error)`), or `'no error'`.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: op is a plain call or a generator op
export function* raises(op: () => Generator<unknown, unknown, unknown> | void): Generator<unknown, string, unknown> {
  try {
    const ops = op();
    if (ops !== undefined) yield* ops;
  } catch (e) {
    return String(e);
  }
  return 'no error';
}

/**
 * Calls `f` outside a thread and says what it threw as `Class|text`, naming the class among
 * RuntimeError, TypeError and ValueError ('?' for another), or `'no error'`.
 */
export function thrownAs(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    const kind =
      e instanceof RuntimeError
        ? 'RuntimeError'
        : e instanceof TypeError
          ? 'TypeError'
          : e instanceof ValueError
            ? 'ValueError'
            : '?';
    return `${kind}|${String(e)}`;
  }
  return 'no error';
}

/** Calls `fn` and returns what it threw, failing the test when it throws nothing. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, but nothing was thrown');
}

/** The message of the Error `fn` throws (failing the test when it throws nothing). */
export function messageOf(fn: () => unknown): string {
  return (thrownBy(fn) as Error).message;
}

/** Calls `f`; returns what it threw, or null. */
export function attempt(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return null;
}

/** A binary fraction as the step time, so virtual times add up exactly in assertions. */
export const ST = 1 / 1024;

/** `ok` with step time ST (unless `options` set one), for tests that assert exact virtual times. */
export function value<T>(main: MainFunction<T>, options: RunOptions = {}): T {
  return ok(main, { stepTime: ST, ...options });
}

/** Runs `body` in a new thread and waits for it; returns what it returned. */
export function* inThread<T>(body: () => Generator<unknown, T, unknown>): Generator<unknown, T, unknown> {
  let out: T | undefined;
  const t = new Thread({
    target: function* () {
      out = yield* body();
    },
  });
  t.start();
  yield* t.join();
  return out as T;
}
