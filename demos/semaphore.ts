// A Semaphore as a connection limit: five clients want the database but at most two may be
// connected at once; each stays 1 s. Look for: two connect at 0.0 s, the next two at 1.0 s,
// the last at 2.0 s, and "in use" never above 2.
import { print, Semaphore, sleep, Thread, time } from 'interleave-threads';

const LIMIT = 2;

export default function* main() {
  const connections = new Semaphore(LIMIT, { name: 'connections' });
  let inUse = 0;
  function* client(name: string) {
    yield* connections.acquire(); // waits while LIMIT clients are connected
    try {
      inUse++;
      yield* print(`${time().toFixed(3)} ${name} connected (${inUse} in use)`);
      yield* sleep(1);
      inUse--;
      yield* print(`${time().toFixed(3)} ${name} disconnects`);
    } finally {
      connections.release();
    }
  }
  const clients = [1, 2, 3, 4, 5].map(
    (i) => new Thread({ target: client, args: [`client-${i}`], name: `client-${i}` }),
  );
  for (const c of clients) c.start();
  for (const c of clients) yield* c.join();
}
