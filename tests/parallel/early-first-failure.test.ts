import type { FirstFailure } from '../../src/explore/report';
import { EarlyFirstFailure } from '../../src/parallel/early-first-failure';

/** A shrink that records which runs it was asked for. */
function recorder() {
  const asked: number[] = [];
  const shrink = (run: number): FirstFailure => {
    asked.push(run);
    return { run } as FirstFailure;
  };
  return { asked, shrink };
}

describe('EarlyFirstFailure', () => {
  it('shrinks the lowest first failure once every worker has failed or finished, and only then', () => {
    const { asked, shrink } = recorder();
    const early = new EarlyFirstFailure(3, shrink);
    early.failed(1, 7);
    early.failed(0, 12);
    expect(asked).toEqual([]);
    early.finished(1);
    early.finished(2);
    expect(asked).toEqual([7]);
    early.finished(0);
    expect(early.get(7).run).toBe(7);
    expect(asked).toEqual([7]);
  });

  it("keeps a worker's first failure: a later one from the same worker does not replace it", () => {
    const { asked, shrink } = recorder();
    const early = new EarlyFirstFailure(2, shrink);
    early.failed(0, 4);
    early.failed(0, 2);
    early.failed(1, 9);
    expect(asked).toEqual([4]);
  });

  it('shrinks nothing when no worker failed, and shrinks on demand a run it did not expect', () => {
    const { asked, shrink } = recorder();
    const early = new EarlyFirstFailure(2, shrink);
    early.finished(0);
    early.finished(1);
    expect(asked).toEqual([]);
    expect(early.get(3).run).toBe(3);
    expect(asked).toEqual([3]);
  });

  it('keeps what the shrink threw for get, instead of throwing it into a worker message', () => {
    const early = new EarlyFirstFailure(1, () => {
      throw new Error('not deterministic');
    });
    expect(() => early.failed(0, 5)).not.toThrow();
    expect(() => early.get(5)).toThrow('not deterministic');
  });
});
