const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The numbers of one source-map segment (base-64 VLQ: 5 value bits a digit, the lowest bit the sign). */
function decodeSegment(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = BASE64.indexOf(ch);
    value += (digit & 31) << shift;
    if ((digit & 32) !== 0) {
      shift += 5;
      continue;
    }
    out.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return out;
}

/** Per generated line (from 0): [generated column, source line] pairs (both from 0), in column order. */
type LineTable = number[][];

function tableOf(mappings: string): LineTable {
  const table: LineTable = [];
  let sourceLine = 0;
  for (const line of mappings.split(';')) {
    const row: number[] = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const f = decodeSegment(segment);
      column += f[0]!;
      if (f.length < 4) continue;
      sourceLine += f[2]!;
      row.push(column, sourceLine);
    }
    table.push(row);
  }
  return table;
}

/**
 * Maps positions in transpiled code back to the program's source lines, from the `mappings` of
 * the source map TypeScript wrote (one source): `(line, column)`, both from 1, gives the source
 * line (from 1) of the last mapped segment at or before that column, or null for an unmapped line.
 */
export function sourceLineMap(mappings: string): (line: number, column: number) => number | null {
  const table = tableOf(mappings);
  return (line, column) => {
    const row = table[line - 1];
    if (row === undefined || row.length === 0) return null;
    let found = row[1]!;
    for (let i = 0; i < row.length && row[i]! <= column - 1; i += 2) found = row[i + 1]!;
    return found + 1;
  };
}
