import { Queue } from './queue';

/**
 * A last-in, first-out queue (Python's `queue.LifoQueue`): `get` returns the most recently
 * added item. Everything else (bounds, blocking, hand-off to waiters, `taskDone`/`join`) is
 * as in `Queue`.
 *
 * @example
 * const stack = new LifoQueue<string>();
 * yield* stack.put('a');
 * yield* stack.put('b');
 * yield* stack.get(); // 'b'
 */
export class LifoQueue<T = unknown> extends Queue<T> {
  readonly #items: T[] = [];

  protected override _put(item: T): void {
    this.#items.push(item);
  }

  protected override _get(): T {
    return this.#items.pop() as T;
  }

  protected override _snapshot(): T[] {
    return this.#items.slice().reverse();
  }

  protected override _qsize(): number {
    return this.#items.length;
  }
}
