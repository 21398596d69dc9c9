/**
 * The source line at `line` (1-based) with a caret under `column` (1-based), each with a gutter:
 *
 *     2 | const b = a +* 2;
 *       |              ^
 */
export function codeFrame(source: string, line: number, column: number): string {
  const text = (source.split(/\r?\n/)[line - 1] ?? '').replace(/\t/g, ' ');
  const gutter = String(line);
  const caret = ' '.repeat(Math.max(0, Math.min(column - 1, text.length)));
  return `  ${gutter} | ${text}\n  ${' '.repeat(gutter.length)} | ${caret}^`;
}
