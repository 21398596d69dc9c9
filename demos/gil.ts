// The GIL: two CPU-bound threads take as long as their work done one after the other (only the
// GIL holder runs); two I/O-bound threads overlap their waits (a sleeper lets go of the GIL).
// Look for the two speed-ups; then run `interleave run gil --no-gil --cores 2`.
import { print, sleep, Thread, time } from 'interleave-threads';

/** Steps of pure computation per CPU-bound task: 0.1 virtual s at the default 1 µs a step. */
const WORK = 100_000;

function* cpuBound() {
  for (let i = 0; i < WORK; i++) yield; // one bytecode after another, never waiting
}

function* ioBound() {
  for (let i = 0; i < 5; i++) yield* sleep(0.02); // waiting for a disk or a network: no GIL needed
}

/** Virtual seconds `body` takes. */
function* elapsed(body: () => Generator<unknown, void, unknown>) {
  const beg = time();
  yield* body();
  return time() - beg;
}

function* inTwoThreads(task: () => Generator<unknown, void, unknown>) {
  const threads = [new Thread({ target: task }), new Thread({ target: task })];
  for (const t of threads) t.start();
  for (const t of threads) yield* t.join();
}

function* compare(label: string, task: () => Generator<unknown, void, unknown>) {
  const oneByOne = yield* elapsed(function* () {
    yield* task();
    yield* task();
  });
  const twoThreads = yield* elapsed(() => inTwoThreads(task));
  yield* print(
    `${label}: one after the other ${oneByOne.toFixed(3)} s, in two threads ${twoThreads.toFixed(3)} s (speed-up x${(oneByOne / twoThreads).toFixed(2)})`,
  );
}

export default function* main() {
  yield* compare('CPU-bound', cpuBound);
  yield* compare('I/O-bound', ioBound);
  yield* print(
    'With the GIL (the default) only I/O-bound threads gain; with --no-gil --cores 2 CPU-bound ones do too.',
  );
}
