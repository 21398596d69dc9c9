/**
 * Python's `str()` for the values a program prints: strings as they are, `True`/`False`,
 * `None` for null and undefined, lists and dicts with `repr` of their items, errors as
 * `Name: message`, whole floats without a fraction (JS has one number type).
 */
export function str(v: unknown): string {
  if (typeof v === 'string') return v;
  return reprIn(v, seenSet(v));
}

/** Python's `repr()`: strings quoted, containers with the repr of their items. */
export function repr(v: unknown): string {
  return reprIn(v, seenSet(v));
}

/** Only containers need the set of objects being shown (for cycles); other values share one empty set. */
const NOTHING_SEEN: Set<object> = new Set();

function seenSet(v: unknown): Set<object> {
  return typeof v === 'object' && v !== null ? new Set() : NOTHING_SEEN;
}

function reprIn(v: unknown, seen: Set<object>): string {
  switch (typeof v) {
    case 'string':
      return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    case 'number':
      return Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : String(v);
    case 'boolean':
      return v ? 'True' : 'False';
    case 'undefined':
      return 'None';
    case 'bigint':
      return String(v);
    case 'symbol':
      return v.toString();
    case 'function':
      return `<function ${v.name || '<anonymous>'}>`;
  }
  if (v === null) return 'None';
  const o = v as object;
  if (seen.has(o)) return Array.isArray(o) ? '[...]' : '{...}';
  if (o instanceof Error) return o.message === '' ? o.name : `${o.name}: ${o.message}`;
  seen.add(o);
  try {
    if (Array.isArray(o)) return `[${o.map((x) => reprIn(x, seen)).join(', ')}]`;
    if (o instanceof Map) return `{${[...o].map(([k, x]) => `${reprIn(k, seen)}: ${reprIn(x, seen)}`).join(', ')}}`;
    if (o instanceof Set) return o.size === 0 ? 'set()' : `{${[...o].map((x) => reprIn(x, seen)).join(', ')}}`;
    const own = o.toString;
    if (own !== Object.prototype.toString) return String(o);
    return `{${Object.entries(o)
      .map(([k, x]) => `'${k}': ${reprIn(x, seen)}`)
      .join(', ')}}`;
  } finally {
    seen.delete(o);
  }
}
