import path from 'node:path';
import { ensureBuilt, interleave, ROOT } from './helpers/cli';

const COUNTER = path.join(ROOT, 'tests', 'cli', 'fixtures', 'counter.ts');

beforeAll(() => ensureBuilt(), 120_000);

describe('interleave explore --strategy exhaustive: a search that stops short says so first', () => {
  it('prints NOT complete on its first lines, with what was covered and the fix, and exits 0 as no failure was found', () => {
    const r = interleave(['explore', COUNTER, '--strategy', 'exhaustive', '--runs', '20', '--preemption-bound', '3']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 4).join(' ')).toBe(
      'NOT complete: the budget of 20 runs ran out first; only schedules with ≤ 0 preemptions were all covered ' +
        '(up to reordering of independent steps), not those with 1 to 3. Raise --runs, or set --preemption-bound 0 to make what was ' +
        'covered the whole search.',
    );
    expect(r.stdout).toMatch(/\nno failure in 20 runs, but the search is NOT complete \(see the first lines\)\.\n$/);
  });

  it('says nothing of the kind when the search is complete', () => {
    const r = interleave(['explore', COUNTER, '--strategy', 'exhaustive', '--runs', '100000']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Explored /);
    expect(r.stdout).not.toContain('NOT complete');
    expect(r.stdout).toContain('The search covered every schedule.');
  });

  it('--json carries complete: false and the levels covered', () => {
    const r = interleave([
      'explore',
      COUNTER,
      '--strategy',
      'exhaustive',
      '--runs',
      '20',
      '--preemption-bound',
      '3',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ complete: false, exhausted: true, coveredPreemptions: 0 });
  });

  it('the race demo with a small budget is NOT complete, and says so before anything else, in the words of an unbounded search', () => {
    const r = interleave(['explore', 'race', '--strategy', 'exhaustive', '--runs', '50']);
    expect(r.stdout.replace(/\n(?!\n)/g, ' ')).toMatch(
      /^NOT complete: the budget of 50 runs ran out first \(50 runs made, \d+ runs? abandoned as equivalent to runs made: \d+ runs started\)\. This unbounded search \(partial-order reduction\) .* Raise --runs, or bound it \(--preemption-bound 2 or --delay-bound 2\)/,
    );
  });

  it('--delay-bound bounds delays instead of preemptions, and the report says so', () => {
    const r = interleave(['explore', COUNTER, '--strategy', 'exhaustive', '--delay-bound', '0', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ runs: 1, complete: true, delayBound: 0 });
    const text = interleave(['explore', COUNTER, '--strategy', 'exhaustive', '--delay-bound', '1', '--runs', '2']);
    expect(text.stdout.replace(/\n(?!\n)/g, ' ')).toMatch(
      /^NOT complete: .*schedules with ≤ 0 delays .* set --delay-bound 0 /,
    );
  });
});
