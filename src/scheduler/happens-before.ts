import type { ThreadRecord } from './thread-record';

/**
 * Hooks that primitives call so a race detector can build happens-before. A release on a sync
 * object followed by an acquire on the same object orders everything before the release before
 * everything after the acquire. When `detectRaces` is off the runtime's detector is null and the
 * calls are skipped with one comparison.
 */
export interface HappensBefore {
  /** `t` publishes its history through `sync` (lock release, event set, notify, put, ...). */
  release(t: ThreadRecord, sync: object): void;
  /** `t` takes in the history published through `sync` (acquire, wait returning, get, ...). */
  acquire(t: ThreadRecord, sync: object): void;
  /** `parent` started `child`. */
  fork(parent: ThreadRecord, child: ThreadRecord): void;
  /** `t` saw `ended` finish (join returned true). */
  join(t: ThreadRecord, ended: ThreadRecord): void;
  /** `t` read or wrote the shared cell `cell` (named `name`). */
  access(t: ThreadRecord, cell: object, name: string, write: boolean, step: number): void;
}
