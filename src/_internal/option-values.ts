import { ValueError } from '../errors';

/** An integer option >= `min`, or its default; a ValueError names the option otherwise. */
export function intOption(o: Record<string, unknown>, key: string, dflt: number, min: number): number {
  const v = o[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new ValueError(`option '${key}' must be an integer >= ${min}, got ${showValue(v)}`);
  }
  return v;
}

/** A boolean option, or its default; a ValueError names the option otherwise. */
export function boolOption(o: Record<string, unknown>, key: string, dflt: boolean): boolean {
  const v = o[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') throw new ValueError(`option '${key}' must be true or false, got ${showValue(v)}`);
  return v;
}

/** A value as an error message quotes it: strings in quotes. */
export function showValue(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : String(v);
}
