import { type MainFunction, run, type RunOptions, type RunResult } from 'interleave-threads';

/** Runs `main`; throws unless it ended `ok` with no thread error; returns main's value. */
export function ok<T>(main: MainFunction<T>, options?: RunOptions): T {
  const r = run(main, options);
  if (r.status !== 'ok' || r.errors.length > 0) {
    throw new Error(`run ended ${r.status}: ${r.deadlock?.message ?? r.errors.map((e) => String(e.error)).join('; ')}`);
  }
  return r.value as T;
}

/** Runs `main`, rethrows the first thread or main error, expects status ok; returns the result. */
export function runOk<T>(main: MainFunction<T>, options?: RunOptions): RunResult<T> {
  const r = run(main, options);
  if (r.errors.length > 0) throw r.errors[0]!.error;
  expect(r.status).toBe('ok');
  return r;
}

/** Runs an op inside a thread; returns what it threw, or null. */
export function* caught(op: Generator<unknown, unknown, unknown>): Generator<unknown, unknown, unknown> {
  try {
    yield* op;
  } catch (e) {
    return e;
  }
  return null;
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
