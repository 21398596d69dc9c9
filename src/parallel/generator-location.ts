import { findSourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a suspended generator stands: the file and 1-based line (through source maps). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

interface Location {
  scriptId: string;
  lineNumber: number;
  columnNumber: number;
}

type Post = (method: string, params: object, cb: (err: Error | null, res: Record<string, unknown>) => void) => void;

/**
 * The line at which `gen` is suspended (its last `yield`, or its function's start when it has not
 * run yet), read from V8's `[[GeneratorLocation]]` through an inspector session on this thread.
 * Such a session answers synchronously. It is slow and meant for a watchdog's diagnostic re-run
 * only; null when the inspector cannot tell.
 */
export function generatorLocation(gen: object): SourceLocation | null {
  // Loaded here: only a diagnostic re-run needs the inspector.
  const { Session } = require('node:inspector') as typeof import('node:inspector');
  const session = new Session();
  session.connect();
  const post = session.post.bind(session) as unknown as Post;
  const urls = new Map<string, string>();
  session.on('Debugger.scriptParsed', (m: { params: { scriptId: string; url: string } }) =>
    urls.set(m.params.scriptId, m.params.url),
  );
  const key = Symbol.for('interleave.watchdog.generator');
  (globalThis as Record<symbol, unknown>)[key] = gen;
  let found: Location | null = null;
  try {
    post('Debugger.enable', {}, () => undefined);
    post('Runtime.evaluate', { expression: "globalThis[Symbol.for('interleave.watchdog.generator')]" }, (err, res) => {
      const objectId = (res?.result as { objectId?: string } | undefined)?.objectId;
      if (err !== null || objectId === undefined) return;
      post('Runtime.getProperties', { objectId, ownProperties: true }, (e2, props) => {
        const internal = (props?.internalProperties ?? []) as { name: string; value?: { value?: Location } }[];
        found = internal.find((p) => p.name === '[[GeneratorLocation]]')?.value?.value ?? null;
        if (e2 !== null) found = null;
      });
    });
  } finally {
    delete (globalThis as Record<symbol, unknown>)[key];
    session.disconnect();
  }
  const loc = found as Location | null;
  if (loc === null) return null;
  const url = urls.get(loc.scriptId);
  return url === undefined || url === '' ? null : original(url, loc.lineNumber, loc.columnNumber);
}

/** The original file and line of a position in loaded code, through its source map when it has one. */
function original(url: string, line0: number, column0: number): SourceLocation {
  const file = url.startsWith('file:') ? fileURLToPath(url) : url;
  const map = findSourceMap(file) ?? findSourceMap(url);
  const entry = map?.findEntry(line0, column0) as { originalSource?: string; originalLine?: number } | undefined;
  if (entry !== undefined && entry.originalLine !== undefined && entry.originalSource !== undefined) {
    const source = entry.originalSource.startsWith('file:')
      ? fileURLToPath(entry.originalSource)
      : path.resolve(path.dirname(file), entry.originalSource);
    return { file: source, line: entry.originalLine + 1 };
  }
  return { file, line: line0 + 1 };
}
