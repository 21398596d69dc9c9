/**
 * Turns a generated `Program` into a real interleave program whose every operation is checked
 * by a `Monitor` as it happens. Everything the monitor records runs inside the thread's own
 * step (between two switch points), so what it sees is exactly the state at that step.
 *
 * The instrumentation peeks at the runtime (thread records, what each waits on) through the
 * scheduler's internals: this suite tests the runtime itself, white-box where that is sharper.
 */
import * as il from 'interleave-threads';
import { Event, Lock, RLock, Thread, print, shared, sleep, time, type Op as IlOp } from 'interleave-threads';
import { activeRuntime } from '../../../src/scheduler/context';
import type { Runtime } from '../../../src/scheduler/runtime';
import { BLOCKED } from '../../../src/scheduler/thread-record';
import { type Op, type Program, type Timeout, barrierName, cellName, condName, eventName, lockName, queueName, semName, threadName } from './program';

/* Primitives other engineers are adding: looked up by name so the grammar grows as they land. */
type Ctor = new (...args: never[]) => unknown;
const exported = il as unknown as Record<string, Ctor | undefined>;
export const available = {
  Condition: exported.Condition !== undefined,
  Semaphore: exported.Semaphore !== undefined && exported.BoundedSemaphore !== undefined,
  Queue: exported.Queue !== undefined && exported.LifoQueue !== undefined && exported.PriorityQueue !== undefined,
  Barrier: exported.Barrier !== undefined,
};

interface LockLike {
  acquire(o?: { blocking?: boolean; timeout?: number }): IlOp<boolean>;
  release(): void;
}
interface ConditionLike {
  acquire(): IlOp<boolean>;
  release(): void;
  waitFor(pred: () => boolean, timeout?: number | null): IlOp<unknown>;
  notify(n?: number): void;
  notifyAll(): void;
}
interface SemaphoreLike {
  acquire(o?: { blocking?: boolean; timeout?: number }): IlOp<boolean>;
  release(n?: number): void;
}
interface QueueLike {
  put(item: unknown, o?: { block?: boolean; timeout?: number | null }): IlOp<void>;
  get(o?: { block?: boolean; timeout?: number | null }): IlOp<unknown>;
  qsize(): number;
  full(): boolean;
}
interface BarrierLike {
  wait(timeout?: number | null): IlOp<number>;
  readonly broken: boolean;
  readonly nWaiting: number;
  readonly parties: number;
}

/** A semaphore's free units, as its Python-like repr shows them (`value=2` or `value=2/3`). */
const semValue = (s: unknown): number => Number(/value=(\d+)/.exec(String(s))?.[1] ?? NaN);

const make = <T>(name: string, ...args: unknown[]): T => new (exported[name] as unknown as new (...a: unknown[]) => T)(...args);

/** Everything the monitor checks while the program runs; violations are collected, not thrown. */
export class Monitor {
  rt: Runtime | null = null;
  readonly violations: string[] = [];
  /** Per lock: the thread the program believes holds it, and its recursion count. */
  holder: (string | null)[] = [];
  count: number[] = [];
  /** Per condition: its counter (changed only with the condition held). */
  condCount: number[] = [];
  /** Per semaphore: free units (a unit handed to a waiter is not free: it is the waiter's). */
  semFree: number[] = [];
  /** Per semaphore: threads a release handed a unit to, whose acquire has not returned yet. */
  handed: Set<string>[] = [];
  /** Per queue: items put (returned) and items got. */
  putItems: Set<number>[] = [];
  gotItems: Set<number>[] = [];
  attempted: Set<number>[] = [];
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
    this.handed = program.sems.map(() => new Set());
    this.putItems = program.queues.map(() => new Set());
    this.gotItems = program.queues.map(() => new Set());
    this.attempted = program.queues.map(() => new Set());
    this.lastSeq = new Map();
    this.started = new Set();
    this.finished = new Set();
    this.inside = new Map();
  }

  fail(what: string): void {
    const rt = this.rt;
    this.violations.push(`${what} (at step ${rt?.steps ?? '?'}, time ${rt?.clock.now() ?? '?'}, in ${rt?.current?.name ?? '?'})`);
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

  /** A timed-out wait must not return before its deadline. */
  deadline(what: string, start: number, timeout: Timeout): void {
    if (timeout !== null && time() < start + timeout) this.fail(`${what} timed out at ${time()}, before its deadline ${start} + ${timeout}`);
  }
}

