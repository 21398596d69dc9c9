/*
 * Every code sample in README.md and docs/*.md whose comments state results is run here, and the
 * results compared with what the comments state.
 *
 * - Mark such a block ```ts checked (GitHub still highlights it as TypeScript).
 * - In it, `EXPR; // VALUE` states that EXPR evaluates to VALUE: a literal, array or object written
 *   as in JavaScript. Prose may follow after `, ` or `: ` ("// 10, on every run"). A last entry
 *   `...` means entries are left out: the ones shown must come first, in order.
 *   `EXPR; // ValueError: message` states that EXPR throws that error (its message starts so).
 *   A comment that does not start with a value is prose and states nothing.
 * - A block with `import`s runs as a module: 'interleave-threads' is src/, './race' is demos/race.
 *   A block without imports is the body of a main thread: it runs in `run(function* () { ... })`
 *   with every export of the library in scope, and that run must end ok.
 * - Every checked block must also type-check against src, as a file of demos/ would.
 * - An unmarked ```ts block that states a value fails this test, so no stated result goes unchecked.
 */
import path from 'node:path';
import { inspect } from 'node:util';
import ts from 'typescript';
import * as lib from 'interleave-threads';
import { type CodeBlock, codeBlocks, matchesStated, type StatedLine, statedLines } from '../support/doc-samples';
import { allPages, readPage, ROOT } from '../support/docs';

const TS_BLOCK = /^(ts|typescript)\b/;
const blocks = allPages().flatMap((page) => codeBlocks(page, readPage(page)));
const checked = blocks.filter((b) => TS_BLOCK.test(b.info) && /\bchecked\b/.test(b.info));

/** What a stated line's expression did: its value, or what it threw. */
type Outcome = { threw: false; value: unknown } | { threw: true; error: unknown };

/** The block with each stated line replaced by code that records the expression's outcome. */
function instrumented(block: CodeBlock, stated: StatedLine[]): string {
  const lines = block.code.split('\n');
  for (const [k, s] of stated.entries()) {
    lines[s.line - 1] =
      s.stated.kind === 'throws'
        ? `${s.indent}try { ${s.expression}; __record(${k}, { threw: false, value: undefined }); } catch (e) { __record(${k}, { threw: true, error: e }); }`
        : `${s.indent}__record(${k}, { threw: false, value: (${s.expression}) });`;
  }
  return lines.join('\n');
}

function transpile(code: string): string {
  const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  return ts.transpileModule(code, { compilerOptions: options }).outputText;
}

/** `require` for a sample: the library is src/, a relative path names a demo. */
function sampleRequire(id: string): unknown {
  if (id === 'interleave-threads') return lib;
  if (id.startsWith('./')) return require(path.join(ROOT, 'demos', id));
  return require(id);
}

/** Runs a checked block and returns the outcome of each of its stated lines, in order. */
function runBlock(block: CodeBlock, stated: StatedLine[]): Outcome[] {
  const outcomes: Outcome[] = [];
  const record = (k: number, o: Outcome): void => {
    outcomes[k] = o;
  };
  const source = instrumented(block, stated);
  if (/^import\b/m.test(source)) {
    const module = { exports: {} };
    new Function('require', 'module', 'exports', '__record', transpile(source))(
      sampleRequire,
      module,
      module.exports,
      record,
    );
    return outcomes;
  }
  const names = Object.keys(lib).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
  const body = transpile(`function* __main() {\n${source}\n}`);
  const result = new Function(
    '__lib',
    '__record',
    `const { ${names.join(', ')} } = __lib;\n${body}\nreturn __lib.run(__main);`,
  )(lib, record) as lib.RunResult;
  if (result.status !== 'ok') throw new Error(`the sample's run ended ${result.status}: ${inspect(result.errors)}`);
  return outcomes;
}

/** A checked block as a TypeScript file: a module as it is, a main thread's body inside `function* main`. */
function asModule(block: CodeBlock): { text: string; firstLine: number } {
  if (/^import\b/m.test(block.code)) return { text: block.code, firstLine: 1 };
  const names = Object.keys(lib).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
  return {
    text: `import { ${names.join(', ')} } from 'interleave-threads';\nexport function* main() {\n${block.code}\n}\n`,
    firstLine: 3,
  };
}

