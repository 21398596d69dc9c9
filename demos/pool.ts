// Limiting threads (tutorial 2.4): tasks a 5 s, b 2 s, c 3 s, d 4 s, two at a time: first in
// batches (start two, join both, repeat), then on a ThreadPoolExecutor of 2 workers. Look for:
// a batch waits for its slowest task (b starts at 4.0 s); the pool starts b at 3.0 s.
import { currentThread, print, sleep, Thread, ThreadPoolExecutor, time } from 'interleave-threads';

const SECONDS: Record<string, number> = { a: 5, b: 2, c: 3, d: 4 };

export default function* main() {
  let beg = 0;
  /** Seconds since the current part began. */
  const clock = () => (time() - beg).toFixed(3);
  function* task(name: string) {
    yield* print(`${clock()} ${currentThread().name} starts function ${name}`);
    yield* sleep(SECONDS[name]!);
    yield* print(`${clock()} this is function ${name}`);
    return name;
  }

  yield* print('In batches of 2 threads:');
  beg = time();
  const funcList = ['a', 'b', 'c', 'd'];
  while (funcList.length > 0) {
    const threads: Thread<[string]>[] = [];
    while (threads.length < 2 && funcList.length > 0)
      threads.push(new Thread({ target: task, args: [funcList.pop()!] }));
    for (const t of threads) t.start();
    for (const t of threads) yield* t.join(); // the batch waits for its slowest task
  }
  yield* print(`batches took ${clock()} s`);

  yield* print('With a ThreadPoolExecutor of 2 workers:');
  beg = time();
  const pool = new ThreadPoolExecutor({ maxWorkers: 2 });
  const futures = ['d', 'c', 'b', 'a'].map((name) => pool.submit(task, name));
  yield* pool.shutdown(); // waits for every submitted task
  const results: string[] = [];
  for (const f of futures) results.push(yield* f.result());
  yield* print(`the pool took ${clock()} s; results in order: ${results.join(', ')}`);
}
