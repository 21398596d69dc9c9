const GeneratorFunction = Object.getPrototypeOf(function* () {
  /* the prototype of every generator function */
}) as object;
const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {
  /* the prototype of every async generator function */
}) as object;

/** True for `function*`, `*method()`, and those bound with `bind()` (a bound function keeps its target's prototype). */
export function isGeneratorFunction(fn: unknown): boolean {
  return typeof fn === 'function' && Object.getPrototypeOf(fn) === GeneratorFunction;
}

/** A learner-readable reason why `fn` is not a generator function, for a TypeError. */
export function notGeneratorReason(what: string, fn: unknown): string {
  if (typeof fn === 'function') {
    if (Object.getPrototypeOf(fn) === AsyncGeneratorFunction) {
      return `${what} must be a generator function (function* ...), not an async generator: async code cannot run inside a deterministic thread`;
    }
    if (fn.constructor?.name === 'AsyncFunction') {
      return `${what} must be a generator function (function* ...), not an async function: use yield* sleep(...) and the primitives instead of await`;
    }
    const name = fn.name === '' ? 'this function' : `'${fn.name.replace(/^bound /, '')}'`;
    return `${what} must be a generator function (function* ...), but ${name} is a plain function: write it as function* and mark its steps with yield`;
  }
  return `${what} must be a generator function (function* ...), got ${fn === null ? 'null' : typeof fn}`;
}
