import { RunLog, RunRecords } from '../../src/parallel/run-log';

describe('RunLog', () => {
  it('gives back every run as logged, past its first growth, with keys kept once', () => {
    const log = new RunLog();
    const n = 3000;
    for (let i = 0; i < n; i++) {
      // A fingerprint uses 53 bits: near the top of the safe integers.
      log.add(i % 3 === 0 ? 'ok: value=3' : 'ok: value=2', 2 ** 52 + i, i % 5, i % 7 === 0, i % 2 === 0);
    }
    const records = new RunRecords(log.keys, log.finish());
    expect(log.keys).toEqual(['ok: value=3', 'ok: value=2']);
    expect(records.length).toBe(n);
    for (const i of [0, 1, 1023, 1024, 2999]) {
      expect(records.key(i)).toBe(i % 3 === 0 ? 'ok: value=3' : 'ok: value=2');
      expect(records.fingerprint(i)).toBe(2 ** 52 + i);
      expect(records.preemptions(i)).toBe(i % 5);
      expect(records.failed(i)).toBe(i % 7 === 0);
      expect(records.choices(i)).toBe(i % 2 === 0);
    }
  });

  it('finishes an empty log as an empty array', () => {
    expect(new RunRecords([], new RunLog().finish()).length).toBe(0);
  });
});
