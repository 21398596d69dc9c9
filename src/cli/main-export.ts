import { isGeneratorFunction, notGeneratorReason } from '../_internal/generator-function';
import { UsageError } from './usage-error';

/**
 * The error for a program file without a usable default export, saying what is wrong with what
 * it has: a default that is not a generator function (async, plain, a value), or none at all
 * while other exports would run with `--main NAME`.
 */
export function noMainError(spec: string, mod: Record<string, unknown>): UsageError {
  const main = typeof mod === 'function' ? mod : mod.default;
  if (main !== undefined) {
    const reason = notGeneratorReason(`the default export of ${spec}`, main);
    return new UsageError(reason, 'write `export default function* main() { ... }` in the file');
  }
  const mains = Object.keys(mod).filter((k) => k !== 'default' && isGeneratorFunction(mod[k]));
  if (mains.length > 0) {
    const list = mains.map((m) => `'${m}'`).join(', ');
    return new UsageError(
      `${spec} has no default export; it exports the generator ${mains.length === 1 ? 'function' : 'functions'} ${list}`,
      `run one with --main ${mains[0]}, or write \`export default\` before it`,
    );
  }
  return new UsageError(
    `${spec} has no default export that is a generator function`,
    'write `export default function* main() { ... }` in the file',
  );
}
