import type { Colors } from 'picocolors/types';
import type { StepThread } from '../../teach/step-state';
import type { SourceText } from './source-text';

/** Longest code line shown; longer ones are cut with an ellipsis. */
const CODE_WIDTH = 64;

/** Where each listed thread is, as `◀ 1 Thread-1, Thread-3 (blocked)`, grouped by file and line. */
function markers(threads: readonly StepThread[]): Map<string, Map<number, string[]>> {
  const byFile = new Map<string, Map<number, string[]>>();
  for (const t of threads) {
    if (t.at === null || t.state === 'done' || t.state === 'failed') continue;
    const lines = byFile.get(t.at.file) ?? new Map<number, string[]>();
    byFile.set(t.at.file, lines);
    const label = t.number !== null ? `${t.number} ${t.thread}` : `${t.thread} (${t.state})`;
    lines.set(t.at.line, [...(lines.get(t.at.line) ?? []), label]);
  }
  return byFile;
}

/** The lines to show: each marked line with one line of context either side, merged. */
function window(marked: readonly number[], last: number): number[][] {
  const ranges: number[][] = [];
  for (const n of [...marked].sort((a, b) => a - b)) {
    const from = Math.max(1, n - 1);
    const to = Math.min(last, n + 1);
    const prev = ranges[ranges.length - 1];
    if (prev !== undefined && from <= prev[1]! + 1) prev[1] = Math.max(prev[1]!, to);
    else ranges.push([from, to]);
  }
  return ranges;
}

function cut(code: string): string {
  return code.length > CODE_WIDTH ? `${code.slice(0, CODE_WIDTH - 1)}…` : code;
}

/**
 * The program's source around each thread's current line, with a marker naming the threads
 * there (by choice number when they may run); empty when no thread's line is known.
 */
export function sourceWindow(threads: readonly StepThread[], source: SourceText, colors: Colors): string[] {
  const out: string[] = [];
  for (const [file, marks] of markers(threads)) {
    const lines = source.lines(file);
    if (lines.length === 0) continue;
    out.push(colors.dim(`${file.split(/[\\/]/).pop() ?? file}:`));
    const ranges = window([...marks.keys()], lines.length);
    ranges.forEach(([from, to], i) => {
      if (i > 0) out.push(colors.dim('     ┆'));
      for (let n = from!; n <= to!; n++) {
        const who = marks.get(n);
        const code = cut(lines[n - 1]!.replace(/\s+$/, ''));
        const num = String(n).padStart(5);
        if (who === undefined) out.push(colors.dim(`${num} │ ${code}`));
        else out.push(`${colors.bold(num)} │ ${code.padEnd(CODE_WIDTH)} ${colors.cyan(`◀ ${who.join(', ')}`)}`);
      }
    });
  }
  return out;
}
