import type * as TS from 'typescript';

type TypeScript = typeof TS;

/** A program that does not parse: the first error, at its line and column (both from 1). */
export class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

let loading: Promise<TypeScript> | null = null;

/** TypeScript's compiler, loaded on first use: it is the largest part of the playground. */
function typescript(): Promise<TypeScript> {
  loading ??= import('typescript').then((m) => ((m as { default?: TypeScript }).default ?? m) as TypeScript);
  return loading;
}

/**
 * Transpiles a TypeScript program to CommonJS (types are erased, not checked) and instruments it:
 * every `yield` first calls `__il_at(line)` (so the page knows each thread's line) and every loop
 * body first calls `__il_spin(line)` (so a loop that never yields can be named). Line numbers
 * are those of the source. The source map's `mappings` come along, to map stack positions (the
 * step model's locations) back to source lines. A syntax error throws a SyntaxProblem.
 */
export async function transpile(source: string): Promise<{ code: string; mappings: string }> {
  const ts = await typescript();
  const out = ts.transpileModule(source, {
    fileName: 'program.ts',
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      sourceMap: true,
    },
    transformers: { before: [instrumenter(ts)] },
  });
  const error = out.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (error !== undefined) {
    const at =
      error.file !== undefined && error.start !== undefined
        ? error.file.getLineAndCharacterOfPosition(error.start)
        : { line: 0, character: 0 };
    throw new SyntaxProblem(ts.flattenDiagnosticMessageText(error.messageText, '\n'), at.line + 1, at.character + 1);
  }
  const code = out.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  const map = JSON.parse(out.sourceMapText ?? '{"mappings":""}') as { mappings: string };
  return { code, mappings: map.mappings };
}

function instrumenter(ts: TypeScript): TS.TransformerFactory<TS.SourceFile> {
  return (ctx) => (sf) => {
    const f = ctx.factory;
    const lineOf = (n: TS.Node): number => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const call = (name: string, line: number): TS.Expression =>
      f.createCallExpression(f.createIdentifier(name), undefined, [f.createNumericLiteral(line)]);
    const withSpin = (body: TS.Statement, line: number): TS.Block => {
      const first = f.createExpressionStatement(call('__il_spin', line));
      return f.createBlock([first, ...(ts.isBlock(body) ? body.statements : [body])], true);
    };
    const visit = (node: TS.Node): TS.Node => {
      if (ts.isYieldExpression(node)) {
        const line = lineOf(node);
        return f.createParenthesizedExpression(
          f.createComma(call('__il_at', line), ts.visitEachChild(node, visit, ctx)),
        );
      }
      if (ts.isIterationStatement(node, false))
        return spinLoop(ts, f, ts.visitEachChild(node, visit, ctx), (b) => withSpin(b, lineOf(node)));
      return ts.visitEachChild(node, visit, ctx);
    };
    return ts.visitNode(sf, visit) as TS.SourceFile;
  };
}

function spinLoop(
  ts: TypeScript,
  f: TS.NodeFactory,
  n: TS.IterationStatement,
  body: (b: TS.Statement) => TS.Block,
): TS.Node {
  if (ts.isWhileStatement(n)) return f.updateWhileStatement(n, n.expression, body(n.statement));
  if (ts.isDoStatement(n)) return f.updateDoStatement(n, body(n.statement), n.expression);
  if (ts.isForStatement(n))
    return f.updateForStatement(n, n.initializer, n.condition, n.incrementor, body(n.statement));
  if (ts.isForInStatement(n)) return f.updateForInStatement(n, n.initializer, n.expression, body(n.statement));
  if (ts.isForOfStatement(n))
    return f.updateForOfStatement(n, n.awaitModifier, n.initializer, n.expression, body(n.statement));
  return n;
}
