/**
 * What the teaching views read from a primitive without a step or a side effect: a semaphore's
 * free units, a queue's items in the order `get` would return them. A symbol keeps it off the
 * public surface.
 */
export const PEEK: unique symbol = Symbol('interleave.peek');
