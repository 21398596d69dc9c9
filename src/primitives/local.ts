import { currentRuntime } from '../scheduler/context';
import type { ThreadRecord } from '../scheduler/thread-record';

/**
 * Thread-local storage (Python's `threading.local()`): each thread sees its own attributes
 * on the same object.
 *
 * @example
 * const data = local<{ user?: string }>();
 * data.user = 'alice'; // only this thread sees it
 */
export function local<T extends object = Record<string, unknown>>(): Partial<T> {
  const perThread = new Map<ThreadRecord, Record<PropertyKey, unknown>>();
  const mine = (): Record<PropertyKey, unknown> => {
    const t = currentRuntime('a thread-local attribute').current!;
    let d = perThread.get(t);
    if (d === undefined) perThread.set(t, (d = {}));
    return d;
  };
  return new Proxy({} as Partial<T>, {
    get: (_, key) => mine()[key],
    set: (_, key, value) => {
      mine()[key] = value;
      return true;
    },
    has: (_, key) => key in mine(),
    deleteProperty: (_, key) => delete mine()[key],
    ownKeys: () => Reflect.ownKeys(mine()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = mine();
      return key in d ? { value: d[key], writable: true, enumerable: true, configurable: true } : undefined;
    },
  });
}
