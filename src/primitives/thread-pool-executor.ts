import type { ShutdownOptions, ThreadPoolExecutorOptions } from '../types';
export type { ShutdownOptions, ThreadPoolExecutorOptions } from '../types';
import { RuntimeError, TypeError, ValueError } from '../errors';
import { isGeneratorFunction, notGeneratorReason } from '../_internal/generator-function';
import { type PrimitiveOptions, RunBound } from '../_internal/run-bound';
import { activeRuntime, currentRuntime } from '../scheduler/context';
import type { Op } from '../scheduler/instruction';
import type { Runtime } from '../scheduler/runtime';
import { DONE } from '../scheduler/thread-record';
import { Future } from './future';
import { Queue } from './queue';
import { Thread } from './thread';

/**
 * Workers of a pool made without `maxWorkers`. Python uses min(32, CPU count + 4); a fixed 5
 * (what Python picks on one CPU) keeps a run the same on every host.
 */
export const DEFAULT_MAX_WORKERS = 5;

/** A call the pool runs: a generator function. */
export type PoolTask<A extends unknown[], R> = (...args: A) => Generator<unknown, R, never>;

/**
 * A pool of worker threads that run submitted calls (Python's
 * `concurrent.futures.ThreadPoolExecutor`). Workers start lazily, one per `submit` while fewer
 * than `maxWorkers` exist and none is idle. A pool nobody shut down lets its workers end once
 * the queued calls have run after main ends, as Python's exit hook does.
 *
 * @example
 * const pool = new ThreadPoolExecutor({ maxWorkers: 2 });
 * const f = pool.submit(fetch, 'a');            // a Future
 * const all = yield* pool.map(fetch, ['b', 'c']); // results in order
 * yield* pool.shutdown();
 */
export class ThreadPoolExecutor extends RunBound {
  readonly #maxWorkers: number;
  readonly #prefix: string;
  readonly #named: boolean;
  #pool: Pool | null = null;

  constructor(config: ThreadPoolExecutorOptions = {}, options?: PrimitiveOptions) {
    super('ThreadPoolExecutor', options);
    if (typeof config !== 'object' || config === null) {
      throw new TypeError(
        'ThreadPoolExecutor takes an options object: new ThreadPoolExecutor({ maxWorkers, threadNamePrefix })',
      );
    }
    const { maxWorkers = DEFAULT_MAX_WORKERS, threadNamePrefix = '' } = config;
    if (typeof maxWorkers !== 'number' || !Number.isInteger(maxWorkers))
      throw new TypeError(`maxWorkers must be a whole number of threads, got ${String(maxWorkers)}`);
    if (maxWorkers <= 0) throw new ValueError(`max_workers must be greater than 0 (got maxWorkers: ${maxWorkers})`);
    if (typeof threadNamePrefix !== 'string')
      throw new TypeError(`threadNamePrefix must be a string, got ${typeof threadNamePrefix}`);
    this.#maxWorkers = maxWorkers;
    this.#prefix = threadNamePrefix;
    this.#named = options?.name !== undefined;
    // Python numbers a pool when it is made; one made outside a run gets its number at first use.
    if (activeRuntime() !== null) this.#poolOf(this.rt('constructor'));
  }

  /** The name given, else the worker name prefix (`ThreadPoolExecutor-0`). */
  override get name(): string {
    return this.#named || this.#pool === null ? super.name : this.#pool.prefix;
  }

  /**
   * Schedules `fn(...args)` on a worker and returns its Future at once. `fn` must be a
   * generator function (TypeError); after `shutdown` this raises RuntimeError.
   */
  submit<A extends unknown[], R>(fn: PoolTask<A, R>, ...args: A): Future<R> {
    const rt = this.rt('submit');
    if (!isGeneratorFunction(fn)) throw new TypeError(notGeneratorReason('ThreadPoolExecutor.submit(fn): fn', fn));
    const pool = this.#poolOf(rt);
    if (pool.shutdown)
      throw new RuntimeError(
        `cannot schedule new futures after shutdown (${this.name} was shut down; submit before shutdown() or make a new pool)`,
      );
    if (mainEnded(rt))
      throw new RuntimeError('cannot schedule new futures after interpreter shutdown (the main thread has ended)');
    const future = new Future<R>();
    pool.queue.putNowait(new WorkItem(future as Future<unknown>, fn as PoolTask<unknown[], unknown>, args));
    this.#adjustThreadCount(rt, pool);
    return future;
  }

