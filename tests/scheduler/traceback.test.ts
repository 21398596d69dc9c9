import { run } from 'interleave-threads';
import { parseStack } from '../../src/_internal/stack-frames';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { main } = require('./fixtures/raises.js') as { main: () => Generator<unknown, void, unknown> };

describe('traceback: true', () => {
  it("puts a Python-style traceback of the program's own frames in the Exception in thread block", () => {
    const file = 'tests/scheduler/fixtures/raises.js';
    expect(run(main, { traceback: true }).output).toBe(
      'Exception in thread T:\n' +
        'Traceback (most recent call last):\n' +
        `  File "${file}", line 11, in worker\n` +
        '    explode();\n' +
        `  File "${file}", line 6, in explode\n` +
        "    throw new RangeError('too far');\n" +
        'RangeError: too far\n',
    );
  });

  it('is off by default, and the same run gives the same bytes', () => {
    expect(run(main).output).toBe('Exception in thread T:\nRangeError: too far\n');
    expect(run(main, { traceback: true }).output).toBe(run(main, { traceback: true }).output);
  });
});

describe('parseStack', () => {
  it('reads named, anonymous and file: URL frames, and skips frames without a position', () => {
    const stack = [
      'TypeError: x',
      '    at worker (/p/race.ts:21:5)',
      '    at Generator.next (<anonymous>)',
      '    at /p/anon.js:3:9',
      '    at async f (file:///p/a.mjs:7:1)',
    ].join('\n');
    expect(parseStack(stack)).toEqual([
      { fn: 'worker', file: '/p/race.ts', line: 21, column: 5 },
      { fn: null, file: '/p/anon.js', line: 3, column: 9 },
      { fn: 'f', file: 'file:///p/a.mjs', line: 7, column: 1 },
    ]);
  });
});
