import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiReport, lineDiff, REPORT_FILE } from './api-report';

describe('the API report', () => {
  it('the public surface is the one committed in api/interleave-threads.api.md', () => {
    const expected = existsSync(REPORT_FILE) ? readFileSync(REPORT_FILE, 'utf8') : '';
    const actual = apiReport();
    const diff = lineDiff(expected, actual);
    if (diff.length > 0) {
      throw new Error(
        'The public API differs from api/interleave-threads.api.md (- committed, + now):\n' +
          `${diff.join('\n')}\n` +
          'If the change is on purpose, run `npm run api:update` and commit the report with it.',
      );
    }
  });

  describe('on a small package', () => {
    let root: string;
    beforeAll(() => {
      root = mkdtempSync(path.join(os.tmpdir(), 'api-report-'));
      mkdirSync(path.join(root, 'src'));
      mkdirSync(path.join(root, 'demos'));
      writeFileSync(
        path.join(root, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'commonjs', lib: ['ES2022'] } }),
      );
      writeFileSync(path.join(root, 'src', 'browser.ts'), "export { Box } from './box';\n");
      writeFileSync(path.join(root, 'demos', 'hello.ts'), 'export default function main(): string { return "hi"; }\n');
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    const write = (index: string) => {
      writeFileSync(
        path.join(root, 'src', 'box.ts'),
        [
          'export class Box<T> {',
          '  #secret = 1;',
          '  private hidden = 2;',
          '  constructor(readonly value: T) {}',
          '  get size(): number { return 1; }',
          '  map<U>(f: (v: T) => U): Box<U> { return new Box(f(this.value)); }',
          '}',
        ].join('\n'),
      );
      writeFileSync(path.join(root, 'src', 'index.ts'), index);
    };

    it('prints each export with its kind and declared type, members indented, private ones left out', () => {
      write(
        "export { Box } from './box';\nexport type Mode = 'a' | 'b';\n" +
          'export interface Options { mode?: Mode; readonly n: number }\n' +
          'export function open(options?: Options): Box<number> { return null!; }\n',
      );
      const report = apiReport(root);
      expect(report).toContain(
        [
          '```ts',
          'class Box<T>',
          '  constructor<T>(value: T): Box<T>',
          '  map<U>(f: (v: T) => U): Box<U>',
          '  readonly size: number',
          '  readonly value: T',
          "type Mode = 'a' | 'b'",
          'interface Options',
          '  mode?: Mode',
          '  readonly n: number',
          'function open(options?: Options | undefined): Box<number>',
          '```',
        ].join('\n'),
      );
      expect(report).toContain("The package root's exports, the same declarations, except: Mode, Options, open.");
      expect(report).toContain(
        '## `interleave-threads/demos/hello` (demos/hello.ts)\n\n```ts\nfunction default(): string\n```',
      );
      expect(apiReport(root)).toBe(report);
    });

    it('a changed signature shows as a diff of the line that declares it', () => {
      write("export { Box } from './box';\nexport function open(n: number): Box<number> { return null!; }\n");
      const before = apiReport(root);
      write("export { Box } from './box';\nexport function open(n: string): Box<number> { return null!; }\n");
      expect(lineDiff(before, apiReport(root))).toEqual([
        '- 15: function open(n: number): Box<number>',
        '+ 15: function open(n: string): Box<number>',
      ]);
    });
  });
});
