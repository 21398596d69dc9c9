// A Condition waited on with `if` instead of `while`: one condition means both "not empty" and
// "not full", so a consumer can wake to an empty buffer, take nothing and fail, and then the
// producer waits forever. Look for: "Exception in thread", then a deadlock; `while` fixes it.
import { Condition, currentThread, print, type RunResult, Thread } from 'interleave-threads';

/** A switch may come at any step, as it may between any two bytecodes. */
export const options = { switchInterval: 1 };

const ITEMS_EACH = 2;

/** Python's IndexError, raised like `deque.popleft()` on an empty deque. */
class IndexError extends Error {
  override name = 'IndexError';
}

function popleft(items: number[]): number {
  if (items.length === 0) throw new IndexError('pop from an empty deque');
  return items.shift()!;
}

export default function* main() {
  const buffer: number[] = [];
  let consumed = 0;
  const changed = new Condition({ name: 'buffer changed' });
  function* producer() {
    for (let i = 1; i <= 2 * ITEMS_EACH; i++) {
      yield* changed.acquire();
      try {
        while (buffer.length === 1) yield* changed.wait(); // right: checks again after waking
        buffer.push(i);
        changed.notifyAll();
      } finally {
        changed.release();
      }
    }
  }
  function* consumer() {
    for (let k = 0; k < ITEMS_EACH; k++) {
      yield* changed.acquire();
      try {
        if (buffer.length === 0) yield* changed.wait(); // the bug: `while` would check again
        const item = popleft(buffer);
        consumed++;
        yield* print(`${currentThread().name} got ${item}`);
        changed.notifyAll();
      } finally {
        changed.release();
      }
    }
  }
  const threads = [
    new Thread({ target: consumer }),
    new Thread({ target: consumer }),
    new Thread({ target: producer, name: 'producer' }),
  ];
  for (const t of threads) t.start();
  for (const t of threads) yield* t.join();
  return consumed;
}

/** What `interleave explore lost-wakeup` checks: the run ends ok. */
export function check(result: RunResult): boolean {
  return result.status === 'ok';
}
