/**
 * Turns a generated `Program` into a real interleave program whose every operation is checked
 * by a `Monitor` as it happens. Everything the monitor records runs inside the thread's own
 * step (between two switch points), so what it sees is exactly the state at that step.
 *
 * The instrumentation peeks at the runtime (thread records, what each waits on) through the
 * scheduler's internals: this suite tests the runtime itself, white-box where that is sharper.
 */
import {
  Barrier,
  BoundedSemaphore,
  BrokenBarrierError,
  Condition,
  Event,
  LifoQueue,
  Lock,
  PriorityQueue,
  Queue,
  QueueEmpty,
  QueueFull,
  RLock,
  Semaphore,
  Thread,
  ValueError,
  print,
  shared,
  sleep,
  time,
  type Op as IlOp,
} from 'interleave-threads';
import { activeRuntime } from '../../../src/scheduler/context';
import { BLOCKED } from '../../../src/scheduler/thread-record';
import type { Monitor } from './monitor';
import {
  type Op,
  type Program,
  barrierName,
  cellName,
  condName,
  eventName,
  lockName,
  queueName,
  semName,
  threadName,
} from './program';

/** A semaphore's free units, as its Python-like repr shows them (`value=2` or `value=2/3`). */
const semValue = (s: unknown): number => Number(/value=(\d+)/.exec(String(s))?.[1] ?? NaN);

const QUEUES = { Queue, LifoQueue, PriorityQueue };

