/**
 * A run never reads the host: with Math.random, Date, performance.now, host timers,
 * queueMicrotask, process.hrtime/nextTick and the global Promise replaced by traps that record
 * and throw, every demo, generated programs and replays still run, and give the very results
 * they give with the host in place.
 */
import fc from 'fast-check';
import { replay, run, Thread, type RunResult } from 'interleave-threads';
import { programArb, scheduleArb } from './support/arbitrary';
import { fingerprint } from './support/checks';
import { determinismViolations, checkedRun } from './support/harness';
import { examplePrograms, optionsFor } from './support/programs';

/** Runs `fn` with the host's sources of time, randomness and asynchrony replaced by traps. */
function withoutHost<T>(fn: () => T): { value: T; touched: string[] } {
  const touched: string[] = [];
  const trap = (name: string) =>
    function trapped(): never {
      touched.push(name);
      throw new Error(`${name} was used inside a run`);
    };
  const trapObject = <O extends object>(name: string, target: O): O =>
    new Proxy(target, {
      apply: trap(name),
      construct: trap(`new ${name}`),
      get: (_t, key) => trap(`${name}.${String(key)}`),
    });
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = {
    random: Math.random,
    Date: g.Date,
    Promise: g.Promise,
    setTimeout: g.setTimeout,
    setInterval: g.setInterval,
    setImmediate: g.setImmediate,
    queueMicrotask: g.queueMicrotask,
    hrtime: process.hrtime,
    nextTick: process.nextTick,
  };
  Math.random = trap('Math.random');
  g.Date = trapObject('Date', Date);
  g.Promise = trapObject('Promise', Promise);
  for (const name of ['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask']) g[name] = trap(name);
  Object.defineProperty(performance, 'now', { value: trap('performance.now'), configurable: true, writable: true });
  process.hrtime = trap('process.hrtime') as unknown as typeof process.hrtime;
  process.nextTick = trap('process.nextTick');
  try {
    return { value: fn(), touched };
  } finally {
    Math.random = saved.random;
    g.Date = saved.Date;
    g.Promise = saved.Promise;
    g.setTimeout = saved.setTimeout;
    g.setInterval = saved.setInterval;
    g.setImmediate = saved.setImmediate;
    g.queueMicrotask = saved.queueMicrotask;
    delete (performance as unknown as Record<string, unknown>).now;
    process.hrtime = saved.hrtime;
    process.nextTick = saved.nextTick;
  }
}

const programs = examplePrograms();
const SEEDS = 3;
/** A program whose run takes more steps than this (the GIL demo) is run with one seed a strategy, and not replayed. */
const LONG = 50_000;

/** Every program, under both strategies for a few seeds, plus a replay of each token. */
function runAll(): string[] {
  const out: string[] = [];
  for (const p of programs) {
    let long = false;
    for (const strategy of ['random', 'pct'] as const) {
      for (let seed = 0; seed < (long ? 1 : SEEDS); seed++) {
        const r: RunResult = run(p.main, optionsFor(p, strategy, seed, { trace: true }));
        out.push(fingerprint(r));
        long ||= r.steps > LONG;
        if (seed === 0 && !long) out.push(fingerprint(replay(p.main, r.schedule, { trace: true })));
      }
    }
  }
  return out;
}

describe('a run never reads the host', () => {
  it('every demo and bug program runs and replays with host time, randomness, timers and Promises trapped, with identical results', () => {
    const expected = runAll();
    const { value, touched } = withoutHost(runAll);
    expect(touched).toEqual([]);
    expect(value).toEqual(expected);
  });

  it('generated programs keep every invariant and replay identically with the host trapped', () => {
    // Generated outside the trap: fast-check itself may read the host.
    const cases = fc.sample(fc.tuple(programArb, scheduleArb), { seed: 0x1505, numRuns: 60 });
    const expected = cases.map(([p, o]) => fingerprint(checkedRun(p, o).result));
    const { value, touched } = withoutHost(() =>
      cases.map(([p, o]) => ({ run: checkedRun(p, o), determinism: determinismViolations(p, o) })),
    );
    expect(touched).toEqual([]);
    expect(value.flatMap((v) => [...v.run.violations, ...v.determinism])).toEqual([]);
    expect(value.map((v) => fingerprint(v.run.result))).toEqual(expected);
  });

  it('the traps do catch a program that reads the host (so the checks above can fail)', () => {
    const { value, touched } = withoutHost(() =>
      run(function* () {
        const t = new Thread({
          name: 'cheat',
          target: function* () {
            yield;
            return Math.random();
          },
        });
        t.start();
        yield* t.join();
        return Date.now();
      }),
    );
    expect(touched).toEqual(['Math.random', 'Date.now']);
    expect(value.errors.map((e) => [e.thread, (e.error as Error).message])).toEqual([
      ['cheat', 'Math.random was used inside a run'],
      ['MainThread', 'Date.now was used inside a run'],
    ]);
    // and everything is back in place afterwards
    expect(typeof Date.now()).toBe('number');
    expect(Math.random()).toBeLessThan(1);
    expect(typeof performance.now()).toBe('number');
  });
});
