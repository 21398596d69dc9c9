import { InterleaveError } from '../errors';
import { repr } from '../_internal/format';
import type { ExcepthookArgs } from '../types';
export type { ExcepthookArgs } from '../types';

/** Python's default `threading.excepthook`; the traceback only when the run asks for it (it names host files). */
export function defaultExcepthook(args: ExcepthookArgs): void {
  args.write(`Exception in thread ${args.thread}:\n${args.traceback ?? ''}${describeError(args.error)}\n`);
}

/** `Name: message` for errors, `str(value)` for anything else thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message === '' ? error.name : `${error.name}: ${error.message}`;
  return `${typeof error === 'string' ? error : String(error)}`;
}

/** The TypeError message for a value a thread yielded that the scheduler cannot take. */
export function badYieldMessage(thread: string, value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    const v = value as { next?: unknown; then?: unknown; throw?: unknown };
    if (typeof v.then === 'function') {
      return `${thread} yielded a Promise: async code is not supported inside a thread. A run is synchronous and deterministic, and a Promise would settle on the host's event loop, outside virtual time. Use yield* sleep(seconds) to wait, and the primitives (Event, Queue, Future) to wait for other threads.`;
    }
    if (typeof v.next === 'function' && typeof v.throw === 'function') {
      return `${thread} yielded an operation object; write \`yield* op\` (for example \`yield* lock.acquire()\`), not \`yield op\`: only yield* runs the operation.`;
    }
  }
  if (value instanceof InterleaveError) return `${thread} yielded an error object; write \`throw err\` to raise it.`;
  return `${thread} yielded ${value === null ? 'null' : repr(value)}: a bare \`yield\` (with no value) is one step, and operations are used with \`yield*\`.`;
}
