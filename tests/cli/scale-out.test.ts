import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, ensureBuilt, interleave, interleaveAll, ROOT } from './helpers/cli';

beforeAll(() => ensureBuilt(), 180_000);

// The commands of docs/scale-out.md's recipe, through the real binary.
describe('explore --shard, explore --workers and merge', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'interleave-shards-'));
  const file = (name: string) => path.join(dir, name);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let whole = '';
  let parts: string[] = [];

  beforeAll(async () => {
    const [a, b, w] = await interleaveAll([
      ['explore', 'race', '--runs', '400', '--shard', '1/2', '--json'],
      ['explore', 'race', '--runs', '400', '--shard', '2/2', '--json'],
      ['explore', 'race', '--runs', '400', '--json'],
    ]);
    // Each shard found lost updates of its own: exit code 1, as explore's.
    expect([a!.code, b!.code, w!.code]).toEqual([1, 1, 1]);
    parts = [a!.stdout, b!.stdout];
    whole = w!.stdout;
    writeFileSync(file('part-1.json'), parts[0]!);
    writeFileSync(file('part-2.json'), parts[1]!);
  }, 180_000);

  it('merges the shard reports into exactly the unsharded report (--json), with exit code 1 for the failure', () => {
    const r = interleave(['merge', file('part-1.json'), file('part-2.json'), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(whole);
    expect(JSON.parse(parts[0]!).shard).toBe('1/2');
    expect(JSON.parse(r.stdout).runs).toBe(400);
  });

  it('prints the merged report as explore does, with a replay line to fill in', () => {
    const r = interleave(['merge', file('part-2.json'), file('part-1.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Explored 2 shard reports: 400 runs/);
    expect(r.stdout).toMatch(/FAILED: \d+ of 400 runs failed/);
    expect(r.stdout).toMatch(/replay {4}interleave replay PROGRAM il1\./);
  });

  it('exits 0 when no shard failed', async () => {
    const [a, b] = await interleaveAll([
      ['explore', 'lock', '--runs', '20', '--shard', '1/2', '--json'],
      ['explore', 'lock', '--runs', '20', '--shard', '2/2', '--json'],
    ]);
    writeFileSync(file('lock-1.json'), a!.stdout);
    writeFileSync(file('lock-2.json'), b!.stdout);
    const r = interleave(['merge', file('lock-1.json'), file('lock-2.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/20 runs/);
  });

  it('refuses a missing shard, a file that is not JSON and an unreadable file, with exit code 2', () => {
    const missing = interleave(['merge', file('part-1.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^interleave: shards 2\/2 are missing/);
    writeFileSync(file('bad.json'), 'not json');
    expect(interleave(['merge', file('bad.json')]).stderr).toMatch(/is not JSON/);
    const gone = interleave(['merge', file('nope.json')]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/cannot read .*nope\.json: ENOENT/);
  });

  it('refuses a bad --shard value with exit code 2', () => {
    const r = interleave(['explore', 'race', '--shard', '3/2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/option 'shard' must be 'i\/n' with 1 <= i <= n/);
  });

  it("turns a Kubernetes Indexed Job's JOB_COMPLETION_INDEX into the shard, as the recipe's shell line does", () => {
    const line = `"${process.execPath}" "${BIN}" explore race --runs 400 --shard $((JOB_COMPLETION_INDEX + 1))/2 --json`;
    for (const index of [0, 1]) {
      const r = spawnSync('sh', ['-c', line], {
        cwd: ROOT,
        env: { ...process.env, JOB_COMPLETION_INDEX: String(index), NO_COLOR: '1' },
        encoding: 'utf8',
      });
      expect(r.status).toBe(1);
      expect(r.stdout).toBe(parts[index]);
    }
  });

  it('--workers 2 gives the same report as one thread', () => {
    const r = interleave(['explore', 'race', '--runs', '400', '--workers', '2', '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(whole);
    expect(readFileSync(file('part-1.json'), 'utf8')).toBe(parts[0]);
  });
});
