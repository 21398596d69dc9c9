import { explore, run, shared, Thread } from 'interleave-threads';
import { abaStack, abaStackOk } from '../bugs/lock-free';

/** Two threads each add 1 to a counter `n` times with the given increment; returns the count. */
function counter(n: number, increment: 'update' | 'add' | 'cas') {
  return function* main() {
    const count = shared(0, 'count');
    function* body() {
      for (let i = 0; i < n; i++) {
        if (increment === 'update') yield* count.update((v) => v + 1);
        else if (increment === 'add') yield* count.add(1);
        else while (!(yield* count.compareAndSet(count.value, count.value + 1)));
      }
    }
    const ts = [new Thread({ target: body }), new Thread({ target: body })];
    for (const t of ts) t.start();
    for (const t of ts) yield* t.join();
    return count.value;
  };
}

describe('atomic operations on shared cells', () => {
  it('compareAndSet writes only when the value is the expected one, and says whether it did', () => {
    const r = run(function* () {
      const x = shared('a', 'x');
      const first = yield* x.compareAndSet('b', 'c');
      const second = yield* x.compareAndSet('a', 'c');
      return [first, second, x.value];
    });
    expect(r.value).toEqual([false, true, 'c']);
  });

  it('exchange returns the old value; add returns the value before; load and store read and write', () => {
    const r = run(function* () {
      const x = shared(5, 'x');
      const old = yield* x.exchange(7);
      const before = yield* x.add(3);
      yield* x.store((yield* x.load()) * 2);
      return [old, before, x.value];
    });
    expect(r.value).toEqual([5, 7, 20]);
  });

  it('each is one step', () => {
    const steps = (body: (x: ReturnType<typeof shared<number>>) => Generator<unknown, unknown, unknown>) =>
      run(function* () {
        yield* body(shared(0, 'x'));
      }).steps;
    const base = steps(function* () {});
    expect(steps((x) => x.compareAndSet(0, 1)) - base).toBe(1);
    expect(steps((x) => x.exchange(1)) - base).toBe(1);
    expect(steps((x) => x.add(1)) - base).toBe(1);
    expect(steps((x) => x.load()) - base).toBe(1);
    expect(steps((x) => x.store(1)) - base).toBe(1);
  });

  it('add never loses an update where update (a read, then a write) does', () => {
    expect(explore(counter(3, 'update'), { runs: 300, check: (r) => r.value === 6 }).failures).toBeGreaterThan(0);
    const add = explore(counter(3, 'add'), { strategy: 'exhaustive', runs: Infinity, check: (r) => r.value === 6 });
    expect(add.complete).toBe(true);
    expect(add.failures).toBe(0);
  });

  it('the race detector sees atomics as synchronising: none race one another', () => {
    const r = explore(counter(2, 'add'), {
      runs: 200,
      detectRaces: true,
      check: (res) => (res.races ?? []).length === 0,
    });
    expect(r.failures).toBe(0);
  });

  it('but a plain access racing an atomic one is still a race', () => {
    const r = run(
      function* () {
        const x = shared(0, 'x');
        const t = new Thread({
          target: function* () {
            yield* x.add(1);
          },
        });
        t.start();
        yield* x.read();
        yield* t.join();
      },
      { detectRaces: true },
    );
    expect(r.races!.map((race) => race.variable)).toEqual(['x']);
  });

  it('a tagged lock-free stack has no race and no failing schedule (the bug suite covers it exhaustively)', () => {
    const r = explore(abaStack(true), {
      runs: 300,
      detectRaces: true,
      check: (res) => abaStackOk(res) && res.races!.length === 0,
    });
    expect(r.failures).toBe(0);
  });

  it('the ABA bug of the untagged stack is found early by PCT (seed 0) and shrinks to one preemption', () => {
    const r = explore(abaStack(false), { strategy: 'pct', runs: 100, stopOnFailure: true, check: abaStackOk });
    expect(r.firstFailure!.run).toBe(18);
    expect(r.firstFailure!.preemptions).toBe(1);
    const v = r.firstFailure!.result.value as { held: string[]; stack: string[] };
    // B is held by a thread and still on the stack.
    expect(v.held).toContain('B');
    expect(v.stack).toContain('B');
  });
});
