/**
 * Executions an exhaustive search starts (complete runs plus runs abandoned by the reduction) on
 * small programs, with the search's verdict: `npx tsx bench/exhaustive-counts.ts`. The counts are
 * deterministic (no timing), so any machine prints the same table. An unbounded search uses
 * dynamic partial-order reduction, whose goal is at most 2 executions a Mazurkiewicz trace (where a
 * waiting thread does nothing visible): n! for a locked counter of n threads (the order of the
 * critical sections); the other trace counts are those of tests/explore/search/dpor.test.ts's brute-force
 * enumerator (unlocked counter of 3: 36; philosophers of 2 and 3: 3 and 7).
 */
import { explore, Lock, type MainFunction, shared, Thread } from '../src/index';

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

const rows: [string, MainFunction<unknown>, number | null, (v: unknown) => boolean][] = [
  ...[2, 3, 4, 5].map((n): [string, MainFunction<unknown>, number | null, (v: unknown) => boolean] => [
    `locked counter, ${n} threads`,
    counter(n, true),
    factorial(n),
    (v) => v === n,
  ]),
  ...[2, 3].map((n): [string, MainFunction<unknown>, number | null, (v: unknown) => boolean] => [
    `unlocked counter, ${n} threads`,
    counter(n, false),
    n === 2 ? 4 : 36,
    (v) => v === n,
  ]),
  ...[2, 3].map((n): [string, MainFunction<unknown>, number | null, (v: unknown) => boolean] => [
    `dining philosophers, ${n}`,
    philosophers(n),
    n === 2 ? 3 : 7,
    () => true,
  ]),
];

const lines = [
  '| program | traces | executions started | per trace | complete runs | abandoned | complete | verdict |',
  '|---|---:|---:|---:|---:|---:|---|---|',
];
for (const [name, main, traces, ok] of rows) {
  const r = explore(main, {
    strategy: 'exhaustive',
    runs: Infinity,
    shrink: false,
    check: (x) => x.status === 'ok' && ok(x.value),
  });
  const verdict =
    r.failures > 0
      ? `fails (${
          Object.keys(r.outcomes)
            .filter((k) => !k.startsWith('ok'))
            .join(', ') || 'check'
        })`
      : 'no failure';
  const started = r.runs + r.pruned;
  const perTrace = traces === null ? '—' : (started / traces).toFixed(2);
  lines.push(
    `| ${name} | ${traces ?? '—'} | ${started} | ${perTrace} | ${r.runs} | ${r.pruned} | ${r.complete} | ${verdict} |`,
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
