import type { PrimitiveOptions } from '../types';
export type { PrimitiveOptions } from '../types';
import { RuntimeError, TypeError } from '../errors';
import { activeRuntime, currentRuntime } from '../scheduler/context';
import type { Runtime } from '../scheduler/runtime';
import { DESCRIBE, HOLDERS, type ThreadRecord, type Waitable } from '../scheduler/thread-record';

/**
 * The base of every primitive: it belongs to one run (the one active when it was made, or the
 * first that uses it), so a primitive cannot carry state from one run into another.
 */
export abstract class RunBound implements Waitable {
  /** The key of the run this belongs to (not the Runtime: see `Runtime.key`). */
  #run: object | null = null;
  #name: string | null;
  readonly #kind: string;
  #describe: string | null = null;

  constructor(kind: string, options: PrimitiveOptions | undefined) {
    this.#kind = kind;
    const name = options?.name;
    if (name !== undefined && typeof name !== 'string')
      throw new TypeError(`${kind} name must be a string, got ${typeof name}`);
    this.#name = name ?? null;
    const rt = activeRuntime();
    if (rt !== null) this.#bind(rt);
  }

  /** The name given at construction, or `Kind-N` in the order made within its run. */
  get name(): string {
    return this.#name ?? `${this.#kind} (unnamed)`;
  }

  /** The run this primitive belongs to; `what` names the call for the error message. @internal */
  protected rt(what: string): Runtime {
    // The name of the call is built only for the error: a string per op showed in profiles.
    const rt = activeRuntime() ?? currentRuntime(`${this.#kind}.${what}`);
    if (this.#run === rt.key) {
      // Exploring strategies see every use of a primitive (for partial-order reduction).
      if (rt.strategy.touch !== undefined) rt.strategy.touch(this, what);
      return rt;
    }
    if (this.#run === null) {
      this.#bind(rt);
      if (rt.strategy.touch !== undefined) rt.strategy.touch(this, what);
      return rt;
    }
    throw new RuntimeError(
      `${this.#kind} '${this.name}' belongs to another run: a primitive keeps its state, so each run needs its own. Create it inside the main generator function (or inside a thread), not at module level.`,
    );
  }

  /** The current thread of this primitive's run. @internal */
  protected me(what: string): ThreadRecord {
    return this.rt(what).current!;
  }

  #bind(rt: Runtime): void {
    this.#run = rt.key;
    if (rt.primitives !== null) rt.primitives.push(this);
    if (this.#name === null) {
      this.#name = rt.nameFor(this.#kind);
      // The Kind-N counter is shared by all threads: the order of unnamed creations is visible.
      if (rt.strategy.touch !== undefined) rt.strategy.touch(rt, 'name');
    }
  }

  [DESCRIBE](): string {
    // Kept once the name is settled: a trace describes the primitive at every block and wake.
    if (this.#describe !== null) return this.#describe;
    const label = `${this.#kind} '${this.name}'`;
    if (this.#name !== null) this.#describe = label;
    return label;
  }

  [HOLDERS](): readonly ThreadRecord[] {
    return [];
  }
}
