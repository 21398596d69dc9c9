import { print, run, type RunResult, Thread } from 'interleave-threads';
import { OutcomeKeys, outcomeKey } from '../../src/explore/outcome';

/** The result of a program that returns `value`, optionally with a thread that raised or a print. */
function ending(value: unknown, extra: 'raise' | 'print' | null = null): RunResult {
  return run(function* () {
    if (extra === 'print') yield* print('hello');
    if (extra === 'raise') {
      const t = new Thread({
        name: 'bad',
        target: function* () {
          throw new Error('boom');
        },
      });
      t.start();
      yield* t.join();
    }
    return value;
  });
}

describe('OutcomeKeys', () => {
  it('gives exactly the key outcomeKey gives, for remembered and other outcomes alike', () => {
    const keys = new OutcomeKeys();
    const results = [
      ending(2),
      ending(2),
      ending(0),
      ending(-0),
      ending(0),
      ending(-0),
      ending('2'),
      ending(true),
      ending(NaN),
      ending(undefined),
      ending(null),
      ending([1, 2]),
      ending(2, 'raise'),
      ending(2, 'print'),
      ending(undefined, 'print'),
      ending(2),
    ];
    for (const r of results) expect(keys.of(r)).toBe(outcomeKey(r));
  });

  it('keeps a number apart from the same digits as a string', () => {
    const keys = new OutcomeKeys();
    expect(keys.of(ending(2))).toBe('ok: value=2');
    expect(keys.of(ending('2'))).toBe('ok: value="2"');
  });

  it('does not reuse a value key for a run that also raised in a thread', () => {
    const keys = new OutcomeKeys();
    const plain = keys.of(ending(2));
    const raised = keys.of(ending(2, 'raise'));
    expect(raised).not.toBe(plain);
    expect(raised).toContain('raised: bad');
  });
});
