import { ensureBuilt, interleaveAll } from './helpers/cli';

beforeAll(() => ensureBuilt(), 180_000);

describe('interleave explore race --strategy exhaustive', () => {
  jest.setTimeout(120_000);

  it('finds the lost update within a few hundred runs and shrinks it to 1 preemption, by default and with --delay-bound 1', async () => {
    const runs = await interleaveAll([
      ['explore', 'race', '--strategy', 'exhaustive', '--stop-on-failure', '--json'],
      ['explore', 'race', '--strategy', 'exhaustive', '--delay-bound', '1', '--stop-on-failure', '--json'],
      ['explore', 'race', '--strategy', 'exhaustive', '--stop-on-failure'],
    ]);
    for (const r of runs.slice(0, 2)) {
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout);
      expect(report.runs).toBeLessThanOrEqual(300);
      expect(report.firstFailure.preemptions).toBe(1);
    }
    const text = runs[2]!;
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/FAILED: 1 of \d+ runs failed; the first \(run \d+\): check returned false\./);
    expect(text.stdout).toMatch(/\n {10}1 preemption and \d+ steps/);
  });
});
