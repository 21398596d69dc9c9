import type { ThreadOptions } from '../types';
export type { ThreadOptions, ThreadTarget } from '../types';
import { RuntimeError, TypeError, ValueError } from '../errors';
import { isGeneratorFunction, notGeneratorReason } from '../_internal/generator-function';
import { activeRuntime, currentRuntime } from '../scheduler/context';
import { BLOCK, type Op, type ThreadGenerator } from '../scheduler/instruction';
import type { Runtime } from '../scheduler/runtime';
import { DESCRIBE, DONE, HOLDERS, NEW, type ThreadRecord, type Waitable } from '../scheduler/thread-record';
import { WaitQueue } from '../scheduler/wait-queue';
import { WAITS_FOR, WOULD_BLOCK } from '../_internal/would-block';

/** A target with its argument types erased (checked at construction). */
type AnyTarget = (...args: readonly unknown[]) => Generator<unknown, unknown, unknown>;

/** The scheduler record behind a Thread; a symbol keeps it off the public surface. */
export const RECORD: unique symbol = Symbol('interleave.thread');

/**
 * A thread of control, like Python's `threading.Thread`: pass a `target` generator function, or
 * subclass and override `*run()`. `start()` makes it runnable; `yield* t.join()` waits for it.
 *
 * @example
 * const t = new Thread({ target: worker, args: [1], name: 'w1' });
 * t.start();
 * const ended: boolean = yield* t.join(2);
 */
export class Thread<A extends unknown[] = unknown[]> {
  /** @internal */
  readonly [RECORD]: ThreadRecord;
  /** The key of its run (not the Runtime, so a Thread kept after the run keeps nothing of it). */
  readonly #run: object;
  // Stored without the argument types, so that Thread<[number]> is still a Thread: a learner's
  // `const ts: Thread[] = []; ts.push(new Thread({ target: f, args: [1] }))` must compile.
  #target: AnyTarget | undefined;
  #args: readonly unknown[];
  #joinWait: Waitable | null = null;

