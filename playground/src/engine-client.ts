import type { Reply, Request } from './worker/protocol';

/** A request the page stopped: a program that never yielded (the worker was replaced). */
export class Stopped extends Error {}

/** A request the worker refused: its message, and the line and column of a syntax error. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
    readonly column: number | null,
  ) {
    super(message);
  }
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: (runs: number, budget: number) => void;
  timer: number;
}

/**
 * The page's side of the engine worker. Every request has a watchdog: when the worker sends
 * nothing for `silenceMs` (no reply, no progress), the program is stuck in a loop that never
 * yields; the worker is terminated, the request fails with a message naming the thread and the
 * line it spins on, and the next request gets a fresh worker.
 */
export class EngineClient {
  #worker: Worker | null = null;
  #next = 1;
  readonly #pending = new Map<number, Pending>();
  #spinning: { thread: string; line: number } | null = null;

  /**
   * @param silenceMs how long a running program may send nothing before it is stopped
   * @param loadMs the same before the worker has compiled the program (it loads TypeScript first)
   */
  constructor(
    private readonly silenceMs: number,
    private readonly loadMs: number,
    private readonly onRestart: () => void = () => {},
  ) {}

  /** Sends a request; resolves with the worker's answer. */
  request<T>(request: Request, onProgress?: (runs: number, budget: number) => void): Promise<T> {
    const worker = this.#ensure();
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      const p: Pending = { resolve: resolve as (v: unknown) => void, reject, onProgress, timer: 0 };
      this.#pending.set(id, p);
      this.#arm(id, p, this.loadMs);
      worker.postMessage({ id, request });
    });
  }

  #ensure(): Worker {
    if (this.#worker !== null) return this.#worker;
    const w = new Worker(new URL('./worker/engine-worker.ts', import.meta.url), {
      type: 'module',
      name: 'interleave-engine',
    });
    w.onmessage = (e: MessageEvent<Reply>) => this.#receive(e.data);
    this.#worker = w;
    return w;
  }

  #arm(id: number, p: Pending, ms = this.silenceMs): void {
    clearTimeout(p.timer);
    p.timer = window.setTimeout(() => this.#stop(id), ms);
  }

  #receive(reply: Reply): void {
    if (reply.kind === 'spinning') {
      this.#spinning = { thread: reply.thread, line: reply.line };
      return;
    }
    // The worker answers one request at a time: while it speaks, those queued behind are not stuck.
    for (const [id, queued] of this.#pending) if (id !== reply.id) this.#arm(id, queued, this.loadMs);
    const p = this.#pending.get(reply.id);
    if (p === undefined) return;
    if (reply.kind === 'progress') {
      this.#arm(reply.id, p);
      if (reply.budget > 0) p.onProgress?.(reply.runs, reply.budget);
      return;
    }
    clearTimeout(p.timer);
    this.#pending.delete(reply.id);
    if (reply.kind === 'done') p.resolve(reply.data);
    else p.reject(new EngineError(reply.message, reply.line, reply.column));
  }

  /** Terminates the stuck worker and fails everything it had; the next request starts a new one. */
  #stop(id: number): void {
    this.#worker?.terminate();
    this.#worker = null;
    const where = this.#spinning;
    this.#spinning = null;
    const seconds = (this.silenceMs / 1000).toFixed(0);
    const who = where === null ? 'A thread' : `${where.thread} (line ${where.line})`;
    const message =
      `Stopped after ${seconds} s: ${who} never yields, so no other thread can run and the run cannot end. ` +
      'Put `yield` inside the loop (for example `while (!flag) { yield; }`) so the scheduler can switch threads.';
    for (const [pid, p] of this.#pending) {
      clearTimeout(p.timer);
      p.reject(new Stopped(pid === id ? message : 'Stopped: the engine was restarted'));
    }
    this.#pending.clear();
    this.onRestart();
  }
}
