import { median } from './harness';
import { blockedOnEvent } from './workloads';

/** Heap bytes per blocked thread, all in, next to a bare suspended generator's. */
export interface MemoryFigure {
  /** Bytes of heap each blocked thread costs: Thread, record, generators, queue links, names. */
  perThread: number;
  /** Bytes of heap one suspended generator of a one-yield function costs (the floor). */
  perGenerator: number;
  threads: number;
  /** Repetitions the medians are over. */
  repeats: number;
}

type Gc = () => void;

function gcOrNull(): Gc | null {
  const gc = (globalThis as { gc?: unknown }).gc;
  return typeof gc === 'function' ? (gc as Gc) : null;
}

/** Heap in use after a full collection (twice: the first may leave finalizable garbage). */
function settledHeap(gc: Gc): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function* oneYield(): Generator<undefined, void, unknown> {
  yield;
}

function bytesPerGenerator(n: number, gc: Gc): number {
  const before = settledHeap(gc);
  const held: Generator[] = new Array<Generator>(n);
  for (let i = 0; i < n; i++) {
    const g = oneYield();
    g.next();
    held[i] = g;
  }
  const after = settledHeap(gc);
  // Keep `held` alive until measured; subtract the array's own slots (8 bytes each).
  if (held.length !== n) throw new Error('unreachable');
  return (after - before - 8 * n) / n;
}

function bytesPerBlockedThread(n: number, gc: Gc): number {
  let before = 0;
  let blocked = 0;
  blockedOnEvent(n, (phase) => {
    if (phase === 'before') before = settledHeap(gc);
    else blocked = settledHeap(gc);
  });
  return (blocked - before) / n;
}

/**
 * Measures heap per blocked thread with `n` threads blocked on one Event. Needs `global.gc`
 * (node --expose-gc); returns null without it.
 */
export function measureMemory(n: number, repeats: number): MemoryFigure | null {
  const gc = gcOrNull();
  if (gc === null) return null;
  const perThread: number[] = [];
  const perGenerator: number[] = [];
  for (let i = 0; i < repeats; i++) {
    perThread.push(bytesPerBlockedThread(n, gc));
    perGenerator.push(bytesPerGenerator(n, gc));
  }
  return { perThread: median(perThread), perGenerator: median(perGenerator), threads: n, repeats };
}