/** The type errors of the checked blocks, compiled as files of demos/ with the project's tsconfig. */
function typeErrors(): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  })!;
  const options = { ...config.options, noEmit: true, noUnusedLocals: false };
  const samples = new Map(checked.map((b, i) => [path.join(ROOT, 'demos', `__sample-${i}.ts`).replace(/\\/g, '/'), b]));
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, ...rest) => {
    const block = samples.get(file);
    return block === undefined
      ? getSourceFile(file, language, ...rest)
      : ts.createSourceFile(file, asModule(block).text, language);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => samples.has(file) || fileExists(file);
  const program = ts.createProgram([...samples.keys()], options, host);
  // Only the samples are checked: what they use of src is checked as needed, src itself by typecheck.
  return [...samples].flatMap(([file, block]) => {
    const source = program.getSourceFile(file)!;
    const found = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    return found.map((d) => {
      const line = source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 - asModule(block).firstLine + block.line;
      return `${block.page}:${line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
  });
}

/** Why an outcome differs from what its line states; null when it matches. */
function mismatch(s: StatedLine, o: Outcome | undefined): string | null {
  if (o === undefined) return 'the line never ran';
  if (s.stated.kind === 'throws') {
    if (!o.threw) return `it threw nothing; the comment says ${s.stated.text}`;
    const e = o.error as Error;
    const ok = e.name === s.stated.name && e.message.startsWith(s.stated.message);
    return ok ? null : `it threw ${e.name}: ${e.message}; the comment says ${s.stated.text}`;
  }
  if (o.threw) return `it threw ${inspect(o.error)}; the comment says ${s.stated.text}`;
  return matchesStated(o.value, s.stated)
    ? null
    : `it is ${inspect(o.value, { breakLength: Infinity })}; the comment says ${s.stated.text}`;
}

describe('code samples in the docs', () => {
  it('every ```ts block that states a result is marked checked', () => {
    const unmarked = blocks.filter(
      (b) => TS_BLOCK.test(b.info) && !checked.includes(b) && statedLines(b.code).length > 0,
    );
    expect(unmarked.map((b) => `${b.page}:${b.line}: mark it \`\`\`ts checked`)).toEqual([]);
  });

  it('the README and the docs have checked samples', () => {
    expect(checked.filter((b) => b.page === 'README.md').length).toBeGreaterThanOrEqual(1);
    expect(checked.length).toBeGreaterThanOrEqual(5);
  });

  it('every checked sample type-checks against src', () => {
    expect(typeErrors()).toEqual([]);
  });

  it.each(checked.map((b) => [`${b.page}:${b.line}`, b] as const))('%s states what it does', (_, block) => {
    const stated = statedLines(block.code);
    const outcomes = runBlock(block, stated);
    const wrong = stated.flatMap((s, k) => {
      const why = mismatch(s, outcomes[k]);
      return why === null ? [] : [`${block.page}:${block.line + s.line - 1}: \`${s.expression}\`: ${why}`];
    });
    expect(wrong).toEqual([]);
  });
});

describe('the stated-result reader', () => {
  const one = (line: string): StatedLine | undefined => statedLines(line)[0];

  it('reads a value and leaves the prose after it', () => {
    expect(one('result.value; // 10, on every run')?.stated).toMatchObject({
      kind: 'value',
      value: 10,
      partial: false,
    });
    expect(one('f.original; // { preemptions: 1, steps: 2 }: the run')?.stated).toMatchObject({
      value: { preemptions: 1, steps: 2 },
    });
    expect(one('all; // [30, 10], in the order of the items')?.stated).toMatchObject({ value: [30, 10] });
  });

  it('reads a trailing ... as a partial value whose shown entries come first, in order', () => {
    const s = one("r.outcomes; // { 'ok: value=9': 3, 'ok: value=8': 2, ... }")!.stated;
    if (s.kind !== 'value') throw new Error('not a value');
    expect(s.partial).toBe(true);
    expect(matchesStated({ 'ok: value=9': 3, 'ok: value=8': 2, 'ok: value=7': 1 }, s)).toBe(true);
    expect(matchesStated({ 'ok: value=8': 2, 'ok: value=9': 3 }, s)).toBe(false);
    expect(matchesStated({ 'ok: value=9': 3, 'ok: value=8': 1 }, s)).toBe(false);
  });

  it('compares a whole value exactly', () => {
    const s = one('x; // { a: 1 }')!.stated;
    if (s.kind !== 'value') throw new Error('not a value');
    expect(matchesStated({ a: 1 }, s)).toBe(true);
    expect(matchesStated({ a: 1, b: 2 }, s)).toBe(false);
    expect(matchesStated({ a: '1' }, s)).toBe(false);
  });

  it('reads an error and its message', () => {
    expect(one('s.release(); // ValueError: Semaphore released too many times')?.stated).toEqual({
      kind: 'throws',
      text: 'ValueError: Semaphore released too many times',
      name: 'ValueError',
      message: 'Semaphore released too many times',
    });
  });

  it('reads no value from prose, a declaration or a comma expression', () => {
    expect(one('yield* sleep(1); // at most two threads in here at a time')).toBeUndefined();
    expect(one('yield* q.join(); // every item processed')).toBeUndefined();
    expect(one('const i = yield* b.wait(); // 0, 1 or 2')).toBeUndefined();
    expect(one('x; // 1, 2 or 3')?.stated).toMatchObject({ value: 1 });
    expect(one('x; // process.exit(1)')).toBeUndefined();
  });
});
