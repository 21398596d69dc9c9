import vm from 'node:vm';
import ts from 'typescript';

/** A fenced code block of a Markdown page. */
export interface CodeBlock {
  page: string;
  /** The info string after the opening fence: `ts checked`. */
  info: string;
  /** The 1-based line of the page where the block's first code line is. */
  line: number;
  code: string;
}

/** What a `// comment` after an expression states about it. */
export type Stated =
  | { kind: 'value'; text: string; value: unknown; partial: boolean }
  | { kind: 'throws'; text: string; name: string; message: string };

/** One line of a sample that states a result: `EXPR; // STATED`. */
export interface StatedLine {
  /** The 1-based line within the block. */
  line: number;
  indent: string;
  expression: string;
  stated: Stated;
}

export function codeBlocks(page: string, text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S.*)?$/.exec(lines[i]!);
    if (open === null) continue;
    const end = lines.findIndex((l, j) => j > i && l === '```');
    if (end < 0) throw new Error(`${page}:${i + 1}: a code block is never closed`);
    blocks.push({ page, info: (open[1] ?? '').trim(), line: i + 2, code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

const VALUE_WORDS = new Set(['true', 'false', 'null', 'undefined', 'NaN', 'Infinity']);
const STATEMENT_WORDS =
  /^(const|let|var|return|if|else|for|while|do|switch|function|class|import|export|throw|try|catch|finally|type|interface)\b/;

/** Whether `text` parses as one value written out: a literal, an array or an object (no calls, no commas between). */
function isValueExpression(text: string): boolean {
  const file = ts.createSourceFile('stated.ts', `(${text}\n);`, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const statement = file.statements[0];
  if (file.statements.length !== 1 || statement === undefined || !ts.isExpressionStatement(statement)) return false;
  const inner = (statement.expression as ts.ParenthesizedExpression).expression;
  if (inner === undefined) return false;
  if (ts.isIdentifier(inner)) return VALUE_WORDS.has(inner.text);
  return (
    ts.isObjectLiteralExpression(inner) ||
    ts.isArrayLiteralExpression(inner) ||
    ts.isStringLiteral(inner) ||
    ts.isNoSubstitutionTemplateLiteral(inner) ||
    ts.isNumericLiteral(inner) ||
    ts.isBigIntLiteral(inner) ||
    ts.isPrefixUnaryExpression(inner) ||
    inner.kind === ts.SyntaxKind.TrueKeyword ||
    inner.kind === ts.SyntaxKind.FalseKeyword ||
    inner.kind === ts.SyntaxKind.NullKeyword
  );
}

/** Evaluates a value written out, in a context of its own, where no name of the host is visible. */
function evaluate(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: vm.runInNewContext(`(${text}\n)`, Object.create(null) as object) };
  } catch {
    return { ok: false };
  }
}

/**
 * What a comment states: `ErrorName: message` (the line throws it), or the longest start of the
 * comment, cut before a `, ` or `: `, that is a value written out (the rest is prose). A trailing
 * `...` entry of the outer object or array marks the value as partial. Prose states nothing: null.
 */
export function statedBy(comment: string): Stated | null {
  const thrown = /^([A-Z][A-Za-z]*(?:Error|Empty|Full)): (.+)$/.exec(comment);
  if (thrown !== null) return { kind: 'throws', text: comment, name: thrown[1]!, message: thrown[2]! };
  if (!/^['"`[{\-\d]/.test(comment) && !VALUE_WORDS.has(/^\w+/.exec(comment)?.[0] ?? '')) return null;
  const cuts = [comment.length];
  for (const m of comment.matchAll(/[,:] /g)) cuts.push(m.index);
  for (const cut of cuts.sort((a, b) => b - a)) {
    const text = comment.slice(0, cut).trim();
    const whole = text.replace(/,\s*(\.\.\.|…)\s*(,\s*)?([}\]])$/, ' $3');
    if (!isValueExpression(whole)) continue;
    const result = evaluate(whole);
    if (result.ok) return { kind: 'value', text, value: result.value, partial: whole !== text };
  }
  return null;
}

/** The lines of a block that state a result: an expression statement, then `// STATED` on the same line. */
export function statedLines(code: string): StatedLine[] {
  const out: StatedLine[] = [];
  code.split('\n').forEach((text, i) => {
    const m = /^(\s*)(.+?);\s*\/\/\s?(.*)$/.exec(text);
    if (m === null || STATEMENT_WORDS.test(m[2]!) || m[2]!.includes('//')) return;
    const stated = statedBy(m[3]!.trim());
    if (stated !== null) out.push({ line: i + 1, indent: m[1]!, expression: m[2]!, stated });
  });
  return out;
}

function sameValue(actual: unknown, stated: unknown): boolean {
  if (Array.isArray(stated)) {
    return Array.isArray(actual) && actual.length === stated.length && stated.every((s, i) => sameValue(actual[i], s));
  }
  if (typeof stated === 'object' && stated !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    const keys = Object.keys(stated);
    return (
      Object.keys(actual).length === keys.length &&
      keys.every(
        (k) => k in actual && sameValue((actual as Record<string, unknown>)[k], (stated as Record<string, unknown>)[k]),
      )
    );
  }
  return Object.is(actual, stated);
}

/**
 * Whether a value is what was stated. A partial array's entries must be the actual array's first
 * ones; a partial object's entries its first keys, in order, with equal values.
 */
export function matchesStated(actual: unknown, stated: Extract<Stated, { kind: 'value' }>): boolean {
  if (!stated.partial) return sameValue(actual, stated.value);
  if (Array.isArray(stated.value)) {
    return Array.isArray(actual) && stated.value.every((s, i) => sameValue(actual[i], s));
  }
  if (typeof actual !== 'object' || actual === null) return false;
  const shown = Object.entries(stated.value as object);
  const first = Object.entries(actual).slice(0, shown.length);
  return first.length === shown.length && shown.every(([k, v], i) => first[i]![0] === k && sameValue(first[i]![1], v));
}
