/**
 * What a thread's generator may yield to the scheduler. A bare `yield` (undefined) is one step;
 * `BLOCK` is yielded by an op after it has registered the thread as blocked. Nothing else is
 * allowed, so a mistaken `yield lock.acquire()` is caught and named.
 */
export class Instruction {
  readonly #kind: string;
  constructor(kind: string) {
    this.#kind = kind;
  }
  /** The instruction's name, for messages. */
  get kind(): string {
    return this.#kind;
  }
}

/** Yielded by an op once it has blocked the current thread; resumed with the wake value. */
export const BLOCK = new Instruction('block');

/** What a thread generator yields: `undefined` (a step) or an internal instruction. */
export type Yielded = Instruction | undefined;

/**
 * A generator operation: use it with `yield*` inside a thread, and the result is typed:
 * `const ok: boolean = yield* lock.acquire()`.
 */
export type Op<T> = Generator<Yielded, T, unknown>;

/** The generator a thread body returns. */
export type ThreadGenerator = Generator<unknown, unknown, undefined>;
