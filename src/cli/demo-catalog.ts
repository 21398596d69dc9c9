/** A demo shipped in `demos/`: its name and one line on what it teaches. */
export interface DemoEntry {
  readonly name: string;
  readonly teaches: string;
}

/** Every demo, the tutorial's first and in its order, then the five beyond it (CLI.md fixes the names). */
export const DEMOS: readonly DemoEntry[] = [
  { name: 'threads', teaches: 'five threads Mythread-0..4 each sleep 1-3 s: names, start and end order' },
  { name: 'subclass', teaches: 'a Worker subclass overriding run(); five 1-s workers cost 1.0 s together' },
  { name: 'daemon', teaches: 'daemon threads of 2 s and 5 s: main ends at 1 s and abandons them' },
  { name: 'join', teaches: 'join(): main waits for threads of 2 s and 5 s and ends at 5.0 s' },
  { name: 'join-timeout', teaches: 'join(3) on each thread in turn ends at 5.0 s, and why not 6' },
  { name: 'timer', teaches: 'Timer(3, delayed) named d1 fires at 3.0 s; a cancelled timer never fires' },
  { name: 'logging', teaches: 'two groups of threads log whole lines; one kind raises ZeroDivisionError' },
  { name: 'race', teaches: 'a counter without a lock: lost updates and garbled prints' },
  { name: 'lock', teaches: 'the same counter with a Lock: always correct' },
  { name: 'deadlock', teaches: 'lockA and lockB taken in opposite orders: deadlock, and its cycle' },
  { name: 'pool', teaches: 'a pool of 2 threads runs four tasks in batches' },
  { name: 'condition', teaches: 'go1 waits on a Condition at i == 5 until go2 notifies' },
  { name: 'event', teaches: 'a traffic light and cars: cars wait on an Event until it turns green' },
  { name: 'gil', teaches: 'CPU-bound vs I/O-bound threads under the GIL (try --no-gil --cores 2)' },
  { name: 'queue', teaches: 'producer and consumers with a bounded Queue' },
  { name: 'philosophers', teaches: 'dining philosophers: a deadlock, then a fix by ordering the forks' },
  { name: 'barrier', teaches: 'runners wait at a Barrier until all have arrived' },
  { name: 'semaphore', teaches: 'a Semaphore limits a pool to 2 connections at a time' },
  { name: 'lost-wakeup', teaches: "waiting on a Condition with 'if' instead of 'while' misses a wakeup" },
];

/** The catalog entry of `name`, or undefined. */
export function findDemo(name: string): DemoEntry | undefined {
  return DEMOS.find((d) => d.name === name);
}
