import path from 'node:path';
import { ensureBuilt, interleave } from './helpers/cli';

/** A thread that loops without yielding must not hang the command (issue 15, item 1). */
const FIX = path.join(__dirname, 'fixtures', 'edges');
const rel = (name: string): string => path.relative(process.cwd(), path.join(FIX, name));

jest.setTimeout(120_000);
beforeAll(() => ensureBuilt());

const FIX_LINE =
  'A loop that waits must yield: `while (!flag) yield;` (or wait on a primitive: `yield* event.wait()`).\n';

describe('the watchdog', () => {
  it.each([
    ['run', []],
    ['explore', ['--runs', '5']],
    // A short search with workers stays in the command's thread, which the command's watchdog watches.
    ['explore', ['--runs', '5', '--workers', '2']],
    ['trace', ['-o', '-']],
  ])('stops %s of a busy-wait: exit 1, the thread, the line where it last yielded, and the fix', (command, extra) => {
    const r = interleave([command, rel('busy-wait.mjs'), '--watchdog', '1', ...extra]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'interleave: watchdog: no step finished for 1 s: a thread is running code that never yields, so the run would never end.\n' +
        `waiter was running; it last yielded at ${rel('busy-wait.mjs')}:7.\n` +
        FIX_LINE,
    );
  });

  it('gives the line of the TypeScript source, not of the code tsx made from it', () => {
    const r = interleave(['run', rel('busy-wait.ts'), '--watchdog', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`spinner was running; it last yielded at ${rel('busy-wait.ts')}:12.\n`);
  });

  it('stops a replay and an interactive step session the same way', () => {
    const token = 'il1.cnJ8MHwxMDB8MC4wMDAwMDF8MXwxfDN8MTAwMHwxMDAwMDAwMHw2fC0.1apa';
    const replay = interleave(['replay', rel('busy-wait.mjs'), token, '--watchdog', '1']);
    expect(replay.code).toBe(1);
    expect(replay.stderr).toContain('waiter was running; it last yielded at');
    // The user runs main (it blocks on join), then the waiter: its step never ends.
    const step = interleave(['step', rel('busy-wait.mjs'), '--watchdog', '1'], { input: '1\n2\n' });
    expect(step.code).toBe(1);
    expect(step.stderr).toContain(`waiter was running; it last yielded at ${rel('busy-wait.mjs')}:7.\n`);
  });

  it('leaves normal output byte-identical to a run without it, and refuses a bad value', () => {
    const on = interleave(['run', 'race', '--timeline']);
    const off = interleave(['run', 'race', '--timeline', '--watchdog', '0']);
    expect(on.stdout).toBe(off.stdout);
    expect(on.code).toBe(off.code);
    const bad = interleave(['run', 'race', '--watchdog', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("option '--watchdog <seconds>' argument 'soon' is invalid");
  });
});
