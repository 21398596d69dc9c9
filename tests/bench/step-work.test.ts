import { Event, Lock, run, type RunOptions, sleep, Thread } from 'interleave-threads';
import { activeRuntime } from '../../src/scheduler/context';
import { Runtime } from '../../src/scheduler/runtime';
import { PctStrategy } from '../../src/scheduler/strategies/pct';
import { ReadySet } from '../../src/scheduler/strategies/ready-set';
import { RoundRobin } from '../../src/scheduler/strategies/round-robin';
import type { ThreadRecord } from '../../src/scheduler/thread-record';
import { TimerHeap } from '../../src/scheduler/timer-heap';

/*
 * The performance guard that is not a timed test: it counts what the scheduler does while a
 * fixed piece of work runs beside many idle threads. A step loop, strategy or timer that looks
 * at every thread (a scan) shows up as counts that grow with the idle threads. Counting is done
 * by wrapping methods and thread-record fields in this test file only (jest gives each test
 * file its own modules), so the runtime itself carries no counters.
 */

interface Counts {
  steps: number;
  strategy: number;
  timers: number;
  recordReads: number;
}

/** Idle threads beside the counted work in the "many" case. */
const IDLE = 5000;

let counting = false;
const counts: Counts = { steps: 0, strategy: 0, timers: 0, recordReads: 0 };

function countCalls(proto: object, names: string[], key: 'strategy' | 'timers'): void {
  for (const name of names) {
    const p = proto as Record<string, (...args: unknown[]) => unknown>;
    const original = p[name]!;
    p[name] = function (this: unknown, ...args: unknown[]) {
      if (counting) counts[key]++;
      return original.apply(this, args);
    };
  }
}

beforeAll(() => {
  countCalls(RoundRobin.prototype, ['add', 'pick'], 'strategy');
  countCalls(ReadySet.prototype, ['add', 'remove'], 'strategy');
  countCalls(PctStrategy.prototype, ['add', 'pick'], 'strategy');
  countCalls(TimerHeap.prototype, ['push', 'pop', 'peekLive', 'peekTime'], 'timers');
  // Every field read of every thread record is counted while counting is on.
  const newThread = Runtime.prototype.newThread;
  Runtime.prototype.newThread = function (this: Runtime, ...args: Parameters<Runtime['newThread']>): ThreadRecord {
    const t = newThread.apply(this, args);
    for (const key of Object.keys(t)) {
      let value = (t as unknown as Record<string, unknown>)[key];
      Object.defineProperty(t, key, {
        get() {
          if (counting) counts.recordReads++;
          return value;
        },
        set(v: unknown) {
          value = v;
        },
        enumerable: true,
        configurable: true,
      });
    }
    return t;
  };
});

/**
 * `idle` threads first: half end at once, half block on an Event with a far timeout (so the timer
 * heap holds them too). Then, counted, two workers contend for a lock, sleep and hand off
 * through an Event. Returns the counts of the counted phase.
 */
function measure(idle: number, options: RunOptions): Counts {
  Object.assign(counts, { steps: 0, strategy: 0, timers: 0, recordReads: 0 });
  let stepsAtStart = 0;
  const result = run(function* () {
    const gate = new Event({ name: 'gate' });
    for (let i = 0; i < idle; i++) {
      const body =
        i % 2 === 0
          ? function* () {}
          : function* () {
              yield* gate.wait(1e9);
            };
      new Thread({ target: body }).start();
    }
    yield* sleep(1); // every idle thread has ended or blocked by now
    const lock = new Lock({ name: 'work' });
    const ping = new Event({ name: 'ping' });
    function* worker(n: number) {
      for (let i = 0; i < 20; i++) {
        yield* lock.acquire();
        yield;
        lock.release();
        if (i % 5 === n) yield* sleep(0.001 * (n + 1));
      }
      if (n === 0) ping.set();
      else yield* ping.wait();
    }
    stepsAtStart = currentSteps();
    counting = true;
    const workers = [0, 1].map((n) => new Thread({ target: worker, args: [n] }));
    for (const w of workers) w.start();
    for (const w of workers) yield* w.join();
    counting = false;
    counts.steps = currentSteps() - stepsAtStart;
    gate.set();
  }, options);
  expect(result.status).toBe('ok');
  return { ...counts };
}

function currentSteps(): number {
  return activeRuntime()!.steps;
}

describe('scheduler work per step does not grow with idle threads', () => {
  it.each([1, 100])(
    'round-robin, switchInterval %d: the same steps and the same operations beside 10 or 5,000 idle threads',
    (si) => {
      const few = measure(10, { switchInterval: si });
      const many = measure(IDLE, { switchInterval: si });
      expect(few.steps).toBeGreaterThan(80);
      expect(many).toEqual(few);
    },
  );

  it.each(['random', 'pct'] as const)(
    '%s, switchInterval 1: at most 2 strategy operations and 2 timer operations per step, beside 5,000 idle threads',
    (strategy) => {
      const c = measure(IDLE, { strategy, switchInterval: 1, seed: 3 });
      expect(c.steps).toBeGreaterThan(80);
      expect(c.strategy).toBeLessThanOrEqual(2 * c.steps);
      expect(c.timers).toBeLessThanOrEqual(2 * c.steps);
      expect(c.recordReads).toBeLessThanOrEqual(30 * c.steps);
    },
  );

  it('round-robin, switchInterval 1: a bounded number of record reads and operations per step', () => {
    const c = measure(10, { switchInterval: 1 });
    expect(c.strategy).toBeLessThanOrEqual(2 * c.steps);
    expect(c.timers).toBeLessThanOrEqual(2 * c.steps);
    expect(c.recordReads).toBeLessThanOrEqual(30 * c.steps);
  });

  it('counts a scan: a loop over all threads in a step shows up in the record reads', () => {
    // The guard's own check: the same work plus one enumerate()-style pass over every thread.
    const base = measure(10, { switchInterval: 1 });
    const original = Runtime.prototype.wake;
    Runtime.prototype.wake = function (this: Runtime, ...args: Parameters<Runtime['wake']>) {
      if (counting) for (const t of this.threads) void t.state;
      return original.apply(this, args);
    };
    try {
      const few = measure(10, { switchInterval: 1 });
      const many = measure(IDLE, { switchInterval: 1 });
      expect(few.recordReads).toBeGreaterThan(base.recordReads);
      expect(many.recordReads).toBeGreaterThan(few.recordReads * 10);
    } finally {
      Runtime.prototype.wake = original;
    }
  });
});
