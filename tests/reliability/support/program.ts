/**
 * The grammar of generated test programs, as plain data, and its readable listing. A program is
 * a set of named primitives and a script of operations per thread; `interpret.ts` turns it into
 * a real interleave program with instrumentation, `arbitrary.ts` generates it with fast-check.
 */

/** A timeout in virtual seconds; null waits forever. */
export type Timeout = number | null;

export type Op =
  | { k: 'step' }
  | { k: 'sleep'; s: number }
  | { k: 'print'; text: string }
  | { k: 'read'; cell: number }
  | { k: 'write'; cell: number; v: number }
  | { k: 'incr'; cell: number }
  /** Acquire lock `lock` (optionally with a timeout or non-blocking); if taken, run `body`, release. */
  | { k: 'with'; lock: number; timeout: Timeout; blocking: boolean; body: Op[] }
  | { k: 'set'; ev: number }
  | { k: 'clear'; ev: number }
  | { k: 'wait'; ev: number; timeout: Timeout }
  /** With the condition held: wait until its counter reaches `atLeast`. */
  | { k: 'cwait'; cond: number; atLeast: number; timeout: Timeout }
  /** With the condition held: bump its counter, then notify `n` waiters (or all when n is 0). */
  | { k: 'cbump'; cond: number; n: number }
  /** Acquire a semaphore unit (optionally timed); if taken, run `body`, release it. */
  | { k: 'sem'; sem: number; timeout: Timeout; body: Op[] }
  /** Release a unit never acquired (only on unbounded semaphores: it raises the count). */
  | { k: 'semFree'; sem: number }
  | { k: 'put'; q: number; item: number; timeout: Timeout; block: boolean }
  | { k: 'get'; q: number; timeout: Timeout; block: boolean }
  | { k: 'barrier'; b: number; timeout: Timeout }
  | { k: 'start'; thread: number }
  | { k: 'join'; thread: number; timeout: Timeout };

export type LockKind = 'Lock' | 'RLock';
export type QueueKind = 'Queue' | 'LifoQueue' | 'PriorityQueue';

export interface Program {
  locks: LockKind[];
  events: number;
  cells: number;
  /** Each condition wraps lock `lock` (an index into `locks`), or its own default RLock when null. */
  conds: { lock: number | null }[];
  sems: { value: number; bounded: boolean }[];
  queues: { kind: QueueKind; maxsize: number }[];
  barriers: { parties: number }[];
  /** Scripts of threads T1..Tn (index 0 is T1). */
  threads: Op[][];
  /** MainThread's script: it starts every thread, in order, and may join them. */
  main: Op[];
}

export const lockName = (i: number): string => `L${i}`;
export const eventName = (i: number): string => `E${i}`;
export const cellName = (i: number): string => `C${i}`;
export const condName = (i: number): string => `K${i}`;
export const semName = (i: number): string => `S${i}`;
export const queueName = (i: number): string => `Q${i}`;
export const barrierName = (i: number): string => `B${i}`;
export const threadName = (i: number): string => `T${i + 1}`;

const t = (timeout: Timeout): string => (timeout === null ? '' : ` timeout=${timeout}`);

function opLines(op: Op, indent: string): string[] {
  switch (op.k) {
    case 'step':
      return [`${indent}yield`];
    case 'sleep':
      return [`${indent}sleep(${op.s})`];
    case 'print':
      return [`${indent}print(${JSON.stringify(op.text)})`];
    case 'read':
      return [`${indent}read ${cellName(op.cell)}`];
    case 'write':
      return [`${indent}${cellName(op.cell)} = ${op.v}`];
    case 'incr':
      return [`${indent}${cellName(op.cell)} += 1`];
    case 'with': {
      const how = op.blocking ? t(op.timeout) : ' blocking=false';
      return [`${indent}with ${lockName(op.lock)}${how}:`, ...body(op.body, indent)];
    }
    case 'set':
      return [`${indent}${eventName(op.ev)}.set()`];
    case 'clear':
      return [`${indent}${eventName(op.ev)}.clear()`];
    case 'wait':
      return [`${indent}${eventName(op.ev)}.wait(${op.timeout ?? ''})`];
    case 'cwait':
      return [`${indent}with ${condName(op.cond)}: waitFor(count >= ${op.atLeast}${t(op.timeout)})`];
    case 'cbump':
      return [`${indent}with ${condName(op.cond)}: count += 1; ${op.n === 0 ? 'notifyAll()' : `notify(${op.n})`}`];
    case 'sem':
      return [`${indent}with ${semName(op.sem)}${t(op.timeout)}:`, ...body(op.body, indent)];
    case 'semFree':
      return [`${indent}${semName(op.sem)}.release()`];
    case 'put':
      return [`${indent}${queueName(op.q)}.put(${op.item}${op.block ? t(op.timeout) : ' block=false'})`];
    case 'get':
      return [`${indent}${queueName(op.q)}.get(${op.block ? t(op.timeout).trim() : 'block=false'})`];
    case 'barrier':
      return [`${indent}${barrierName(op.b)}.wait(${op.timeout ?? ''})`];
    case 'start':
      return [`${indent}${threadName(op.thread)}.start()`];
    case 'join':
      return [`${indent}${threadName(op.thread)}.join(${op.timeout ?? ''})`];
  }
}

function body(ops: Op[], indent: string): string[] {
  return ops.length === 0 ? [`${indent}  pass`] : ops.flatMap((o) => opLines(o, `${indent}  `));
}

/** The program as a Python-like listing, for failure messages and shrunk counterexamples. */
export function listing(p: Program): string {
  const decl: string[] = [];
  p.locks.forEach((k, i) => decl.push(`${lockName(i)} = ${k}()`));
  for (let i = 0; i < p.events; i++) decl.push(`${eventName(i)} = Event()`);
  for (let i = 0; i < p.cells; i++) decl.push(`${cellName(i)} = shared(0)`);
  p.conds.forEach((c, i) => decl.push(`${condName(i)} = Condition(${c.lock === null ? '' : lockName(c.lock)})`));
  p.sems.forEach((s, i) => decl.push(`${semName(i)} = ${s.bounded ? 'BoundedSemaphore' : 'Semaphore'}(${s.value})`));
  p.queues.forEach((q, i) => decl.push(`${queueName(i)} = ${q.kind}(${q.maxsize})`));
  p.barriers.forEach((b, i) => decl.push(`${barrierName(i)} = Barrier(${b.parties})`));
  const lines = [...decl, 'MainThread:', ...body(p.main, '')];
  p.threads.forEach((ops, i) => lines.push(`${threadName(i)}:`, ...body(ops, '')));
  return lines.join('\n');
}
