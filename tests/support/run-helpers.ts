import { type MainFunction, run, type RunOptions, type RunResult, Thread } from 'interleave-threads';

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

/** A binary fraction as the step time, so virtual times add up exactly in assertions. */
export const ST = 1 / 1024;

/** Runs `main` with step time ST; returns its value; any other ending fails with the reason. */
export function value<T>(main: () => Generator<unknown, T, never>, options: RunOptions = {}): T {
  const r = run(main, { stepTime: ST, ...options });
  if (r.status !== 'ok') throw new Error(`run ended '${r.status}': ${r.errors.map((e) => String(e.error)).join('; ')} ${r.deadlock?.message ?? ''}`);
  return r.value as T;
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