/** Builds the main generator function of `p`, reporting to `mon`. */
export function buildMain(p: Program, mon: Monitor): () => Generator<unknown, void, never> {
  return function* main(): Generator<unknown, void, never> {
    mon.reset();
    mon.rt = activeRuntime();
    const locks: LockLike[] = p.locks.map((k, i) => (k === 'Lock' ? new Lock({ name: lockName(i) }) : new RLock({ name: lockName(i) })));
    const events = Array.from({ length: p.events }, (_, i) => new Event({ name: eventName(i) }));
    const cells = Array.from({ length: p.cells }, (_, i) => shared(0, cellName(i)));
    const conds = p.conds.map((c, i) => (c.lock === null ? make<ConditionLike>('Condition', undefined, { name: condName(i) }) : make<ConditionLike>('Condition', locks[c.lock], { name: condName(i) })));
    const sems = p.sems.map((s, i) => make<SemaphoreLike>(s.bounded ? 'BoundedSemaphore' : 'Semaphore', s.value, { name: semName(i) }));
    const queues = p.queues.map((q, i) => make<QueueLike>(q.kind, q.maxsize, { name: queueName(i) }));
    const barriers = p.barriers.map((b, i) => make<BarrierLike>('Barrier', b.parties, undefined, undefined, { name: barrierName(i) }));
    const threads: Thread[] = [];
    const seq = new Map<string, number>();

    /** Lost wake-ups: nobody may stay blocked on something that is available now. */
    const audit = (): void => {
      p.locks.forEach((k, i) => {
        const free = k === 'Lock' ? !(locks[i] as il.Lock).locked() : String(locks[i]).includes('unlocked');
        if (free && mon.blockedOn(locks[i]) > 0) mon.fail(`${lockName(i)} is free but ${mon.blockedOn(locks[i])} thread(s) still wait for it`);
      });
      events.forEach((e, i) => {
        if (e.isSet() && mon.blockedOn(e) > 0) mon.fail(`${eventName(i)} is set but ${mon.blockedOn(e)} thread(s) still wait on it`);
      });
      queues.forEach((q, i) => {
        const n = q.qsize();
        const max = p.queues[i]!.maxsize;
        if (n < 0 || (max > 0 && n > max)) mon.fail(`${queueName(i)} has ${n} items (maxsize ${max})`);
        if (n > 0 && mon.blockedIn(`get ${queueName(i)}`) > 0) mon.fail(`${queueName(i)} holds ${n} item(s) but a get still waits`);
        if (!q.full() && mon.blockedIn(`put ${queueName(i)}`) > 0) mon.fail(`${queueName(i)} has room but a put still waits`);
      });
      barriers.forEach((b, i) => {
        if (b.broken && mon.blockedIn(`wait ${barrierName(i)}`) > 0) mon.fail(`${barrierName(i)} is broken but threads still wait on it`);
        if (!b.broken && b.nWaiting >= b.parties) mon.fail(`${barrierName(i)} has ${b.nWaiting} waiting of ${b.parties} parties`);
      });
      p.sems.forEach((s, i) => {
        if (mon.semFree[i]! < 0) mon.fail(`${semName(i)} went below zero (${mon.semFree[i]})`);
        if (s.bounded && mon.semFree[i]! > s.value) mon.fail(`${semName(i)} went above its start value ${s.value}`);
      });
    };

    const took = (i: number, me: string): void => {
      const h = mon.holder[i];
      if (h !== null && h !== me) mon.fail(`${me} acquired ${lockName(i)} while ${h} holds it`);
      if (h === me && p.locks[i] === 'Lock') mon.fail(`${me} acquired Lock ${lockName(i)} twice`);
      if (p.locks[i] === 'Lock' && !(locks[i] as il.Lock).locked()) mon.fail(`${me} acquired ${lockName(i)} but it is not locked`);
      mon.holder[i] = me;
      mon.count[i]!++;
      if (p.locks[i] === 'RLock' && !String(locks[i]).includes(`owner=${me} count=${mon.count[i]}`)) mon.fail(`RLock ${lockName(i)} shows ${String(locks[i])}, expected owner ${me} count ${mon.count[i]}`);
    };
    const dropping = (i: number, me: string): void => {
      if (mon.holder[i] !== me || mon.count[i]! <= 0) mon.fail(`${me} releases ${lockName(i)} that it does not hold (holder ${mon.holder[i]})`);
      if (--mon.count[i]! === 0) mon.holder[i] = null;
    };
    /** A release of a bounded semaphore raises, and changes nothing, exactly when it would go above the start value. */
    const semRelease = (i: number): void => {
      const spec = p.sems[i]!;
      // A unit released while threads wait goes straight to the longest waiter (hand-off), so
      // it is never free; the bound is on free units, as Python's is on its counter.
      const waiting = mon.rt!.threads.filter((t) => t.state === BLOCKED && t.waitingOn === (sems[i] as unknown));
      const over = spec.bounded && mon.semFree[i]! + 1 > spec.value;
      try {
        sems[i]!.release();
      } catch (e) {
        if (over && e instanceof il.ValueError) return;
        throw e;
      }
      if (over) mon.fail(`BoundedSemaphore ${semName(i)} accepted a release above its start value ${spec.value}`);
      const got = waiting.filter((t) => t.state !== BLOCKED);
      if (got.length !== Math.min(1, waiting.length)) mon.fail(`${semName(i)}.release() woke ${got.length} of ${waiting.length} waiters`);
      if (got.length > 0) mon.handed[i]!.add(got[0]!.name);
      else mon.semFree[i]!++;
      if (semValue(sems[i]) !== mon.semFree[i]) mon.fail(`${String(sems[i])} but the program counts ${mon.semFree[i]} free units`);
    };
    /** The lock a condition wraps, as an index into `locks`, or -1 for its own RLock. */
    const condLock = (c: number): number => p.conds[c]!.lock ?? -1;

    function* blocking<T>(me: string, what: string, op: IlOp<T>): IlOp<T> {
      mon.inside.set(me, what);
      try {
        return yield* op;
      } finally {
        mon.inside.delete(me);
      }
    }

    function* exec(ops: Op[], me: string): Generator<unknown, void, never> {
      for (const op of ops) {
        yield* one(op, me);
        audit();
      }
    }

    function* one(op: Op, me: string): Generator<unknown, void, never> {
      const start = time();
      switch (op.k) {
        case 'step':
          yield;
          return;
        case 'sleep': {
          yield* blocking(me, 'sleep', sleep(op.s));
          if (time() < start + op.s) mon.fail(`sleep(${op.s}) returned at ${time()}, before ${start + op.s}`);
          return;
        }
        case 'print':
          yield* print(me, op.text);
          return;
        case 'read':
          yield* cells[op.cell]!.read();
          return;
        case 'write':
          yield* cells[op.cell]!.write(op.v);
          return;
        case 'incr':
          yield* cells[op.cell]!.update((n) => n + 1);
          return;
        case 'with': {
          const opts = op.blocking ? (op.timeout === null ? undefined : { timeout: op.timeout }) : { blocking: false };
          const ok = yield* blocking(me, `acquire ${lockName(op.lock)}`, locks[op.lock]!.acquire(opts));
          if (!ok) {
            mon.deadline(`acquire ${lockName(op.lock)}`, start, op.blocking ? op.timeout : 0);
            return;
          }
          took(op.lock, me);
          yield* exec(op.body, me);
          dropping(op.lock, me);
          locks[op.lock]!.release();
          return;
        }
        case 'set': {
          events[op.ev]!.set();
          if (mon.blockedOn(events[op.ev]) > 0) mon.fail(`${eventName(op.ev)}.set() left waiters blocked`);
          return;
        }
        case 'clear':
          events[op.ev]!.clear();
          return;
        case 'wait': {
          const ok = yield* blocking(me, `wait ${eventName(op.ev)}`, events[op.ev]!.wait(op.timeout));
          if (!ok) mon.deadline(`${eventName(op.ev)}.wait`, start, op.timeout);
          return;
        }
        case 'cwait': {
          const c = conds[op.cond]!;
          const li = condLock(op.cond);
          yield* blocking(me, `acquire ${condName(op.cond)}`, c.acquire());
          if (li >= 0) took(li, me);
          // waitFor releases every level of the lock while it waits, and takes them all back.
          const saved = li >= 0 ? mon.count[li]! : 0;
          if (li >= 0) {
            mon.holder[li] = null;
            mon.count[li] = 0;
          }
          const ok = yield* blocking(me, `wait ${condName(op.cond)}`, c.waitFor(() => mon.condCount[op.cond]! >= op.atLeast, op.timeout));
          if (li >= 0) {
            if (mon.holder[li] !== null) mon.fail(`${me} came back from ${condName(op.cond)}.wait while ${mon.holder[li]} holds ${lockName(li)}`);
            mon.holder[li] = me;
            mon.count[li] = saved;
          }
          if (ok !== true && ok !== false) mon.fail(`waitFor returned ${String(ok)}, not the predicate's value`);
          if (ok === true && mon.condCount[op.cond]! < op.atLeast) mon.fail(`waitFor returned true but the count is ${mon.condCount[op.cond]}`);
          if (ok === false) mon.deadline(`${condName(op.cond)}.waitFor`, start, op.timeout);
          if (li >= 0) dropping(li, me);
          c.release();
          return;
        }
        case 'cbump': {
          const c = conds[op.cond]!;
          const li = condLock(op.cond);
          yield* blocking(me, `acquire ${condName(op.cond)}`, c.acquire());
          if (li >= 0) took(li, me);
          mon.condCount[op.cond]!++;
          const before = mon.blockedOn(c);
          if (op.n === 0) c.notifyAll();
          else c.notify(op.n);
          const expected = op.n === 0 ? 0 : Math.max(0, before - op.n);
          if (mon.blockedOn(c) !== expected) mon.fail(`${condName(op.cond)}.notify(${op.n || 'all'}) left ${mon.blockedOn(c)} of ${before} waiters blocked, expected ${expected}`);
          if (li >= 0) dropping(li, me);
          c.release();
          return;
        }
        case 'sem': {
          const s = sems[op.sem]!;
          const ok = yield* blocking(me, `acquire ${semName(op.sem)}`, s.acquire(op.timeout === null ? undefined : { timeout: op.timeout }));
          if (!ok) {
            mon.deadline(`acquire ${semName(op.sem)}`, start, op.timeout);
            return;
          }
          if (!mon.handed[op.sem]!.delete(me)) mon.semFree[op.sem]!--;
          if (mon.semFree[op.sem]! < 0) mon.fail(`${me} took a unit of ${semName(op.sem)} that was not there`);
          if (semValue(s) !== mon.semFree[op.sem]) mon.fail(`${String(s)} but the program counts ${mon.semFree[op.sem]} free units`);
          yield* exec(op.body, me);
          semRelease(op.sem);
          return;
        }
        case 'semFree':
          semRelease(op.sem);
          return;
        case 'put': {
          const n = (seq.get(me) ?? 0) + 1;
          seq.set(me, n);
          const item = op.item * 10000 + Number(me.replace(/\D/g, '') || 0) * 100 + n;
          mon.attempted[op.q]!.add(item);
          try {
            const opts = op.block ? { timeout: op.timeout } : { block: false };
            yield* blocking(me, `put ${queueName(op.q)}`, queues[op.q]!.put(item, opts));
            mon.putItems[op.q]!.add(item);
          } catch (e) {
            if (!(e instanceof il.QueueFull)) throw e;
            if (op.block) mon.deadline(`${queueName(op.q)}.put`, start, op.timeout);
          }
          return;
        }
        case 'get': {
          try {
            const opts = op.block ? { timeout: op.timeout } : { block: false };
            const item = (yield* blocking(me, `get ${queueName(op.q)}`, queues[op.q]!.get(opts))) as number;
            if (!mon.attempted[op.q]!.has(item)) mon.fail(`${queueName(op.q)}.get returned ${item}, which nobody put`);
            if (mon.gotItems[op.q]!.has(item)) mon.fail(`${queueName(op.q)}.get returned ${item} a second time`);
            mon.gotItems[op.q]!.add(item);
            if (p.queues[op.q]!.kind === 'Queue') {
              const key = `${op.q}:${me}:${Math.floor(item / 100) % 100}`;
              const last = mon.lastSeq.get(key) ?? 0;
              if (item % 100 <= last) mon.fail(`${queueName(op.q)} is not FIFO: ${me} got ${item} after a later item of the same producer`);
              mon.lastSeq.set(key, item % 100);
            }
          } catch (e) {
            if (!(e instanceof il.QueueEmpty)) throw e;
            if (op.block) mon.deadline(`${queueName(op.q)}.get`, start, op.timeout);
          }
          return;
        }
        case 'barrier': {
          const b = barriers[op.b]!;
          try {
            const index = yield* blocking(me, `wait ${barrierName(op.b)}`, b.wait(op.timeout));
            if (!Number.isInteger(index) || index < 0 || index >= b.parties) mon.fail(`${barrierName(op.b)}.wait returned index ${index}`);
          } catch (e) {
            if (!(e instanceof il.BrokenBarrierError)) throw e;
          }
          return;
        }
        case 'start': {
          threads[op.thread]!.start();
          mon.started.add(threadName(op.thread));
          return;
        }
        case 'join': {
          const t = threads[op.thread]!;
          const ok = yield* blocking(me, `join ${threadName(op.thread)}`, t.join(op.timeout));
          if (ok !== !t.isAlive()) mon.fail(`join(${threadName(op.thread)}) returned ${ok} but isAlive() is ${t.isAlive()}`);
          if (ok && !mon.finished.has(threadName(op.thread))) mon.fail(`join(${threadName(op.thread)}) returned before its script finished`);
          if (!ok) mon.deadline(`join ${threadName(op.thread)}`, start, op.timeout);
          return;
        }
      }
    }

    p.threads.forEach((ops, i) => {
      const name = threadName(i);
      threads.push(
        new Thread({
          name,
          target: function* (): Generator<unknown, void, never> {
            yield* exec(ops, name);
            mon.finished.add(name);
          },
        }),
      );
    });
    yield* exec(p.main, 'MainThread');
    mon.finished.add('MainThread');
  };
}
