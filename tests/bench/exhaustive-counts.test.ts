import { exhaustiveCounts } from '../../bench/exhaustive-counts';

// The bench group's figures are counts, not times: the test can hold them to the goal.
describe("the bench group 'exhaustive-counts'", () => {
  it('prints a row a program: executions started per trace within 2, complete, with the verdict', async () => {
    const rows = await exhaustiveCounts({ scale: 1, log: () => {} });
    expect(rows.map((r) => r.name.split(':')[0])).toEqual([
      'locked counter, 2 threads',
      'locked counter, 3 threads',
      'locked counter, 4 threads',
      'locked counter, 5 threads',
      'unlocked counter, 2 threads',
      'unlocked counter, 3 threads',
      'dining philosophers, 2',
      'dining philosophers, 3',
    ]);
    for (const r of rows) {
      expect(r.pass).toBe(true);
      expect(r.figure).toBeLessThanOrEqual(2);
      expect(r.detail).toMatch(/^\d+ traces; started \d+ \(\d+ whole \+ \d+ abandoned\); complete: true; /);
    }
    expect(rows[3]!.detail).toMatch(/^120 traces; .*no failure$/);
    expect(rows[5]!.detail).toMatch(/^36 traces; .*fails \(check\)$/);
    expect(rows[7]!.detail).toMatch(/^7 traces; .*fails \(deadlock: /);
  });
});
