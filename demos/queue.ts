// Producer and consumers with a bounded Queue: the producer makes six items quickly, two
// consumers take 1 s over each, and the queue holds at most 2. Look for: put blocks while the
// queue is full and get while it is empty; join() returns when every item was marked done.
import { print, Queue, sleep, Thread, time } from 'interleave-threads';

export default function* main() {
  const q = new Queue<number | null>(2, { name: 'jobs' });
  function* producer() {
    for (let item = 1; item <= 6; item++) {
      if (q.full()) yield* print(`${time().toFixed(3)} producer: the queue is full, put(${item}) waits`);
      yield* q.put(item);
      yield* print(`${time().toFixed(3)} producer: put ${item} (${q.qsize()} in the queue)`);
    }
  }
  function* consumer(name: string) {
    for (;;) {
      const item = yield* q.get(); // waits while the queue is empty
      if (item === null) return; // the signal to stop
      yield* print(`${time().toFixed(3)} ${name}: got ${item}`);
      yield* sleep(1);
      q.taskDone();
    }
  }
  const p = new Thread({ target: producer, name: 'producer' });
  p.start();
  const consumers = ['consumer-1', 'consumer-2'].map((name) => new Thread({ target: consumer, args: [name], name }));
  for (const c of consumers) c.start();
  yield* p.join();
  yield* q.join(); // until taskDone() was called for every item put
  yield* print(`${time().toFixed(3)} main: every item is done`);
  for (let i = 0; i < consumers.length; i++) yield* q.put(null);
  for (const c of consumers) yield* c.join();
}
