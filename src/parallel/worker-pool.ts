import { once } from 'node:events';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Worker threads kept between calls of `exploreParallel`: starting one costs tens of
 * milliseconds (and its JIT starts cold), so a process that explores often keeps them. An idle
 * worker is unref'd, so it never keeps the process alive; a busy one is ref'd until it answers.
 * This is coordination outside any run, the one place with state across calls.
 */
export class WorkerPool {
  readonly #idle: Worker[] = [];
  /** Wall-clock milliseconds the last worker took from its construction to saying it was ready. */
  startupMs: number | null = null;
  /** Workers constructed so far, over the pool's life (tests see whether a call started any). */
  started = 0;

  /** How many workers are idle (or starting, after prestart). */
  get warm(): number {
    return this.#idle.length;
  }

  /** The thread ids of the idle workers (tests see which workers a call used). */
  get idleThreadIds(): number[] {
    return this.#idle.map((w) => w.threadId);
  }

  /** An idle worker (one still starting, perhaps), or a new one. */
  take(): Worker {
    const worker = this.#idle.pop() ?? this.#start();
    worker.ref();
    return worker;
  }

  /**
   * Starts workers until `count` are idle or starting, so that they start while the caller
   * prepares their tasks (loading and compiling the program, calibrating PCT).
   */
  prestart(count: number): void {
    while (this.#idle.length < count) {
      const worker = this.#start();
      worker.unref();
      this.#idle.push(worker);
    }
  }

  /** Gives a worker back after a task it finished. */
  give(worker: Worker): void {
    worker.removeAllListeners('message');
    worker.removeAllListeners('error');
    worker.on('error', ignore);
    worker.unref();
    this.#idle.push(worker);
  }

  /** Ends every idle worker (tests, and programs that want to exit at once). */
  async close(): Promise<void> {
    const all = this.#idle.splice(0);
    await Promise.all(
      all.map(async (w) => {
        const exited = once(w, 'exit');
        await w.terminate();
        await exited.catch(() => undefined);
      }),
    );
  }

  #start(): Worker {
    const entry = path.join(__dirname, `explore-worker${path.extname(__filename)}`);
    // From the TypeScript sources (tests, tsx), the worker compiles itself with tsx too.
    const execArgv = entry.endsWith('.ts') ? ['--require', require.resolve('tsx/cjs')] : [];
    const started = performance.now();
    const worker = new Worker(entry, { workerData: { pooled: true }, execArgv });
    this.started++;
    // Its first message says it is ready: how long a start takes, for the break-even.
    worker.once('message', () => {
      this.startupMs = performance.now() - started;
    });
    // An idle worker that fails is not an error of any call: its exit takes it out of the pool.
    worker.on('error', ignore);
    // A worker that dies is not given back; one that exits while idle leaves the pool.
    worker.once('exit', () => this.#drop(worker));
    return worker;
  }

  #drop(worker: Worker): void {
    const at = this.#idle.indexOf(worker);
    if (at >= 0) this.#idle.splice(at, 1);
  }
}

function ignore(): void {}

/** The one pool of this JavaScript thread, shared by every call of `exploreParallel`. */
export const workerPool = new WorkerPool();
