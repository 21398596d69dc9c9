import { LifoQueue, QueueEmpty, QueueFull, Thread, run, sleep, time } from 'interleave-threads';
import { caught, ok } from '../support/run-helpers';

describe('LifoQueue', () => {
  it('returns the most recently added item first (test_queue basic_queue_test)', () => {
    const v = ok(function* () {
      const q = new LifoQueue<number>(5);
      yield* q.put(111);
      yield* q.put(333);
      yield* q.put(222);
      return [yield* q.get(), yield* q.get(), yield* q.get(), q.empty()];
    });
    expect(v).toEqual([222, 333, 111, true]);
  });

  it('is bounded like Queue: QueueFull without waiting, QueueEmpty at the exact deadline', () => {
    const v = ok(function* () {
      const q = new LifoQueue<string>(2, { name: 'stack' });
      q.putNowait('a');
      q.putNowait('b');
      const full = yield* caught(q.put('c', { block: false }));
      const top = [q.getNowait(), q.getNowait()];
      const empty = yield* caught(q.get({ timeout: 3 }));
      return { full, top, empty, at: time() };
    });
    expect(v.full).toBeInstanceOf(QueueFull);
    expect((v.full as Error).message).toMatch(/LifoQueue 'stack' is full \(maxsize 2\)/);
    expect(v.top).toEqual(['b', 'a']);
    expect(v.empty).toBeInstanceOf(QueueEmpty);
    // Two op steps (the put's and the get's) of 1 µs each, then exactly the 3 s timeout.
    expect(v.at).toBe(2e-6 + 3);
  });

  it('a get from a full stack lets the waiting putter in, whose item then comes out first', () => {
    const v = ok(function* () {
      const q = new LifoQueue<string>(2);
      q.putNowait('bottom');
      q.putNowait('top');
      const p = new Thread({
        target: function* () {
          yield* q.put('late');
        },
      });
      p.start();
      yield* sleep(1);
      const first = q.getNowait();
      yield* p.join();
      return [first, q.getNowait(), q.getNowait()];
    });
    expect(v).toEqual(['top', 'late', 'bottom']);
  });

  it('counts tasks for join like Queue', () => {
    const r = run(function* () {
      const q = new LifoQueue<number>();
      for (const s of [1, 2]) q.putNowait(s);
      const w = new Thread({
        target: function* () {
          for (let i = 0; i < 2; i++) {
            yield* sleep(yield* q.get());
            q.taskDone();
          }
        },
      });
      w.start();
      yield* q.join();
      return Math.round(time() * 1000) / 1000;
    });
    expect(r.value).toBe(3);
  });

  it('is named LifoQueue in deadlock reports', () => {
    const r = run(function* () {
      yield* new LifoQueue().get();
    });
    expect(r.deadlock!.threads[0]!.waitingFor).toBe("LifoQueue 'LifoQueue-1' (empty, waiting for a put)");
  });
});
