import {
  explore,
  Lock,
  print,
  RuntimeError,
  shared,
  Thread,
  type ExploreReport,
  type MainFunction,
} from 'interleave-threads';
import { abba, alone, counter, letters, mixed } from '../../support/programs';

/** Threads that each update only their own cell, under their own lock: nothing to reorder. */
function independent(n: number, updates: number): MainFunction<number[]> {
  return function* () {
    const cells = Array.from({ length: n }, (_, i) => shared(0, `c${i}`));
    const locks = Array.from({ length: n }, (_, i) => new Lock({ name: `l${i}` }));
    function* work(i: number) {
      for (let k = 0; k < updates; k++) {
        yield* locks[i]!.acquire();
        yield* cells[i]!.update((v) => v + 1);
        locks[i]!.release();
      }
    }
    const threads = Array.from({ length: n }, (_, i) => new Thread({ target: work, args: [i] }));
    for (const t of threads) t.start();
    for (const t of threads) yield* t.join();
    return cells.map((c) => c.value);
  };
}

const outcomeSet = (r: ExploreReport): string[] => Object.keys(r.outcomes).sort();

describe('exhaustive exploration', () => {
  it('covers the locked counter within a bound of 2 and finds no failure', () => {
    const r = explore(counter(3, true), {
      strategy: 'exhaustive',
      preemptionBound: 2,
      runs: Infinity,
      check: (res) => res.value === 3,
    });
    expect(r.complete).toBe(true);
    expect(r.exhausted).toBe(false);
    expect(r.failures).toBe(0);
    expect(r.firstFailure).toBeNull();
    expect(r.preemptionBound).toBe(2);
    expect(r.maxPreemptions).toBe(2);
    expect(r.outcomes).toEqual({ 'ok: value=3': r.runs });
    expect(r.distinct).toBe(r.runs);
  });

  it('with a preemption bound, finds the lost update first among schedules with one preemption', () => {
    const r = explore(counter(3, false), {
      strategy: 'exhaustive',
      preemptionBound: 3,
      stopOnFailure: true,
      check: (res) => res.value === 3,
    });
    expect(r.failures).toBe(1);
    expect(r.firstFailure!.original.preemptions).toBe(1);
    expect(r.maxPreemptions).toBe(1);
  });

  it('without a bound (partial-order reduction), finds the lost update and shrinks it to one preemption', () => {
    const r = explore(counter(3, false), {
      strategy: 'exhaustive',
      stopOnFailure: true,
      check: (res) => res.value === 3,
    });
    expect(r.failures).toBe(1);
    expect(r.firstFailure!.preemptions).toBe(1);
  });

  it('with a bound of 0 covers only non-preemptive schedules, where no update is lost', () => {
    const r = explore(counter(3, false), {
      strategy: 'exhaustive',
      preemptionBound: 0,
      check: (res) => res.value === 3,
    });
    expect(r.complete).toBe(true);
    expect(r.failures).toBe(0);
    expect(r.maxPreemptions).toBe(0);
  });

  it('finds the lockA/lockB deadlock with one preemption', () => {
    const r = explore(abba, { strategy: 'exhaustive', runs: Infinity });
    expect(r.complete).toBe(true);
    expect(r.outcomes['deadlock: Thread-1 -> Thread-2 -> Thread-1']).toBeGreaterThan(0);
    expect(r.firstFailure!.preemptions).toBe(1);
  });

  it('stops at the budget and says the space was not covered', () => {
    const r = explore(counter(3, false), { strategy: 'exhaustive', runs: 5, check: (res) => res.value === 3 });
    expect(r.runs).toBe(5);
    expect(r.complete).toBe(false);
    expect(r.exhausted).toBe(true);
  });

  it('runs a program without choices once and says so', () => {
    const r = explore(alone, { strategy: 'exhaustive' });
    expect(r.runs).toBe(1);
    expect(r.noChoices).toBe(true);
    expect(r.complete).toBe(true);
  });
});

describe('partial-order reduction', () => {
  it('does not permute steps on different cells and locks', () => {
    const reduced = explore(independent(3, 2), { strategy: 'exhaustive', runs: Infinity });
    expect(reduced.complete).toBe(true);
    // What is left is main's joins: each finds its thread ended or waits for it.
    expect(reduced.runs).toBeLessThanOrEqual(8);
    expect(reduced.runs + reduced.pruned).toBe(1);
    const full = explore(independent(3, 2), { strategy: 'exhaustive', runs: 2000, reduction: false });
    expect(full.complete).toBe(false);
    expect(outcomeSet(full)).toEqual(outcomeSet(reduced));
  });

  it.each([
    ['two printing threads', letters],
    ['the unlocked counter', counter(2, false)],
    ['the locked counter', counter(2, true)],
    ['the lockA/lockB program', abba],
  ] as [string, MainFunction][])('reaches every outcome of %s that the unreduced search reaches', (_name, main) => {
    const reduced = explore(main, { strategy: 'exhaustive', runs: Infinity });
    const full = explore(main, { strategy: 'exhaustive', runs: Infinity, reduction: false });
    expect(reduced.complete && full.complete).toBe(true);
    expect(outcomeSet(reduced)).toEqual(outcomeSet(full));
    expect(reduced.runs).toBeLessThanOrEqual(full.runs);
  });

  it('reaches every outcome within each preemption bound that the unreduced search reaches', () => {
    const sizes: number[] = [];
    for (const bound of [0, 1, 2, 3]) {
      const reduced = explore(mixed, { strategy: 'exhaustive', preemptionBound: bound, runs: Infinity });
      const full = explore(mixed, { strategy: 'exhaustive', preemptionBound: bound, runs: Infinity, reduction: false });
      expect(reduced.complete && full.complete).toBe(true);
      expect(outcomeSet(reduced)).toEqual(outcomeSet(full));
      sizes.push(outcomeSet(full).length);
    }
    // More preemptions reach more outcomes, so each bound tests something.
    expect(sizes[0]).toBeLessThan(sizes[1]!);
    expect(sizes[1]).toBeLessThan(sizes[3]!);
  });

  it('keeps apart schedules that print in another order', () => {
    const r = explore(letters, { strategy: 'exhaustive' });
    expect(outcomeSet(r)).toContain('ok: output="a\\nb\\na\\nb\\n"');
    expect(outcomeSet(r)).toContain('ok: output="a\\na\\nb\\nb\\n"');
    expect(outcomeSet(r)).toContain('ok: output="ab\\n\\nab\\n\\n"');
  });
});

describe('exhaustive exploration of a program that is not deterministic', () => {
  it('says the program did not repeat itself under the same schedule', () => {
    let calls = 0;
    function* moody() {
      calls++;
      const n = calls % 2 === 1 ? 2 : 3;
      const threads = Array.from(
        { length: n },
        () =>
          new Thread({
            target: function* () {
              yield* print('x');
            },
          }),
      );
      for (const t of threads) t.start();
      for (const t of threads) yield* t.join();
    }
    expect(() => explore(moody, { strategy: 'exhaustive' })).toThrow(RuntimeError);
    expect(() => explore(moody, { strategy: 'exhaustive' })).toThrow(
      /did not repeat itself under the same schedule.*keep state inside main/,
    );
  });
});
