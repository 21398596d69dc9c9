/** Small text helpers shared by the command's reports. */

/** Virtual seconds as a short exact figure: `5.000012 s`, `0 s`. */
export function seconds(t: number): string {
  const s = t.toFixed(6).replace(/\.?0+$/, '');
  return `${s === '-0' ? '0' : s} s`;
}

/** A count with thousands separators, the same on every machine (no locale). */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Wraps a paragraph at `width` columns, every line after the first indented by `indent` spaces. */
export function wrap(text: string, width: number, indent = 0, firstIndent = indent): string {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = ' '.repeat(firstIndent);
  let empty = true;
  for (const w of words) {
    if (!empty && line.length + 1 + w.length > width) {
      lines.push(line);
      line = ' '.repeat(indent);
      empty = true;
    }
    line += (empty ? '' : ' ') + w;
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}

/** Quotes an argument for a POSIX shell when it needs it, so a printed command can be pasted. */
export function shellArg(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `1 thing` / `2 things`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}