  constructor(options: ThreadOptions<A> = {}) {
    const rt = currentRuntime('new Thread()');
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('Thread takes an options object: new Thread({ target, args, name, daemon })');
    }
    const { target, args, name, daemon } = options;
    if (target !== undefined && !isGeneratorFunction(target))
      throw new TypeError(notGeneratorReason('Thread target', target));
    if (args !== undefined && !Array.isArray(args))
      throw new TypeError('Thread args must be an array of arguments for target');
    if (name !== undefined && typeof name !== 'string')
      throw new TypeError(`Thread name must be a string, got ${typeof name}`);
    if (daemon !== undefined && typeof daemon !== 'boolean')
      throw new TypeError(`Thread daemon must be true or false, got ${typeof daemon}`);
    this.#run = rt.key;
    this.#target = target as AnyTarget | undefined;
    this.#args = args ?? [];
    // The face of a thread the engine started itself (main): see `threadOf`.
    const adopted = (options as AdoptOptions)[ADOPT];
    this[RECORD] = adopted ?? rt.newThread(this, name || null, daemon ?? rt.current?.daemon ?? false);
    if (adopted !== undefined) adopted.owner = this;
  }

  /** Makes the thread runnable. The caller goes on; calling it twice raises RuntimeError. */
  start(): void {
    const rt = this.#own('start');
    const rec = this[RECORD];
    if (rec.state !== NEW) throw new RuntimeError('threads can only be started once');
    const run = this.run as unknown;
    if (run === Thread.prototype.run) {
      rt.start(rec, this.#targetGenerator());
      return;
    }
    if (!isGeneratorFunction(run)) throw new TypeError(notGeneratorReason(`${this.constructor.name}.run`, run));
    rt.start(rec, (run as () => ThreadGenerator).call(this));
  }

  /**
   * The default `run()` only delegates to the target with `yield*`: a second generator resumed
   * on every step of the thread, a large share of the step loop's work. Starting the
   * target's own generator skips that layer; a generator runs no code before its first step,
   * so the thread behaves the same.
   */
  #targetGenerator(): ThreadGenerator {
    const target = this.#target;
    const args = this.#args;
    // Python drops the references once run, so arguments can be collected.
    this.#target = undefined;
    this.#args = NO_ARGS;
    if (target === undefined) return nothing();
    try {
      return target(...args) as ThreadGenerator;
    } catch (error) {
      // Calling a generator function evaluates its parameter defaults: an error there belongs to
      // the thread's first step, as it would under run().
      return raise(error);
    }
  }

  /** The thread's activity; by default it runs `target(...args)`. Override it in a subclass. */
  *run(): Generator<unknown, unknown, unknown> {
    const target = this.#target;
    // Python drops the references once run, so arguments can be collected.
    this.#target = undefined;
    return target === undefined ? undefined : yield* target(...this.#args);
  }

  /**
   * Waits until the thread ends, or for `timeout` virtual seconds; true when it has ended.
   * Joining a thread not yet started, or the current thread, raises RuntimeError.
   */
  *join(timeout?: number | null): Op<boolean> {
    const rt = this.#own('join');
    const me = rt.current!;
    const rec = this[RECORD];
    if (rec.state === NEW) throw new RuntimeError('cannot join thread before it is started');
    if (rec === me) throw new RuntimeError('cannot join current thread');
    if (timeout !== undefined && timeout !== null && (typeof timeout !== 'number' || Number.isNaN(timeout))) {
      throw new ValueError(`join timeout must be a number of seconds, got ${String(timeout)}`);
    }
    // Python clamps a negative join timeout to 0.
    const limit = timeout === undefined || timeout === null ? Infinity : Math.max(0, timeout);
    me.opWaits = limit === Infinity;
    rt.announce('join', this.#joinWaitable());
    yield;
    // Whether the thread has ended depends on the order with its last step (for exploration).
    if (rt.strategy.touch !== undefined) rt.strategy.touch(rec, 'join');
    if (rec.state !== DONE && limit > 0) {
      rt.block(me, this.#joinWaitable(), (rec.joiners ??= new WaitQueue()), limit);
      yield BLOCK;
    }
    if (rt.trace !== null) rt.traceOp('join', this.#joinWaitable(), null, rec.state === DONE);
    if (rec.state !== DONE) return false;
    rt.hb?.join(me, rec);
    return true;
  }

  /** True from `start()` until the thread's code has ended. */
  isAlive(): boolean {
    const s = this[RECORD].state;
    return s !== NEW && s !== DONE;
  }

  /** The thread's name (writable). */
  get name(): string {
    return this[RECORD].name;
  }

  set name(value: string) {
    if (typeof value !== 'string') throw new TypeError(`Thread name must be a string, got ${typeof value}`);
    this[RECORD].name = value;
  }

  /** A number identifying the thread within its run, or null before `start()`. */
  get ident(): number | null {
    return this[RECORD].state === NEW ? null : this[RECORD].id + 1;
  }

  /** Whether the thread is a daemon; settable only before `start()`. */
  get daemon(): boolean {
    return this[RECORD].daemon;
  }

  set daemon(value: boolean) {
    if (typeof value !== 'boolean') throw new TypeError(`Thread daemon must be true or false, got ${typeof value}`);
    if (this[RECORD].state !== NEW) throw new RuntimeError('cannot set daemon status of active thread');
    this[RECORD].daemon = value;
  }

  /** `<Thread(name, started)>` as Python prints it. */
  toString(): string {
    const s = this[RECORD].state;
    const status = s === NEW ? 'initial' : s === DONE ? 'stopped' : 'started';
    return `<${this.constructor.name}(${this.name}, ${status}${this.daemon ? ' daemon' : ''})>`;
  }

  /** The run this thread belongs to; threads cannot cross runs. */
  #own(what: string): Runtime {
    // The name of the call is built only for the error (a string per start and join showed in allocation profiles).
    const rt = activeRuntime() ?? currentRuntime(`Thread.${what}()`);
    if (rt.key !== this.#run)
      throw new RuntimeError(`thread '${this.name}' belongs to another run; create threads inside the program you run`);
    return rt;
  }

  #joinWaitable(): Waitable {
    return (this.#joinWait ??= new JoinWait(this[RECORD]));
  }
}

/**
 * What a joining thread waits for: the joined thread's end. A class, not an object literal with
 * computed symbol keys and arrow functions: a class gives every join wait one shape, and V8's
 * inline caches stay fast on it (the literal showed in a small program's profile).
 */
class JoinWait implements Waitable {
  constructor(readonly thread: ThreadRecord) {}

  /** An untimed join would wait now. */
  [WOULD_BLOCK](): boolean {
    return this.thread.state !== DONE;
  }

  /** Its end is what a join waits for. */
  [WAITS_FOR](): object {
    return this.thread;
  }

  [DESCRIBE](): string {
    return `${this.thread.name} to end (join)`;
  }

  [HOLDERS](): readonly ThreadRecord[] {
    return [this.thread];
  }
}

/** The Thread object of the thread running now (Python's `threading.current_thread()`). */
export function currentThread(): Thread {
  return threadOf(currentRuntime('currentThread()').current!);
}

/** The main thread of this run (`MainThread`). */
export function mainThread(): Thread {
  return threadOf(currentRuntime('mainThread()').threads[0]!);
}

/** The options key that makes a Thread for a record the engine made (only main's). */
const ADOPT: unique symbol = Symbol('interleave.adopt');

type AdoptOptions = { [ADOPT]?: ThreadRecord };

/**
 * A record's public Thread. The engine starts main without the public API (which sits above it),
 * so main's Thread is made here on first ask; every other record got its Thread when made.
 */
function threadOf(rec: ThreadRecord): Thread {
  return (rec.owner ?? new Thread({ [ADOPT]: rec } as ThreadOptions)) as Thread;
}

/** Threads started and not yet ended, main included, in the order they were made. */
export function enumerate(): Thread[] {
  const rt = currentRuntime('enumerate()');
  if (rt.strategy.touch !== undefined) rt.strategy.touch(rt, 'threads');
  return rt.alive().map(threadOf);
}

/** How many threads are alive (`len(enumerate())`). */
export function activeCount(): number {
  const rt = currentRuntime('activeCount()');
  if (rt.strategy.touch !== undefined) rt.strategy.touch(rt, 'threads');
  return rt.alive().length;
}

const NO_ARGS: readonly unknown[] = [];

function* nothing(): ThreadGenerator {
  return undefined;
}

function* raise(error: unknown): ThreadGenerator {
  throw error;
}
