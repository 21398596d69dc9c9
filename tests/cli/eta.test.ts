import { Eta, formatEta } from '../../src/cli/eta';

/** The progress bar's ETA comes from a moving rate (issue 15, item 12); the clock is injected. */
function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe('Eta', () => {
  it('has no estimate before its first window, then the steady rate gives the exact time left', () => {
    const c = clock();
    const eta = new Eta(c.now);
    expect(eta.update(0, 1000)).toBeNull();
    c.advance(100);
    expect(eta.update(10, 1000)).toBeNull();
    c.advance(900);
    expect(eta.update(100, 1000)).toBe(9); // 100 runs a second, 900 left
    c.advance(1000);
    expect(eta.update(200, 1000)).toBe(8);
  });

  it('moves only part of the way after one slow stretch, instead of jumping', () => {
    const c = clock();
    const eta = new Eta(c.now);
    eta.update(0, 1000);
    for (let done = 100; done <= 300; done += 100) {
      c.advance(1000);
      eta.update(done, 1000);
    }
    // One second at a quarter of the speed: the instant rate says 700 / 25 = 28 s left.
    c.advance(1000);
    const after = eta.update(325, 1000)!;
    expect(after).toBeCloseTo(675 / (0.3 * 25 + 0.7 * 100), 9);
    expect(after).toBeLessThan(9);
  });

  it('formats seconds, minutes and hours', () => {
    expect([null, 0, 9.4, 59.6, 125, 3725].map(formatEta)).toEqual(['…', '0s', '9s', '1m00s', '2m05s', '1h02m']);
  });
});
