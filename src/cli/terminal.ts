import picocolors from 'picocolors';
import type { Colors } from 'picocolors/types';

/** The streams and environment a command talks to (the process's, or a test's). */
export interface Terminal {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

/** The running process's terminal. */
export function processTerminal(): Terminal {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/**
 * Colors for text written to `stream`: only on a TTY, never with NO_COLOR (any non-empty value,
 * as no-color.org says) or with --json; FORCE_COLOR turns them on for a pipe.
 */
export function colorsFor(term: Terminal, stream: { isTTY?: boolean }, json: boolean): Colors {
  const env = term.env;
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const force = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0';
  return picocolors.createColors(!json && !noColor && (force || stream.isTTY === true));
}

/** Columns to lay text out in: the terminal's width on a TTY, else a fixed 80 so piped output is stable. */
export function widthOf(stream: { isTTY?: boolean; columns?: number }): number {
  return stream.isTTY === true && typeof stream.columns === 'number' && stream.columns > 20 ? stream.columns : 80;
}
