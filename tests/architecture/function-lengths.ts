import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** A function or method of `src/` and how many lines it spans, from its first line to its last. */
export interface FunctionLength {
  /** `file.ts:name`, with the file relative to `src/` (with `/`). */
  id: string;
  lines: number;
}

/** Every `.ts` file under `dir`, as paths relative to it with `/`, sorted. */
export function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (sub: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub === '' ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.ts')) found.push(rel);
    }
  };
  walk('');
  return found.sort();
}

/** The length of every function-like node with a body in one file's text. */
export function functionLengths(file: string, text: string): FunctionLength[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lengths: FunctionLength[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      lengths.push({ id: `${file}:${nameOf(node)}`, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lengths;
}

/** A readable name: the declared name, the variable or property an arrow is bound to, or its line. */
function nameOf(node: ts.SignatureDeclaration): string {
  if (ts.isConstructorDeclaration(node)) return `${className(node)}constructor`;
  if (node.name !== undefined) {
    const name = node.name.getText();
    return ts.isMethodDeclaration(node) || ts.isAccessor(node) ? `${className(node)}${name}` : name;
  }
  const parent = node.parent;
  if (
    (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) &&
    parent.name !== undefined
  ) {
    return parent.name.getText();
  }
  const line = node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1;
  return `<anonymous at line ${line}>`;
}

/** `Class.` for a member of a named class, else nothing. */
function className(node: ts.Node): string {
  const parent = node.parent;
  return ts.isClassLike(parent) && parent.name !== undefined ? `${parent.name.text}.` : '';
}

/**
 * What is wrong with the lengths, as readable lines: a function over `limit` that is not allowed,
 * an allowed one that grew past its recorded length, and an allowed entry that is stale (the
 * function is gone or now fits), so the allow-list can only shrink.
 */
export function lengthProblems(
  lengths: readonly FunctionLength[],
  allowed: Readonly<Record<string, number>>,
  limit: number,
): string[] {
  const problems: string[] = [];
  const seen = new Map(lengths.map((l) => [l.id, l.lines]));
  for (const { id, lines } of lengths) {
    const ceiling = allowed[id];
    if (ceiling === undefined && lines > limit) {
      problems.push(`${id} is ${lines} lines (limit ${limit}): split it into steps that each read as one`);
    } else if (ceiling !== undefined && lines > ceiling) {
      problems.push(`${id} is ${lines} lines, longer than its allowed ${ceiling}: the allow-list only shrinks`);
    }
  }
  for (const [id, ceiling] of Object.entries(allowed)) {
    const lines = seen.get(id);
    if (lines === undefined) problems.push(`${id} is allowed ${ceiling} lines but no longer exists: remove it`);
    else if (lines <= limit) problems.push(`${id} now fits in ${lines} lines: remove it from the allow-list`);
  }
  return problems;
}
