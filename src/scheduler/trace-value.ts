import type { Runtime } from './runtime';
import { DESCRIBE, type Waitable } from './thread-record';

/**
 * Records, beside `Runtime.traceOp`, an op of the current thread that has a value: a shared read
 * (what it returned) or write (what it stored), a queue put or get (the item). Callers check
 * `rt.trace !== null` first. The value is handed over as it is: the trace keeps a primitive and
 * shows it (Python's repr) only when read, and shows an object now, as it is at the op.
 */
export function traceValue(rt: Runtime, op: string, on: Waitable, value: unknown, ok: boolean | null): void {
  const t = rt.current;
  if (t === null) return;
  const at = rt.locations ? t.at : null;
  rt.trace!.opValue(rt.steps, rt.clock.now(), t.name, t.id, op, on[DESCRIBE](), value, ok, at);
}