/** Builds the main generator function of `p`, reporting to `mon`. */
export function buildMain(p: Program, mon: Monitor): () => Generator<unknown, void, never> {
  return function* main(): Generator<unknown, void, never> {
    mon.reset();
    mon.rt = activeRuntime();
    const locks: (Lock | RLock)[] = p.locks.map((k, i) =>
      k === 'Lock' ? new Lock({ name: lockName(i) }) : new RLock({ name: lockName(i) }),
    );
    const events = Array.from({ length: p.events }, (_, i) => new Event({ name: eventName(i) }));
    const cells = Array.from({ length: p.cells }, (_, i) => shared(0, cellName(i)));
    const conds = p.conds.map((c, i) => new Condition(c.lock === null ? null : locks[c.lock]!, { name: condName(i) }));
    const sems = p.sems.map((s, i) =>
      s.bounded ? new BoundedSemaphore(s.value, { name: semName(i) }) : new Semaphore(s.value, { name: semName(i) }),
    );
    const queues: Queue<number>[] = p.queues.map(
      (q, i) => new QUEUES[q.kind]<number>(q.maxsize, { name: queueName(i) }),
    );
    const barriers = p.barriers.map((b, i) => new Barrier(b.parties, { name: barrierName(i) }));
    const threads: Thread[] = [];
    const seq = new Map<string, number>();

    /** Lost wake-ups: nobody may stay blocked on something that is available now. */
    const audit = (): void => {
      p.locks.forEach((k, i) => {
        const free = k === 'Lock' ? !(locks[i] as Lock).locked() : String(locks[i]).includes('unlocked');
        // A release wakes one waiter, which takes the lock when it runs: until then it is free.
        const acquirers = [
          `acquire ${lockName(i)}`,
          ...p.conds.flatMap((c, j) => (c.lock === i ? [`acquire ${condName(j)}`, `wait ${condName(j)}`] : [])),
        ];
        if (free && mon.blockedOn(locks[i]) > 0 && mon.wokenIn(acquirers) === 0)
          mon.fail(`${lockName(i)} is free but ${mon.blockedOn(locks[i])} thread(s) still wait for it`);
      });
      events.forEach((e, i) => {
        if (e.isSet() && mon.blockedOn(e) > 0)
          mon.fail(`${eventName(i)} is set but ${mon.blockedOn(e)} thread(s) still wait on it`);
      });
      queues.forEach((q, i) => {
        const n = q.qsize();
        mon.lastQsize[i] = n;
        const max = p.queues[i]!.maxsize;
        if (n < 0 || (max > 0 && n > max)) mon.fail(`${queueName(i)} has ${n} items (maxsize ${max})`);
        if (n > 0 && mon.blockedIn(`get ${queueName(i)}`) > 0 && mon.wokenIn([`get ${queueName(i)}`]) === 0)
          mon.fail(`${queueName(i)} holds ${n} item(s) but a get still waits`);
        if (!q.full() && mon.blockedIn(`put ${queueName(i)}`) > 0 && mon.wokenIn([`put ${queueName(i)}`]) === 0)
          mon.fail(`${queueName(i)} has room but a put still waits`);
      });
      barriers.forEach((b, i) => {
        if (b.broken && mon.blockedIn(`wait ${barrierName(i)}`) > 0)
          mon.fail(`${barrierName(i)} is broken but threads still wait on it`);
        if (!b.broken && b.nWaiting >= b.parties)
          mon.fail(`${barrierName(i)} has ${b.nWaiting} waiting of ${b.parties} parties`);
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
      if (p.locks[i] === 'Lock' && !(locks[i] as Lock).locked())
        mon.fail(`${me} acquired ${lockName(i)} but it is not locked`);
      mon.holder[i] = me;
      mon.count[i]!++;
      if (p.locks[i] === 'RLock' && !String(locks[i]).includes(`owner=${me} count=${mon.count[i]}`))
        mon.fail(`RLock ${lockName(i)} shows ${String(locks[i])}, expected owner ${me} count ${mon.count[i]}`);
    };
    const dropping = (i: number, me: string): void => {
      if (mon.holder[i] !== me || mon.count[i]! <= 0)
        mon.fail(`${me} releases ${lockName(i)} that it does not hold (holder ${mon.holder[i]})`);
      if (--mon.count[i]! === 0) mon.holder[i] = null;
    };
    /** A release of a bounded semaphore raises, and changes nothing, exactly when it would go above the start value. */
    const semRelease = (i: number): void => {
      const spec = p.sems[i]!;
      // Not fair, as in CPython: a release frees the unit and wakes the longest waiter, which
      // takes it when it runs if nobody took it first; the bound counts free units only.
      const waiting = mon.rt!.threads.filter((t) => t.state === BLOCKED && t.waitingOn === (sems[i] as unknown));
      const over = spec.bounded && mon.semFree[i]! + 1 > spec.value;
      try {
        sems[i]!.release();
      } catch (e) {
        if (over && e instanceof ValueError) return;
        throw e;
      }
      if (over) mon.fail(`BoundedSemaphore ${semName(i)} accepted a release above its start value ${spec.value}`);
      const got = waiting.filter((t) => t.state !== BLOCKED);
      if (got.length !== Math.min(1, waiting.length))
        mon.fail(`${semName(i)}.release() woke ${got.length} of ${waiting.length} waiters`);
      mon.semFree[i]!++;
      if (semValue(sems[i]) !== mon.semFree[i])
        mon.fail(`${String(sems[i])} but the program counts ${mon.semFree[i]} free units`);
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
          const ok = yield* blocking(
            me,
            `wait ${condName(op.cond)}`,
            c.waitFor(() => mon.condCount[op.cond]! >= op.atLeast, op.timeout),
          );
          if (li >= 0) {
            if (mon.holder[li] !== null)
              mon.fail(`${me} came back from ${condName(op.cond)}.wait while ${mon.holder[li]} holds ${lockName(li)}`);
            mon.holder[li] = me;
            mon.count[li] = saved;
          }
          if (ok !== true && ok !== false) mon.fail(`waitFor returned ${String(ok)}, not the predicate's value`);
          if (ok === true && mon.condCount[op.cond]! < op.atLeast)
            mon.fail(`waitFor returned true but the count is ${mon.condCount[op.cond]}`);
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
          if (mon.blockedOn(c) !== expected)
            mon.fail(
              `${condName(op.cond)}.notify(${op.n || 'all'}) left ${mon.blockedOn(c)} of ${before} waiters blocked, expected ${expected}`,
            );
          if (li >= 0) dropping(li, me);
          c.release();
          return;
        }
        case 'sem': {
          const s = sems[op.sem]!;
          const ok = yield* blocking(
            me,
            `acquire ${semName(op.sem)}`,
            s.acquire(op.timeout === null ? undefined : { timeout: op.timeout }),
          );
          if (!ok) {
            mon.deadline(`acquire ${semName(op.sem)}`, start, op.timeout);
            return;
          }
          mon.semFree[op.sem]!--;
          if (mon.semFree[op.sem]! < 0) mon.fail(`${me} took a unit of ${semName(op.sem)} that was not there`);
          if (semValue(s) !== mon.semFree[op.sem])
            mon.fail(`${String(s)} but the program counts ${mon.semFree[op.sem]} free units`);
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
            if (!(e instanceof QueueFull)) throw e;
            if (op.block) mon.deadline(`${queueName(op.q)}.put`, start, op.timeout);
          }
          return;
        }
        case 'get': {
          try {
            const opts = op.block ? { timeout: op.timeout } : { block: false };
            const item = yield* blocking(me, `get ${queueName(op.q)}`, queues[op.q]!.get(opts));
            if (!mon.attempted[op.q]!.has(item)) mon.fail(`${queueName(op.q)}.get returned ${item}, which nobody put`);
            if (mon.gotItems[op.q]!.has(item)) mon.fail(`${queueName(op.q)}.get returned ${item} a second time`);
            mon.gotItems[op.q]!.add(item);
            if (p.queues[op.q]!.kind === 'Queue') {
              const key = `${op.q}:${me}:${Math.floor(item / 100) % 100}`;
              const last = mon.lastSeq.get(key) ?? 0;
              if (item % 100 <= last)
                mon.fail(`${queueName(op.q)} is not FIFO: ${me} got ${item} after a later item of the same producer`);
              mon.lastSeq.set(key, item % 100);
            }
          } catch (e) {
            if (!(e instanceof QueueEmpty)) throw e;
            if (op.block) mon.deadline(`${queueName(op.q)}.get`, start, op.timeout);
          }
          return;
        }
        case 'barrier': {
          const b = barriers[op.b]!;
          try {
            const index = yield* blocking(me, `wait ${barrierName(op.b)}`, b.wait(op.timeout));
            if (!Number.isInteger(index) || index < 0 || index >= b.parties)
              mon.fail(`${barrierName(op.b)}.wait returned index ${index}`);
          } catch (e) {
            if (!(e instanceof BrokenBarrierError)) throw e;
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
          if (ok !== !t.isAlive())
            mon.fail(`join(${threadName(op.thread)}) returned ${ok} but isAlive() is ${t.isAlive()}`);
          if (ok && !mon.finished.has(threadName(op.thread)))
            mon.fail(`join(${threadName(op.thread)}) returned before its script finished`);
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
