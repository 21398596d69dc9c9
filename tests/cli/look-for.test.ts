import path from 'node:path';
import { loadProgram } from '../../src/cli/load-program';
import { lookForInComment, lookForLines } from '../../src/cli/look-for';
import { DEMOS } from '../../src/cli/demo-catalog';

describe('Look for lines', () => {
  it('reads the "Look for:" sentence of the comment that opens a file, after a shebang or "use strict"', () => {
    const src = [
      '#!/usr/bin/env node',
      '"use strict";',
      '// A demo. Look for: the count',
      '// below 10.',
      'import x from "y";',
    ]
      .concat('// Look for: not this')
      .join('\n');
    expect(lookForInComment(src)).toEqual(['the count below 10.']);
    expect(lookForInComment('// No lesson here.\nexport {};')).toEqual([]);
    expect(lookForInComment('export {};\n// Look for: too late')).toEqual([]);
  });

  it('wraps a long lesson into lines of at most 88 columns', () => {
    const long = `// Look for: ${'word '.repeat(40)}`;
    const lines = lookForInComment(long);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(88);
  });

  it("prefers the program's own export", () => {
    const base = loadProgram(path.join(__dirname, '../../demos/race.ts'));
    expect(lookForLines({ ...base, lookFor: ['one', 'two'] })).toEqual(['one', 'two']);
    expect(lookForLines({ ...base, lookFor: 'just this' })).toEqual(['just this']);
  });

  it('finds a lesson for every demo that states one in its opening comment', () => {
    const race = lookForLines(loadProgram('race'));
    expect(race.join(' ')).toBe('"Final count" below 10, and a line such as `Count is 0Count is 1`.');
    const withLesson = DEMOS.filter((d) => lookForLines(loadProgram(d.name)).length > 0);
    expect(withLesson.length).toBeGreaterThan(10);
  });
});
