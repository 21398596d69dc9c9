import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, interleave } from './helpers/cli';

// Programs written outside the repository, as a user writes them: TypeScript with types that
// span lines, ES modules, CommonJS. Each thread throws and prints the stack frame of its own file.
const TS_PROGRAM = `import { print, Thread, type RunResult } from 'interleave-threads';

interface Counter {
  value: number;
  label: string;
}

type Step =
  | { kind: 'add'; by: number }
  | { kind: 'reset' };

function* worker(c: Counter): Generator<unknown, void, unknown> {
  const step: Step = { kind: 'add', by: 1 };
  if (step.kind === 'add') c.value += step.by;
  try {
    throw new Error('thrown here');
  } catch (e) {
    yield* print(frameOf(e as Error));
  }
}

function frameOf(e: Error): string {
  return e.stack!.split('\\n').find((l) => l.includes('worker'))!.trim();
}

export default function* main(): Generator<unknown, number, unknown> {
  const c: Counter = { value: 0, label: 'c' };
  const t = new Thread({ target: worker, args: [c] });
  t.start();
  yield* t.join();
  return c.value;
}

export function check(r: RunResult<number>): boolean {
  return r.value === 1;
}
`;

const ESM_PROGRAM = `import { print, Thread } from 'interleave-threads';

function* worker() {
  try {
    throw new Error('thrown here');
  } catch (e) {
    yield* print(e.stack.split('\\n').find((l) => l.includes('worker')).trim());
  }
}

export default function* main() {
  const t = new Thread({ target: worker });
  t.start();
  yield* t.join();
  return 1;
}
`;

const CJS_PROGRAM = ESM_PROGRAM.replace(
  "import { print, Thread } from 'interleave-threads';",
  "const { print, Thread } = require('interleave-threads');",
).replace('export default function* main()', 'module.exports = function* main()');

/** The 1-based line of `text` in `source`. */
function lineOf(source: string, text: string): number {
  return source.split('\n').findIndex((l) => l.includes(text)) + 1;
}

describe('loading program files', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'interleave-load-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, source: string): string {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, source);
    return file;
  }

  it.each([
    ['typed.ts', TS_PROGRAM],
    ['module.mjs', ESM_PROGRAM],
    ['module.js', ESM_PROGRAM],
    ['common.js', CJS_PROGRAM],
    ['common.cjs', CJS_PROGRAM],
  ])('%s: a stack frame in the file names the file and its own line', (name, source) => {
    const file = write(name, source);
    const r = interleave(['run', name], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${file}:${lineOf(source, "throw new Error('thrown here')")}:`);
  });

  it('a .js ES module in a "type": "module" package loads too', () => {
    write('esm-pkg/package.json', '{ "type": "module" }');
    const file = write('esm-pkg/prog.js', ESM_PROGRAM);
    const r = interleave(['run', file]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`${file}:${lineOf(ESM_PROGRAM, 'thrown here')}:`);
  });

  it('a .ts program may import another .ts file of its own, typed', () => {
    write(
      'lib/helper.ts',
      'export interface Box {\n  n: number;\n}\nexport const box = (n: number): Box => ({ n });\n',
    );
    write(
      'uses-helper.ts',
      "import { box, type Box } from './lib/helper';\nexport default function* main() {\n  const b: Box = box(2);\n  return b.n;\n}\n",
    );
    const r = interleave(['run', 'uses-helper.ts', '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { value: number }).value).toBe(2);
  });

  it("a .ts program may import './helper.js' as TypeScript's ES-module style writes it", () => {
    write('lib/twin.ts', 'export const three: number = 3;\n');
    write(
      'uses-twin.ts',
      "import { three } from './lib/twin.js';\nexport default function* main() {\n  return three;\n}\n",
    );
    const r = interleave(['run', 'uses-twin.ts', '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { value: number }).value).toBe(3);
  });
});

describe('syntax errors in program files', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'interleave-syntax-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [
      'bad.ts',
      'const a: number = 1;\nconst b: number = a +* 2;\nexport default function* main() {}\n',
      2,
      22,
      'Unexpected token',
    ],
    [
      'bad.mjs',
      "import { print } from 'interleave-threads';\nexport default function* main() {\n  yield* print(;\n}\n",
      3,
      16,
      'Unexpected token',
    ],
    ['bad.js', 'module.exports = function* main() {\n  yield\n  }}\n', 3, 4, 'Unexpected token'],
    // Found by Node's compiler, not the transpiler's parser: still located, with a frame.
    [
      'twice.js',
      'const a = 1;\nlet a = 2;\nmodule.exports = function* main() {};\n',
      2,
      5,
      "Identifier 'a' has already been declared",
    ],
  ])('%s: file:line:column, the line and a caret, exit 2', (name, source, line, column, reason) => {
    writeFileSync(path.join(dir, name), source);
    const r = interleave(['run', name], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const text = source.split('\n')[line - 1]!;
    expect(r.stderr).toBe(
      `interleave: cannot load ${name}:${line}:${column}: SyntaxError: ${reason} (fix the syntax error and run it again)\n` +
        `  ${line} | ${text}\n` +
        `    | ${' '.repeat(column - 1)}^\n`,
    );
  });

  it('names the imported file when the error is there, by its path from the current directory', () => {
    writeFileSync(path.join(dir, 'broken-helper.ts'), 'export const x: number = ;\n');
    writeFileSync(
      path.join(dir, 'imports-broken.ts'),
      "import { x } from './broken-helper';\nexport default function* main() { return x; }\n",
    );
    const r = interleave(['run', path.join(dir, 'imports-broken.ts')], { cwd: os.tmpdir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `cannot load ${path.relative(os.tmpdir(), path.join(dir, 'broken-helper.ts'))}:1:26: SyntaxError`,
    );
  });
});
