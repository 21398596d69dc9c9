import { str } from '../_internal/format';
import { currentRuntime } from '../scheduler/context';
import type { Op } from '../scheduler/instruction';

/**
 * Python's `print(*values)`: the values joined by a space, then a newline, as two separate
 * writes, each after a step of its own, so two threads' prints can interleave as CPython's
 * do (`Count is 6Count is 7`).
 *
 * @example
 * yield* print('Count is', n);
 */
export function* print(...values: unknown[]): Op<void> {
  const rt = currentRuntime('print()');
  const text = values.map(str).join(' ');
  rt.announce('print', null, text);
  yield;
  rt.write(text);
  rt.announce('print', null, '\n');
  yield;
  rt.write('\n');
}
