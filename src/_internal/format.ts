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

function reprIn(value: unknown, seen: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    case 'number':
      return Number.isNaN(value) ? 'nan' : value === Infinity ? 'inf' : value === -Infinity ? '-inf' : String(value);
    case 'boolean':
      return value ? 'True' : 'False';
    case 'undefined':
      return 'None';
    case 'bigint':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return `<function ${value.name || '<anonymous>'}>`;
  }
  if (value === null) return 'None';
  const asObject = value as object;
  if (seen.has(asObject)) return Array.isArray(asObject) ? '[...]' : '{...}';
  if (asObject instanceof Error)
    return asObject.message === '' ? asObject.name : `${asObject.name}: ${asObject.message}`;
  seen.add(asObject);
  try {
    if (Array.isArray(asObject)) return `[${asObject.map((x) => reprIn(x, seen)).join(', ')}]`;
    if (asObject instanceof Map)
      return `{${[...asObject].map(([k, x]) => `${reprIn(k, seen)}: ${reprIn(x, seen)}`).join(', ')}}`;
    if (asObject instanceof Set)
      return asObject.size === 0 ? 'set()' : `{${[...asObject].map((x) => reprIn(x, seen)).join(', ')}}`;
    const own = asObject.toString;
    if (own !== Object.prototype.toString) return String(asObject);
    return `{${Object.entries(asObject)
      .map(([k, x]) => `'${k}': ${reprIn(x, seen)}`)
      .join(', ')}}`;
  } finally {
    seen.delete(asObject);
  }
}
