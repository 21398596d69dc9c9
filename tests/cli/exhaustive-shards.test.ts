import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureBuilt, interleave, interleaveAll, ROOT } from './helpers/cli';

beforeAll(() => ensureBuilt(), 180_000);

const fixture = (name: string) => path.join(ROOT, 'tests', 'cli', 'fixtures', name);
const dir = mkdtempSync(path.join(tmpdir(), 'interleave-exhaustive-shards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the whole search and its n shards (--json), writes the shards to files and merges them. */
async function shardAndMerge(program: string, n: number, extra: string[] = []) {
  const base = ['explore', program, '--strategy', 'exhaustive', ...extra, '--json'];
  const runs = await interleaveAll([
    base,
    ...Array.from({ length: n }, (_, i) => [...base, '--shard', `${i + 1}/${n}`]),
  ]);
  const [whole, ...parts] = runs;
  const files = parts.map((p, i) => {
    expect(p!.stderr).toBe('');
    const f = path.join(dir, `${path.basename(program)}-${n}-${i + 1}.json`);
    writeFileSync(f, p!.stdout);
    return f;
  });
  const merged = interleave(['merge', ...files, '--json']);
  return { whole: whole!, parts: parts as { code: number | null; stdout: string }[], merged, files };
}

/** The JSON report without the fields a merge of exhaustive shards may not reproduce (docs/exhaustive.md). */
function comparable(json: string) {
  const { pruned: _p, maxPreemptions: _m, firstFailure, ...rest } = JSON.parse(json);
  return { ...rest, firstFailure: firstFailure && { ...firstFailure, run: 0 } };
}

describe('interleave explore --strategy exhaustive --shard i/n, then interleave merge', () => {
  jest.setTimeout(120_000);

  it('a DPOR-reduced program: the merge equals the whole search (exit 0)', async () => {
    const { whole, parts, merged } = await shardAndMerge(fixture('counter.ts'), 3);
    expect(whole.code).toBe(0);
    expect(merged.code).toBe(0);
    expect(JSON.parse(parts[0]!.stdout).shard).toBe('1/3');
    expect(comparable(merged.stdout)).toEqual(comparable(whole.stdout));
    expect(JSON.parse(merged.stdout)).toMatchObject({ complete: true, runs: 6 });
  });

  it('a program with a failure: the merge finds it as the whole search does, and exits 1', async () => {
    const { whole, parts, merged, files } = await shardAndMerge(fixture('unlocked.mjs'), 2);
    expect(whole.code).toBe(1);
    expect(merged.code).toBe(1);
    expect(parts.some((p) => p.code === 1)).toBe(true);
    expect(comparable(merged.stdout)).toEqual(comparable(whole.stdout));
    const text = interleave(['merge', ...files]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^Explored 2 shard reports: /);
    expect(text.stdout).toContain(JSON.parse(whole.stdout).firstFailure.shrunk);
  });

  it('a program with timers (the state cache): the merge is complete with the same outcomes', async () => {
    const { whole, merged } = await shardAndMerge(fixture('sleepers.ts'), 2);
    expect(merged.code).toBe(0);
    const w = JSON.parse(whole.stdout);
    const m = JSON.parse(merged.stdout);
    expect(m.complete).toBe(true);
    expect(w.complete).toBe(true);
    expect(Object.keys(m.outcomes).sort()).toEqual(Object.keys(w.outcomes).sort());
  });

  it('a search cut by its budget: the merge still says NOT complete on its first line', async () => {
    const { merged, files } = await shardAndMerge(fixture('counter.ts'), 2, ['--runs', '4']);
    expect(JSON.parse(merged.stdout)).toMatchObject({ complete: false, exhausted: true, runs: 4 });
    const text = interleave(['merge', ...files]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^NOT complete: the budget of 4 runs ran out first/);
    expect(text.stdout).toMatch(/no failure in 4 runs, but the search is NOT complete \(see the first lines\)\.\n$/);
  });

  it('--workers 2 gives the merge of two shards', async () => {
    const [workers, one, two] = await interleaveAll([
      ['explore', fixture('unlocked.mjs'), '--strategy', 'exhaustive', '--workers', '2', '--json'],
      ['explore', fixture('unlocked.mjs'), '--strategy', 'exhaustive', '--shard', '1/2', '--json'],
      ['explore', fixture('unlocked.mjs'), '--strategy', 'exhaustive', '--shard', '2/2', '--json'],
    ]);
    writeFileSync(path.join(dir, 'w1.json'), one!.stdout);
    writeFileSync(path.join(dir, 'w2.json'), two!.stdout);
    const merged = interleave(['merge', path.join(dir, 'w1.json'), path.join(dir, 'w2.json'), '--json']);
    expect(workers!.code).toBe(1);
    expect(workers!.stdout).toBe(merged.stdout);
  });
});
