import { spawnSync } from 'node:child_process';
import path from 'node:path';

/*
 * After a run, nothing of it may stay reachable from what the program or its caller keeps: the
 * primitives, threads and pools made in it, the result and the explore report. Each case of the
 * child program keeps such objects, drops the rest, collects garbage (node --expose-gc) and
 * reports, through a WeakRef, whether the run's Runtime is still alive. The `control` case keeps
 * the Runtime on purpose, so a check that could not see a kept Runtime would fail here.
 */

interface Outcome {
  status: string;
  runtimeKept: boolean;
}

const CHILD = path.join(__dirname, 'fixtures', 'run-retention.ts');

function runChild(): Record<string, Outcome> {
  const child = spawnSync(process.execPath, ['--expose-gc', '--require', 'tsx/cjs', CHILD], {
    encoding: 'utf8',
    cwd: path.resolve(__dirname, '..', '..'),
  });
  if (child.status !== 0) throw new Error(`run-retention child failed (${child.status}):\n${child.stderr}`);
  return JSON.parse(child.stdout) as Record<string, Outcome>;
}

describe('what a run leaves behind', () => {
  let outcomes: Record<string, Outcome>;
  beforeAll(() => {
    outcomes = runChild();
  }, 60_000);

  it('runs every case as intended (so each one checks what it says)', () => {
    const statuses = Object.fromEntries(Object.entries(outcomes).map(([k, o]) => [k, o.status]));
    for (const how of ['run', 'explore']) {
      expect(statuses[`${how} deadlock`]).toBe('deadlock');
      for (const name of ['lock', 'condition', 'pool', 'closure', 'daemon', 'error', 'control'])
        expect(statuses[`${how} ${name}`]).toBe('ok');
    }
    expect(Object.keys(outcomes)).toHaveLength(2 * 17);
  });

  it('sees a Runtime the program keeps on purpose', () => {
    expect(outcomes['run control']!.runtimeKept).toBe(true);
    expect(outcomes['explore control']!.runtimeKept).toBe(true);
  });

  it('keeps no Runtime alive through primitives, threads, errors, results or reports', () => {
    const kept = Object.entries(outcomes)
      .filter(([name, o]) => !name.endsWith(' control') && o.runtimeKept)
      .map(([name]) => name);
    expect(kept).toEqual([]);
  });
});
