import { Event, Lock, run, type RunOptions, shared, sleep, Thread } from '../src/index';
import type { Workload } from './harness';

/** A thread body of `k` bare yields: k + 1 steps, nothing else. */
export function* bareYields(k: number): Generator<undefined, void, unknown> {
  for (let i = 0; i < k; i++) yield;
}

/**
 * The floor: `n` generators of `k` bare yields, stepped one `next()` each in turn by the
 * smallest round-robin loop that can be written. Returns the resumptions made (steps).
 */
export function rawRoundRobin(n: number, k: number): number {
  const ready: Generator[] = [];
  for (let i = 0; i < n; i++) ready.push(bareYields(k));
  let steps = 0;
  let i = 0;
  while (ready.length > 0) {
    const g = ready[i]!;
    steps++;
    if (g.next().done === true) {
      ready[i] = ready[ready.length - 1]!;
      ready.pop();
    } else i++;
    if (i >= ready.length) i = 0;
  }
  return steps;
}

const mains = new Map<string, () => Generator<unknown, void, never>>();

/**
 * The same threads under `run`: main starts `n` Threads of `k` bare yields. Returns the steps.
 * One main function per (n, k) is reused across calls, so the figure is the scheduler's and not
 * V8's cost of a fresh generator function per call (each gets its own hidden class).
 */
export function threadsRun(n: number, k: number, options: RunOptions = {}): number {
  const key = `${n}:${k}`;
  let main = mains.get(key);
  if (main === undefined) {
    main = function* () {
      for (let i = 0; i < n; i++) new Thread({ target: bareYields, args: [k] }).start();
    };
    mains.set(key, main);
  }
  const result = run(main, options);
  if (result.status !== 'ok') throw new Error(`bench program ended with status ${result.status}`);
  return result.steps;
}

function* waitFor(ev: Event): Generator<unknown, void, unknown> {
  yield* ev.wait();
}

/**
 * `n` threads block on one Event; once all are blocked, main sets it and they all end. `probe`
 * runs in main while every thread is blocked (the memory figure measures there).
 */
export function blockedOnEvent(n: number, probe: (phase: 'before' | 'blocked') => void = () => {}): number {
  const result = run(function* () {
    const ev = new Event({ name: 'release' });
    probe('before');
    for (let i = 0; i < n; i++) new Thread({ target: waitFor, args: [ev] }).start();
    // Main sleeps, so every other thread runs up to its wait and blocks before main goes on.
    yield* sleep(1);
    probe('blocked');
    ev.set();
  });
  if (result.status !== 'ok') throw new Error(`bench program ended with status ${result.status}`);
  return result.steps;
}

/**
 * A Workload from a name and a function returning its unit count. `repeat` calls it that many
 * times per sample, so a small program still takes long enough to time with a 1 µs clock
 * (synchronous workloads only).
 */
export function workload(name: string, fn: () => number | Promise<number>, repeat = 1): Workload {
  if (repeat === 1) return { name, fn };
  const once = fn as () => number;
  return {
    name,
    fn: () => {
      let units = 0;
      for (let i = 0; i < repeat; i++) units += once();
      return units;
    },
  };
}

/**
 * `n` threads each add 1 to a shared counter `k` times under a lock: steps, switches, blocks,
 * hand-offs and shared accesses, so tracing and the race detector both have work at every kind
 * of event. Returns the steps.
 */
export function lockedCounter(n: number, k: number, options: RunOptions = {}): number {
  const result = run(function* () {
    const lock = new Lock({ name: 'counter lock' });
    const counter = shared(0, 'counter');
    function* worker(): Generator<unknown, void, never> {
      for (let i = 0; i < k; i++) {
        yield* lock.acquire();
        yield* counter.update((v) => v + 1);
        lock.release();
      }
    }
    const threads: Thread[] = [];
    for (let i = 0; i < n; i++) threads.push(new Thread({ target: worker }));
    for (const t of threads) t.start();
    for (const t of threads) yield* t.join();
    if (counter.value !== n * k) throw new Error(`bench counter ended at ${counter.value}`);
  }, options);
  if (result.status !== 'ok') throw new Error(`bench program ended with status ${result.status}`);
  return result.steps;
}
