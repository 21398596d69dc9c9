import { RunBound } from '../_internal/run-bound';
import type { Op } from '../scheduler/instruction';
import type { Runtime } from '../scheduler/runtime';

/**
 * A variable shared between threads whose reads and writes are steps (switch points) and are
 * seen by the race detector. `update` is a read step then a write step, not atomic: exactly
 * Python's `x += 1`, which is how updates get lost. `compareAndSet`, `exchange` and `add` are
 * atomic read-modify-writes in one step (as `Atomics` on a SharedArrayBuffer, or Java's
 * `AtomicReference`), for lock-free code, with `load` and `store` as atomic reads and writes;
 * the race detector sees atomics as synchronising.
 *
 * @example
 * const counter = shared(0, 'counter');
 * yield* counter.update((n) => n + 1);
 */
export class Shared<T> extends RunBound {
  #value: T;

  constructor(initial: T, name?: string) {
    super('shared', name === undefined ? undefined : { name });
    this.#value = initial;
  }

  /** The value now, without a step (for checks and printing after the run). */
  get value(): T {
    return this.#value;
  }

  /** Reads the value (one step). */
  *read(): Op<T> {
    const rt = this.rt('read');
    rt.announce('read', this);
    yield;
    if (rt.hb !== null) rt.hb.access(rt.current!, this, this.name, false, rt.steps);
    if (rt.trace !== null) rt.traceOpValue('read', this, this.#value, null);
    return this.#value;
  }

  /** Writes the value (one step). */
  *write(value: T): Op<void> {
    const rt = this.rt('write');
    rt.announce('write', this, value);
    yield;
    if (rt.hb !== null) rt.hb.access(rt.current!, this, this.name, true, rt.steps);
    this.#value = value;
    if (rt.trace !== null) rt.traceOpValue('write', this, value, null);
  }

  /**
   * Reads the value as an atomic load (`Atomics.load`): one step, like `read`, but the race
   * detector sees it as synchronising with the cell's atomic writes, as lock-free code needs.
   *
   * @example
   * const node = yield* top.load();
   */
  *load(): Op<T> {
    const rt = this.rt('load');
    rt.announce('load', this);
    yield;
    this.#atomic(rt, false);
    return this.#value;
  }

  /**
   * Writes the value as an atomic store (`Atomics.store`): one step, like `write`, and it
   * publishes this thread's earlier writes to whoever next loads the cell atomically.
   *
   * @example
   * yield* ready.store(true);
   */
  *store(value: T): Op<void> {
    const rt = this.rt('store');
    rt.announce('store', this);
    yield;
    this.#atomic(rt, true);
    this.#value = value;
  }

  /**
   * Atomically: if the value is `expected` (by `===`), writes `next` and returns true; otherwise
   * changes nothing and returns false. One step.
   *
   * @example
   * const top = shared<Node | null>(null, 'top');
   * const old = yield* top.read();
   * if (yield* top.compareAndSet(old, { value: 1, next: old })) print('pushed');
   */
  *compareAndSet(expected: T, next: T): Op<boolean> {
    const rt = this.rt('compareAndSet');
    rt.announce('compareAndSet', this);
    yield;
    const swapped = this.#value === expected;
    this.#atomic(rt, swapped);
    if (swapped) this.#value = next;
    return swapped;
  }

  /**
   * Atomically writes `value` and returns the value it replaced (`Atomics.exchange`). One step.
   *
   * @example
   * const wasLocked = yield* flag.exchange(true); // a test-and-set
   */
  *exchange(value: T): Op<T> {
    const rt = this.rt('exchange');
    rt.announce('exchange', this);
    yield;
    const old = this.#value;
    this.#atomic(rt, true);
    this.#value = value;
    return old;
  }

  /**
   * Atomically adds `n` to a number cell and returns the value before (`Atomics.add`, Java's
   * `getAndAdd`). One step: unlike `update`, no update is ever lost.
   *
   * @example
   * const ticket = yield* next.add(1);
   */
  *add(this: Shared<number>, n: number): Op<number> {
    const rt = this.rt('add');
    rt.announce('add', this);
    yield;
    const old = this.#value;
    this.#atomic(rt, true);
    this.#value = old + n;
    return old;
  }

  /**
   * An atomic access, for the race detector: it takes in the history of the cell's earlier
   * atomics and publishes its own, so atomics never race one another, while a plain access
   * unordered with one still races it.
   */
  #atomic(rt: Runtime, write: boolean): void {
    const hb = rt.hb;
    if (hb === null) return;
    const t = rt.current!;
    hb.acquire(t, this);
    hb.access(t, this, this.name, write, rt.steps);
    hb.release(t, this);
  }

  /** Reads, computes `fn(old)`, writes: two steps with a switch point between; returns the new value. */
  *update(fn: (old: T) => T): Op<T> {
    const old = yield* this.read();
    const next = fn(old);
    yield* this.write(next);
    return next;
  }
}

/** Makes a shared cell; `name` labels it in race reports. */
export function shared<T>(initial: T, name?: string): Shared<T> {
  return new Shared(initial, name);
}
