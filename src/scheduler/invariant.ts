/**
 * A broken internal invariant of a scheduler or search structure: a bug in interleave itself,
 * never in the program it runs. Only `assertInvariants()` methods throw it, and only tests call
 * those: the step loop never pays for them.
 */
export class InvariantError extends Error {
  override name = 'InvariantError';
}

/**
 * Throws an `InvariantError` naming the structure and the invariant it broke when `holds` is
 * false. `broken` says what was found, in words a reader of the field comments recognises.
 */
export function invariant(holds: boolean, structure: string, broken: () => string): asserts holds {
  if (!holds) throw new InvariantError(`${structure}: invariant broken: ${broken()}`);
}

/** A thread as an invariant message names it. */
export function who(t: { name: string; id: number }): string {
  return `${t.name} (#${t.id})`;
}
