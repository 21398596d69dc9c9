import { run, sleep, Thread, type TraceEvent } from 'interleave-threads';
import { ST } from '../support/run-helpers';

// Focused behaviours of the step loop (src/scheduler/step-loop.ts), read from a run's trace and
// counters. Step time ST (1/1024 s) keeps every virtual time exact.

/** A thread body of n bare yields: n + 1 steps. */
const busy = (n: number) =>
  function* (): Generator<unknown, void, unknown> {
    for (let i = 0; i < n; i++) yield;
  };

/** Main starting threads a and b of n yields each, then joining them. */
const twoBusy = (n: number) =>
  function* (): Generator<unknown, void, unknown> {
    const a = new Thread({ target: busy(n), name: 'a' });
    const b = new Thread({ target: busy(n), name: 'b' });
    a.start();
    b.start();
    yield* a.join();
    yield* b.join();
  };

/** The trace as `>to:reason` for switches and `thread×count` for runs of steps. */
function slices(trace: TraceEvent[]): string[] {
  return trace.flatMap((e) =>
    e.type === 'switch' ? [`>${e.to}:${e.reason}`] : e.type === 'step' ? [`${e.thread}×${e.count}`] : [],
  );
}

describe('the step loop', () => {
  it('runs a thread for switchInterval steps, then hands the GIL on; blocking and ending hand it on at once', () => {
    const r = run(twoBusy(5), { switchInterval: 3, stepTime: ST, trace: true });
    expect(slices(r.trace!)).toEqual([
      '>MainThread:start',
      'MainThread×2',
      '>a:block', // main blocks in a.join()
      'a×3',
      '>b:slice',
      'b×3',
      '>a:slice',
      'a×3',
      '>b:end', // a ended: b takes over at once
      'b×3',
      '>MainThread:end',
      'MainThread×2',
    ]);
    expect(r.steps).toBe(16);
    expect(r.preemptions).toBe(2);
  });

  it('each step costs stepTime; with nothing runnable the clock jumps to the next timer', () => {
    const r = run(
      function* () {
        yield* sleep(5);
      },
      { stepTime: ST },
    );
    expect(r.steps).toBe(3);
    // The step before the sleep blocks and the step after it wake: two step times, plus the sleep.
    expect(r.time).toBe(5 + 2 * ST);
  });

  it('without the GIL, a tick runs up to `cores` threads and costs one step time', () => {
    const two = run(twoBusy(4), { gil: false, cores: 2, stepTime: ST });
    const one = run(twoBusy(4), { gil: false, cores: 1, stepTime: ST });
    expect(two.steps).toBe(14);
    expect(one.steps).toBe(14);
    expect(one.time).toBe(14 * ST);
    expect(two.time).toBe(8 * ST); // a and b run side by side for most ticks
  });

  it('stops at exactly maxSteps', () => {
    const r = run(
      function* () {
        for (;;) yield;
      },
      { maxSteps: 100, stepTime: ST },
    );
    expect(r.status).toBe('step-limit');
    expect(r.steps).toBe(100);
    expect(r.time).toBe(100 * ST);
  });

  it('ends when main and the non-daemon threads have ended, abandoning daemon threads', () => {
    const withDaemon = run(
      function* () {
        new Thread({ target: busy(100), daemon: true }).start();
        yield;
      },
      { stepTime: ST },
    );
    expect(withDaemon.status).toBe('ok');
    expect(withDaemon.steps).toBe(2);
    const withWorker = run(
      function* () {
        new Thread({ target: busy(100) }).start();
        yield;
      },
      { stepTime: ST },
    );
    expect(withWorker.status).toBe('ok');
    expect(withWorker.steps).toBe(2 + 101);
  });
});
