/**
 * What the instrumented program has seen so far, and the violations found. The interpreter
 * (`interpret.ts`) updates it inside each thread's own step; the harness reads it after the run.
 */
import { time } from 'interleave-threads';
import type { Runtime } from '../../../src/scheduler/runtime';
import { BLOCKED, RUNNABLE } from '../../../src/scheduler/thread-record';
import type { Program, Timeout } from './program';

/** Everything the monitor checks while the program runs; violations are collected, not thrown. */
export class Monitor {
  rt: Runtime | null = null;
  readonly violations: string[] = [];
  /** Per lock: the thread the program believes holds it, and its recursion count. */
  holder: (string | null)[] = [];
  count: number[] = [];
  /** Per condition: its counter (changed only with the condition held). */
  condCount: number[] = [];
  /** Per semaphore: free units (a unit freed for a woken waiter stays free until it runs). */
  semFree: number[] = [];
  /** Per queue: items put (returned) and items got, and the size at the last check. */
  putItems: Set<number>[] = [];
  gotItems: Set<number>[] = [];
  attempted: Set<number>[] = [];
  lastQsize: number[] = [];
  /** Per (consumer, producer) pair on a FIFO queue: the last sequence number got. */
  lastSeq = new Map<string, number>();
  started = new Set<string>();
  finished = new Set<string>();
  /** Thread name → the blocking op it is inside (for checking deadlock reports against). */
  inside = new Map<string, string>();

  constructor(readonly program: Program) {
    this.reset();
  }

  /** Forgets the last run's state (violations stay): `explore` runs one main many times. */
  reset(): void {
    const program = this.program;
    this.rt = null;
    this.holder = program.locks.map(() => null);
    this.count = program.locks.map(() => 0);
    this.condCount = program.conds.map(() => 0);
    this.semFree = program.sems.map((s) => s.value);
    this.putItems = program.queues.map(() => new Set());
    this.gotItems = program.queues.map(() => new Set());
    this.attempted = program.queues.map(() => new Set());
    this.lastQsize = program.queues.map(() => 0);
    this.lastSeq = new Map();
    this.started = new Set();
    this.finished = new Set();
    this.inside = new Map();
  }

  fail(what: string): void {
    const rt = this.rt;
    this.violations.push(
      `${what} (at step ${rt?.steps ?? '?'}, time ${rt?.clock.now() ?? '?'}, in ${rt?.current?.name ?? '?'})`,
    );
  }

  /** How many threads are blocked on `waitable` right now. */
  blockedOn(waitable: unknown): number {
    let n = 0;
    for (const t of this.rt!.threads) if (t.state === BLOCKED && t.waitingOn === waitable) n++;
    return n;
  }

  /** How many threads are blocked inside the op `op` (such as `get Q0`), whatever they wait on. */
  blockedIn(op: string): number {
    let n = 0;
    for (const t of this.rt!.threads) if (t.state === BLOCKED && this.inside.get(t.name) === op) n++;
    return n;
  }

  /**
   * How many threads are inside one of `ops` but not blocked: woken waiters that have not yet
   * looked again (locks, semaphores and queues are not fair: a release wakes one, which retries).
   */
  wokenIn(ops: readonly string[]): number {
    let n = 0;
    for (const t of this.rt!.threads) if (t.state === RUNNABLE && ops.includes(this.inside.get(t.name) ?? '')) n++;
    return n;
  }

  /** A timed-out wait must not return before its deadline. */
  deadline(what: string, start: number, timeout: Timeout): void {
    if (timeout !== null && time() < start + timeout)
      this.fail(`${what} timed out at ${time()}, before its deadline ${start} + ${timeout}`);
  }

  /** After the run: every item got was put, and the queue holds exactly the rest. */
  endViolations(): string[] {
    const out: string[] = [];
    this.program.queues.forEach((_q, i) => {
      for (const item of this.gotItems[i]!)
        if (!this.putItems[i]!.has(item)) out.push(`Q${i}: item ${item} was got but its put never returned`);
      const left = this.putItems[i]!.size - this.gotItems[i]!.size;
      if (left !== this.lastQsize[i])
        out.push(
          `Q${i}: ${this.putItems[i]!.size} items put and ${this.gotItems[i]!.size} got, but ${this.lastQsize[i]} left in the queue`,
        );
    });
    return out;
  }
}
