import { repr } from '../_internal/format';
import { RunBound } from '../_internal/run-bound';
import type { Op } from '../scheduler/instruction';

/**
 * A variable shared between threads whose reads and writes are steps (switch points) and are
 * seen by the race detector. `update` is a read step then a write step, not atomic: exactly
 * Python's `x += 1`, which is how updates get lost.
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
    if (rt.trace !== null) rt.traceOp('read', this, repr(this.#value), null);
    return this.#value;
  }

  /** Writes the value (one step). */
  *write(value: T): Op<void> {
    const rt = this.rt('write');
    rt.announce('write', this, value);
    yield;
    if (rt.hb !== null) rt.hb.access(rt.current!, this, this.name, true, rt.steps);
    this.#value = value;
    if (rt.trace !== null) rt.traceOp('write', this, repr(value), null);
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
