import path from 'node:path';
import { codeFrame } from './code-frame';

/** A syntax error in a program file, with where it is and the line it is on. */
export class ProgramSyntaxError extends Error {
  constructor(
    /** The parser's words, without a location. */
    readonly reason: string,
    readonly file: string,
    /** 1-based. */
    readonly line: number,
    /** 1-based. */
    readonly column: number,
    /** The line and a caret under the column. */
    readonly frame: string,
  ) {
    super(`${reason} (${file}:${line}:${column})`);
    this.name = 'SyntaxError';
  }
}

interface Sucrase {
  transform(code: string, options: { transforms: string[]; disableESTransforms: boolean }): { code: string };
}

let sucrase: Sucrase | null = null;

/**
 * Sucrase, bundled into the package at build time (dist/vendor/sucrase.js) so that installing the
 * library pulls in no transpiler's dependency tree; from the sources, the development copy.
 */
function loadSucrase(): Sucrase {
  if (sucrase !== null) return sucrase;
  try {
    sucrase = require('../../vendor/sucrase') as Sucrase;
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'MODULE_NOT_FOUND') throw e;
    sucrase = require('sucrase') as Sucrase;
  }
  return sucrase;
}

/** `import`/`export` at the start of a statement: a `.js` file written as an ES module. */
const MODULE_SYNTAX = /(?:^|[;}\n])\s*(?:import\s+[\w*{]|import\s*[*{'"]|export\s+[\w*{]|export\s*[*{]|import\.meta\b)/;

/**
 * A program file's source as CommonJS that Node can run: types removed from TypeScript, and
 * `import`/`export` turned into `require`/`exports`. Every line stays on its own line, so stack
 * frames name the file's own line numbers without a source map. A CommonJS `.js` or `.cjs` file
 * is only parsed (its text is kept as it is, sloppy mode included), so its syntax errors are
 * reported the same way. Throws ProgramSyntaxError.
 */
export function transpile(source: string, file: string): string {
  const ext = path.extname(file);
  const typescript = /^\.[cm]?ts$/.test(ext);
  const esm = typescript || ext === '.mjs' || (ext === '.js' && MODULE_SYNTAX.test(source));
  const transforms = [...(typescript ? ['typescript'] : []), ...(esm ? ['imports'] : [])];
  try {
    const { code } = loadSucrase().transform(source, { transforms, disableESTransforms: true });
    return transforms.length === 0 ? source : code;
  } catch (e) {
    const loc = (e as { loc?: { line?: unknown; column?: unknown } }).loc;
    if (!(e instanceof SyntaxError) || typeof loc?.line !== 'number' || typeof loc.column !== 'number') throw e;
    const reason = e.message.replace(/\s*\(\d+:\d+\)$/, '');
    throw new ProgramSyntaxError(reason, file, loc.line, loc.column, codeFrame(source, loc.line, loc.column));
  }
}

/**
 * Node's own SyntaxError from compiling `file` (what the parser above lets through, such as a
 * name declared twice) as a ProgramSyntaxError; V8 puts `file:line`, the line and a caret at the
 * top of its stack. Anything else is returned as it is.
 */
export function locateCompileError(e: unknown, file: string, source: string): unknown {
  if (!(e instanceof SyntaxError) || typeof e.stack !== 'string') return e;
  const [where, , carets] = e.stack.split('\n');
  const line = where?.startsWith(`${file}:`) ? Number(where.slice(file.length + 1)) : NaN;
  const column = (carets?.indexOf('^') ?? -1) + 1;
  if (!Number.isInteger(line) || line < 1 || column < 1) return e;
  return new ProgramSyntaxError(e.message, file, line, column, codeFrame(source, line, column));
}
