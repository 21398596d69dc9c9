import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, ensureBuilt, interleave, ROOT } from './helpers/cli';

jest.setTimeout(60_000);

beforeAll(() => ensureBuilt(), 180_000);

describe('interleave step', () => {
  it('a scripted session through deadlock reaches the deadlock, and its token replays it', () => {
    const r = interleave(['step', 'deadlock'], { input: '2\n9\n1\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain("'9' is not a choice");
    expect(r.stdout).toContain('(end of input: the default strategy finishes the run)');
    expect(r.stdout).toMatch(/the run is over: deadlock after \d+ steps/);
    const token = /^Token of your schedule: (il1\.\S+)$/m.exec(r.stdout)![1]!;
    expect(r.stdout).toContain(`Replay it with: interleave replay deadlock ${token}\n`);
    const again = interleave(['replay', 'deadlock', token, '--json']);
    expect(again.code).toBe(1);
    const o = JSON.parse(again.stdout) as { status: string; schedule: string; deadlock: { cycle: string[] } };
    expect(o.status).toBe('deadlock');
    expect(o.schedule).toBe(token);
    expect(o.deadlock.cycle).toEqual(['Thread-1', 'Thread-2', 'Thread-1']);
  });

  it('q quits with the token of the choices so far, and an ok run exits 0', () => {
    const r = interleave(['step', 'lock'], { input: 'q\n' });
    expect(r.stdout).toContain('Token of your choices so far: il1.');
    expect(r.code).toBe(0);
  });
});

describe('interleave trace', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'interleave-trace-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes valid Chrome trace-event JSON: a named track per thread, complete events with durations', () => {
    const file = path.join(dir, 'run.json');
    const r = interleave(['trace', 'deadlock', '-o', file]);
    expect(r.code).toBe(1); // the run deadlocks; the trace is written all the same
    expect(r.stdout).toMatch(/^Wrote .*run\.json: \d+ events of a run that ended deadlock after 15 steps\.$/m);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: Record<string, unknown>[] };
    expect(Array.isArray(doc.traceEvents)).toBe(true);
    for (const e of doc.traceEvents) {
      expect(typeof e.ph).toBe('string');
      expect(typeof e.pid).toBe('number');
      expect(typeof e.tid).toBe('number');
      expect(typeof e.ts).toBe('number');
      if (e.ph === 'X') expect(e.dur).toBeGreaterThan(0);
    }
    const names = doc.traceEvents
      .filter((e) => e.ph === 'M' && e.name === 'thread_name')
      .map((e) => (e.args as { name: string }).name);
    expect(names).toEqual(['MainThread', 'Thread-1', 'Thread-2']);
    expect(doc.traceEvents.some((e) => e.ph === 'X')).toBe(true);
  });

  it('-o - writes the JSON to stdout, the same bytes every run', () => {
    const a = interleave(['trace', 'lock', '-o', '-']);
    expect(a.code).toBe(0);
    expect(() => JSON.parse(a.stdout) as unknown).not.toThrow();
    expect(interleave(['trace', 'lock', '-o', '-']).stdout).toBe(a.stdout);
  });

  it('without -o it is a usage error', () => {
    const r = interleave(['trace', 'lock']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^interleave: required option '-o, --output <file>' not specified/);
  });
});

describe('interleave explore', () => {
  it('finds the lost update in race: the histogram of counts, FAILED, the shrunk token and its replay command; exit 1', () => {
    const r = interleave(['explore', 'race', '--runs', '200']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(''); // no progress bar in a pipe
    expect(r.stdout).toMatch(/^Explored race: 200 runs \(random, seed 0\), \d+ distinct schedules\.$/m);
    expect(r.stdout).toMatch(/^ {2}ok: value=10 +█+ +\d+$/m);
    expect(r.stdout).toMatch(/^ {2}ok: value=9 +█+ +\d+$/m);
    expect(r.stdout).toMatch(/^FAILED: \d+ of 200 runs failed/m);
    const shrunk = /^shrunk {4}(il1\.\S+)$/m.exec(r.stdout)![1]!;
    expect(r.stdout).toContain(`replay    interleave replay race ${shrunk}\n`);
    const again = interleave(['replay', 'race', shrunk]);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/^check {5}FAILED/m);
  });

  it('finds nothing in lock and exits 0', () => {
    const r = interleave(['explore', 'lock', '--runs', '100']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}ok: value=10 +█+ +100$/m);
    expect(r.stdout).toContain('no failure in 100 runs.');
  });

  it('--json prints one ExploreReport, its failing result a RunResult with errors as { name, message }', () => {
    const r = interleave(['explore', 'lost-wakeup', '--runs', '50', '--json']);
    expect(r.code).toBe(1);
    const o = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const key of ['runs', 'failures', 'firstFailure', 'outcomes', 'distinct', 'complete'])
      expect(o).toHaveProperty(key);
    expect(o.runs).toBe(50);
    const f = o.firstFailure as {
      schedule: string;
      shrunk: string;
      result: { status: string; errors: { thread: string; error: unknown }[] };
    };
    expect(f.schedule).toMatch(/^il1\./);
    expect(f.shrunk).toMatch(/^il1\./);
    expect(f.result.status).toBe('deadlock');
    expect(f.result.errors[0]!.error).toEqual({ name: 'IndexError', message: 'pop from an empty deque' });
  });

  it("refuses run's strategies and bad budgets as usage errors", () => {
    const r = interleave(['explore', 'race', '--strategy', 'round-robin']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^interleave: option '--strategy <name>' argument 'round-robin' is invalid: Allowed choices are random, pct, exhaustive\./,
    );
    expect(interleave(['explore', 'race', '--runs', 'many']).code).toBe(2);
  });

  const hasScript = spawnSync('script', ['--version']).status === 0;
  (hasScript ? it : it.skip)('shows a progress bar on stderr when it is a terminal', () => {
    // util-linux script(1) gives the command a pseudo-terminal, as a user's shell would.
    const r = spawnSync('script', ['-qec', `${process.execPath} ${BIN} explore race --runs 400`, '/dev/null'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stdout).toMatch(/exploring .*\d+% \| \d+\/400 runs/);
    expect(r.stdout).toContain('FAILED');
  });
});
