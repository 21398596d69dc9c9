import { ValueError } from '../errors';

/** A timeout in virtual seconds: null/undefined means none; negative or NaN is a ValueError. */
export function checkTimeout(timeout: number | null | undefined, what: string): number {
  if (timeout === undefined || timeout === null) return Infinity;
  if (typeof timeout !== 'number' || Number.isNaN(timeout)) throw new ValueError(`${what} timeout must be a number of seconds, got ${String(timeout)}`);
  if (timeout < 0) throw new ValueError(`${what} timeout must be a non-negative number, got ${timeout}`);
  return timeout;
}
