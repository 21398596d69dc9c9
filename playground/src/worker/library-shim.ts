import * as library from '../../../src/browser';
import { activeRuntime } from '../../../src/scheduler/context';
import type { Runtime } from '../../../src/scheduler/runtime';

/** The primitives each run made, in order, for the step view's state panel. */
const made = new WeakMap<Runtime, object[]>();

function remember(o: object): void {
  const rt = activeRuntime();
  if (rt === null) return;
  let list = made.get(rt);
  if (list === undefined) made.set(rt, (list = []));
  list.push(o);
}

/** The primitives run `rt` has made so far. */
export function primitivesOf(rt: Runtime): readonly object[] {
  return made.get(rt) ?? [];
}

const TRACKED = [
  'Lock',
  'RLock',
  'Semaphore',
  'BoundedSemaphore',
  'Event',
  'Condition',
  'Queue',
  'LifoQueue',
  'PriorityQueue',
  'Barrier',
] as const;

/**
 * What `import ... from 'interleave-threads'` gives a program in the page: the bundled library,
 * whose primitive constructors and `shared` also note what each run makes (a Proxy keeps
 * `instanceof`, statics and subclassing as they are).
 */
export function libraryForPrograms(): Record<string, unknown> {
  const lib: Record<string, unknown> = { ...library };
  for (const name of TRACKED) {
    lib[name] = new Proxy(library[name], {
      construct(target, args, newTarget) {
        const o = Reflect.construct(target, args, newTarget) as object;
        remember(o);
        return o;
      },
    });
  }
  lib.Shared = RecordingShared;
  lib.shared = <T>(initial: T, name?: string) => new RecordingShared(initial, name);
  return lib;
}

/** Told of every read and write of a shared cell while a run is recorded; null: nobody listens. */
export let onAccess: ((cell: library.Shared<unknown>, write: boolean, value: unknown) => void) | null = null;

/** Sets (or, with null, removes) the listener of shared-cell accesses. */
export function listenToAccesses(listener: typeof onAccess): void {
  onAccess = listener;
}

/** A shared cell that reports each access (after its step, with the value read or written). */
class RecordingShared<T> extends library.Shared<T> {
  constructor(initial: T, name?: string) {
    super(initial, name);
    remember(this);
  }

  override *read(): library.Op<T> {
    const value = yield* super.read();
    onAccess?.(this, false, value);
    return value;
  }

  override *write(value: T): library.Op<void> {
    yield* super.write(value);
    onAccess?.(this, true, value);
  }
}