  /**
   * Runs `fn(item)` for every item on the pool and returns the results in the items' order.
   * If a call raises, the first such error in that order is rethrown and the calls not yet
   * started are cancelled.
   */
  *map<A, R>(fn: PoolTask<[A], R>, items: Iterable<A>): Op<R[]> {
    const rt = this.rt('map');
    if (!isGeneratorFunction(fn)) throw new TypeError(notGeneratorReason('ThreadPoolExecutor.map(fn, items): fn', fn));
    if (
      items === null ||
      items === undefined ||
      typeof (items as Partial<Iterable<A>>)[Symbol.iterator] !== 'function'
    ) {
      throw new TypeError(
        `ThreadPoolExecutor.map(fn, items): items must be iterable (an array, a Set, ...), got ${items === null ? 'null' : typeof items}`,
      );
    }
    rt.announce('map', this);
    yield;
    const futures = Array.from(items, (item) => this.submit(fn, item));
    const results: R[] = [];
    try {
      for (const f of futures) results.push(yield* f.result());
    } finally {
      // As Python's map: once a result raises, the calls that have not started are cancelled.
      for (const f of futures) f.cancel();
    }
    return results;
  }

  /**
   * Stops taking new calls. The calls already submitted still run (unless `cancelFutures`);
   * with `wait` (the default) this waits for the workers to end, else it returns at once.
   */
  *shutdown(wait = true, options: ShutdownOptions = {}): Op<void> {
    const rt = this.rt('shutdown');
    if (typeof wait !== 'boolean') throw new TypeError(`shutdown(wait) takes true or false, got ${typeof wait}`);
    const cancelFutures = options?.cancelFutures ?? false;
    if (typeof cancelFutures !== 'boolean')
      throw new TypeError(`shutdown cancelFutures must be true or false, got ${typeof cancelFutures}`);
    const pool = this.#poolOf(rt);
    rt.announce('shutdown', this);
    yield;
    pool.shutdown = true;
    if (cancelFutures) while (!pool.queue.empty()) pool.queue.getNowait()?.future.cancel();
    // Wakes a worker waiting for work; each that leaves passes the word on.
    pool.queue.putNowait(null);
    if (wait) for (const t of pool.threads) yield* t.join();
  }

  #poolOf(rt: Runtime): Pool {
    if (this.#pool !== null) return this.#pool;
    const prefix = this.#prefix || `ThreadPoolExecutor-${nextPoolNumber(rt)}`;
    const queue = new Queue<WorkItem | null>(0, { name: `${this.#named ? super.name : prefix} work queue` });
    return (this.#pool = { queue, prefix, threads: [], shutdown: false, idle: 0 });
  }

  /** Python's `_adjust_thread_count`: reuse an idle worker, else start one while under the limit. */
  #adjustThreadCount(rt: Runtime, pool: Pool): void {
    if (pool.idle > 0) {
      pool.idle--;
      return;
    }
    const n = pool.threads.length;
    if (n >= this.#maxWorkers) return;
    const t = new Thread<[Pool]>({ name: `${pool.prefix}_${n}`, target: workerLoop, args: [pool] });
    t.start();
    pool.threads.push(t);
    // Python's threading atexit hook: at main's end, tell the workers to leave once the queue is drained.
    if (n === 0) (rt.atExit ??= []).push(() => pool.threads.forEach(() => pool.queue.putNowait(null)));
  }
}

/** What a pool shares with its worker threads. */
interface Pool {
  readonly queue: Queue<WorkItem | null>;
  readonly prefix: string;
  readonly threads: Thread<[Pool]>[];
  shutdown: boolean;
  /** Workers that finished a call and have not been counted on by a submit since (Python's idle semaphore). */
  idle: number;
}

/** One submitted call and the future it completes. */
class WorkItem {
  constructor(
    readonly future: Future<unknown>,
    readonly fn: PoolTask<unknown[], unknown>,
    readonly args: unknown[],
  ) {}

  *run(): Generator<unknown, void, never> {
    if (!this.future.setRunningOrNotifyCancel()) return;
    let value: unknown;
    try {
      value = yield* this.fn(...this.args);
    } catch (error) {
      // The error belongs to the future: result() rethrows it; the excepthook never sees it.
      this.future.setException(error);
      return;
    }
    this.future.setResult(value);
  }
}

/** A worker thread: runs calls until a `null` arrives after shutdown or main's end. */
function* workerLoop(pool: Pool): Generator<unknown, void, never> {
  for (;;) {
    const item = yield* pool.queue.get();
    if (item !== null) {
      yield* item.run();
      pool.idle++;
      continue;
    }
    if (pool.shutdown || mainEnded(currentRuntime('ThreadPoolExecutor worker'))) {
      pool.shutdown = true;
      pool.queue.putNowait(null);
      return;
    }
  }
}

function mainEnded(rt: Runtime): boolean {
  return rt.threads[0]!.state === DONE;
}

/** Pools without a prefix are numbered from 0 in each run, as Python's class counter does per process. */
function nextPoolNumber(rt: Runtime): number {
  const key = 'ThreadPoolExecutor prefix';
  return Number(rt.nameFor(key).slice(key.length + 1)) - 1;
}
