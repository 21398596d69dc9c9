/**
 * `npm run bench -- --only exhaustive-counts`: executions an exhaustive search starts (complete
 * runs plus runs abandoned by the reduction) on small programs, against the number of their
 * Mazurkiewicz traces (where a waiting thread does nothing visible), with the search's verdict.
 * The figure is executions started per trace; the goal of dynamic partial-order reduction is at
 * most 2. The counts are deterministic (no timing), so any machine prints the same figures:
 * n! traces for a locked counter of n threads (the order of the critical sections); the other
 * trace counts are those of tests/explore/search/dpor.test.ts's brute-force enumerator
 * (unlocked counter of 2 and 3: 4 and 36; philosophers of 2 and 3: 3 and 7).
 */
import { explore, Lock, type MainFunction, shared, Thread } from '../src/index';
import { meets, type Row } from './rows';
import type { SuiteConfig } from './suite';

function counter(n: number, locked: boolean): MainFunction<number> {
  return function* main() {
    const count = shared(0, 'count');
    const lock = new Lock({ name: 'lock' });
    function* add() {
      if (locked) yield* lock.acquire();
      yield* count.update((v) => v + 1);
      if (locked) lock.release();
    }
    const threads = Array.from({ length: n }, () => new Thread({ target: add }));
    for (const t of threads) t.start();
    for (const t of threads) yield* t.join();
    return count.value;
  };
}

/** n philosophers, each taking the left fork then the right one: deadlocks when all hold one. */
function philosophers(n: number): MainFunction<void> {
  return function* main() {
    const forks = Array.from({ length: n }, (_, i) => new Lock({ name: `fork${i}` }));
    const eat = (i: number) =>
      function* () {
        yield* forks[i]!.acquire();
        yield* forks[(i + 1) % n]!.acquire();
        forks[(i + 1) % n]!.release();
        forks[i]!.release();
      };
    const ts = forks.map((_, i) => new Thread({ target: eat(i) }));
    for (const t of ts) t.start();
    for (const t of ts) yield* t.join();
  };
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/** One program of the table: its name, main, trace count and the property of its return value. */
type Case = [string, MainFunction<unknown>, number, (v: unknown) => boolean];

const CASES: Case[] = [
  ...[2, 3, 4, 5].map((n): Case => [`locked counter, ${n} threads`, counter(n, true), factorial(n), (v) => v === n]),
  ...[2, 3].map((n): Case => [`unlocked counter, ${n} threads`, counter(n, false), n === 2 ? 4 : 36, (v) => v === n]),
  ...[2, 3].map((n): Case => [`dining philosophers, ${n}`, philosophers(n), n === 2 ? 3 : 7, () => true]),
];

const GOAL = { op: '<=' as const, value: 2 };

/** The bench group: one row a program, its figure the executions started per trace. */
export async function exhaustiveCounts(cfg: SuiteConfig): Promise<Row[]> {
  return CASES.map(([name, main, traces, ok]) => {
    cfg.log(`exhaustive-counts: ${name}`);
    const r = explore(main, {
      strategy: 'exhaustive',
      runs: Infinity,
      shrink: false,
      check: (x) => x.status === 'ok' && ok(x.value),
    });
    const started = r.runs + r.pruned;
    const figure = started / traces;
    const detail =
      `${traces} traces; started ${started} (${r.runs} whole + ${r.pruned} abandoned); ` +
      `complete: ${r.complete}; ${verdict(r.failures, r.outcomes)}`;
    return {
      group: 'exhaustive-counts',
      name: `${name}: executions started ÷ traces`,
      figure,
      unit: 'x',
      goal: GOAL,
      low: null,
      high: null,
      detail,
      pass: meets(figure, GOAL) === true && r.complete,
    };
  });
}

function verdict(failures: number, outcomes: Record<string, number>): string {
  if (failures === 0) return 'no failure';
  const failing = Object.keys(outcomes).filter((k) => !k.startsWith('ok'));
  return `fails (${failing.join(', ') || 'check'})`;
}
