/**
 * One JSON document for --json: RunResult and ExploreReport as they are, except that thrown
 * values become `{ name, message }` (an Error has no enumerable fields), an undefined main value
 * becomes null (so the key is there), and bigints become strings.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, replacer, 2);
}

function replacer(this: unknown, key: string, v: unknown): unknown {
  if (key === 'error' && this !== null && typeof this === 'object' && 'thread' in this) return thrown(v);
  if (key === 'value' && v === undefined) return null;
  if (v instanceof Error) return thrown(v);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Map) return Object.fromEntries(v);
  if (v instanceof Set) return [...v];
  return v;
}

/** `{ name, message }` of anything thrown: an Error, or a thrown string or value. */
export function thrown(v: unknown): { name: string; message: string } {
  if (v instanceof Error) return { name: v.name, message: v.message };
  if (typeof v === 'string') return { name: 'Error', message: v };
  return {
    name: typeof v === 'object' && v !== null ? (v.constructor?.name ?? 'Object') : typeof v,
    message: String(v),
  };
}
