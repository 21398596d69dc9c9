import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTracebackFormatter } from '../scheduler/traceback-hook';
import { parseStack, type StackFrame } from './stack-frames';

/** The library's own code (src/ or dist/src/): its frames are not the program's. */
const LIBRARY_DIR = path.resolve(__dirname, '..');
/** The step loop that resumes thread bodies: frames outside it belong to whoever called `run`. */
const STEP_LOOP = path.join(LIBRARY_DIR, 'scheduler', 'step-loop.');

/**
 * Python's `Traceback (most recent call last):` block for a thrown value, with the frames of
 * the program's own code only (not the library's, Node's or node_modules'): each frame's file
 * (relative to the current directory), line, function and source line. An empty string when
 * the value has no stack or no frame of the program's.
 */
export function formatTraceback(error: unknown): string {
  const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : '';
  const all = parseStack(stack);
  const loop = all.findIndex((f) => filePath(f.file).startsWith(STEP_LOOP));
  const frames = (loop < 0 ? all : all.slice(0, loop)).filter(isProgramFrame);
  if (frames.length === 0) return '';
  const sources = new Map<string, string[] | null>();
  const lines = ['Traceback (most recent call last):'];
  for (const f of frames.reverse()) {
    const file = filePath(f.file);
    lines.push(`  File "${path.relative(process.cwd(), file) || file}", line ${f.line}, in ${functionName(f)}`);
    const code = sourceLine(sources, file, f.line);
    if (code !== null) lines.push(`    ${code}`);
  }
  return `${lines.join('\n')}\n`;
}

function isProgramFrame(f: StackFrame): boolean {
  if (f.file.startsWith('node:') || f.file === '<anonymous>' || f.file.includes(`${path.sep}node_modules${path.sep}`))
    return false;
  const file = filePath(f.file);
  return path.isAbsolute(file) && !file.startsWith(LIBRARY_DIR + path.sep);
}

function filePath(file: string): string {
  return file.startsWith('file:') ? fileURLToPath(file) : file;
}

/** `worker` for `worker`, `Generator.worker`, `Object.worker`; `<module>` for anonymous code. */
function functionName(f: StackFrame): string {
  if (f.fn === null) return '<anonymous>';
  return f.fn.replace(/^(?:Generator|Object|Function)\./, '').replace(/^new /, '');
}

function sourceLine(cache: Map<string, string[] | null>, file: string, line: number): string | null {
  let lines = cache.get(file);
  if (lines === undefined) {
    try {
      lines = readFileSync(file, 'utf8').split('\n');
    } catch {
      lines = null;
    }
    cache.set(file, lines);
  }
  const text = lines?.[line - 1]?.trim();
  return text === undefined || text === '' ? null : text;
}

// Loading this file (the package root and the CLI do) lets runs with `traceback: true` read source lines.
setTracebackFormatter(formatTraceback);
