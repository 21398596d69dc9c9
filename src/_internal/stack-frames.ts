/** One frame of a V8 stack trace. */
export interface StackFrame {
  /** The function's name as V8 gives it (`worker`, `Generator.next`), or null when anonymous. */
  readonly fn: string | null;
  /** A path or `file:` URL, as V8 gives it. */
  readonly file: string;
  /** 1-based, as in the stack text. */
  readonly line: number;
  readonly column: number;
}

// `    at worker (/p/race.ts:21:5)`, `    at /p/race.ts:21:5`, `    at async f (file:///p/a.mjs:3:9)`.
const FRAME = /^\s*at (?:async )?(?:(.+?) \()?(.+?):(\d+):(\d+)\)?$/;

/**
 * The frames of a V8 `Error.stack`, innermost first. Lines that are not frames with a position
 * (the message, `at Generator.next (<anonymous>)`, `at new Promise (<anonymous>)`) are skipped.
 */
export function parseStack(stack: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const text of stack.split('\n')) {
    const m = FRAME.exec(text);
    if (m === null) continue;
    const fn = m[1] === undefined ? null : m[1];
    frames.push({ fn, file: m[2]!, line: Number(m[3]), column: Number(m[4]) });
  }
  return frames;
}
