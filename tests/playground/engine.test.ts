import { readFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../../src/index';
import * as race from '../../demos/race';
import { LineTracker } from '../../playground/src/worker/line-tracker';
import { loadProgram } from '../../playground/src/worker/load-program';
import type { PageRunOptions } from '../../playground/src/worker/protocol';
import { tracedRun } from '../../playground/src/worker/run-view';
import { PageStepSession } from '../../playground/src/worker/step-model';
import { SyntaxProblem, transpile } from '../../playground/src/worker/transpile';

// The playground's engine (what its Web Worker runs), tested in Node: the browser tests drive
// the same modules through the page.
const RACE = readFileSync(path.join(__dirname, '..', '..', 'demos', 'race.ts'), 'utf8');
const PAGE: PageRunOptions = { seed: '0', strategy: 'round-robin', switchInterval: null };

describe("the playground's engine", () => {
  const spins: string[] = [];
  const lines = new LineTracker((thread, line) => spins.push(`${thread}:${line}`));

  it('runs a demo transpiled in the page as the CLI runs it: same output and token', async () => {
    const program = await loadProgram(RACE, lines);
    const view = tracedRun(program, PAGE, null, lines);
    const direct = run(race.default, race.options);
    expect(view.output).toBe(direct.output);
    expect(view.token).toBe(direct.schedule);
    expect(view.verdict).toBe('fails');
  }, 30_000);

  it('gives every shared-cell access its step, value and source line, and trace events their lines', async () => {
    const view = tracedRun(await loadProgram(RACE, lines), PAGE, null, lines);
    const writes = view.accesses.filter((a) => a.write);
    expect(writes).toHaveLength(10);
    expect(new Set(writes.map((a) => a.line))).toEqual(new Set([22]));
    expect(writes[0]).toMatchObject({ cell: 'count', value: '1' });
    const prints = view.trace.map((e, i) => (e.type === 'print' && e.text !== '\n' ? view.lines[i] : undefined));
    expect(prints.filter((l) => l !== undefined)).toEqual([...Array(10).fill(21), 27]);
  }, 30_000);

  it('reports a syntax error at its line and column', async () => {
    const error = await transpile('export default function* main() {\n  yield (1 + ;\n}\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyntaxProblem);
    expect(error).toMatchObject({ line: 2, column: 14, message: 'Expression expected.' });
  }, 30_000);

  it('refuses imports other than interleave-threads, and a program without a generator main', async () => {
    await expect(loadProgram("import fs from 'fs';\nexport default function* main() { fs; }\n", lines)).rejects.toThrow(
      "Cannot import 'fs' in the playground: a program may import only from 'interleave-threads'",
    );
    await expect(loadProgram('export default function main() {}\n', lines)).rejects.toThrow(
      'no default export that is a generator function',
    );
  }, 30_000);

  it('steps on the library model: choices, undo, threads at their lines, next steps, the state panel', async () => {
    const session = new PageStepSession(await loadProgram(RACE, lines), PAGE, lines, false);
    for (const n of [2, 3, 1]) expect(session.choose(n)).toBe(true);
    expect(session.view().choices).toBe(3);
    expect(session.choose(99)).toBe(false);
    expect(session.undo()).toBe(true);
    const view = session.view();
    expect(view.choices).toBe(2);
    expect(view.runnable.find((c) => c.thread === 'Thread-1')).toMatchObject({ line: 14, next: 'runs its own code' });
    expect(view.state).toEqual([{ kind: 'shared', name: 'count', value: '0', waiters: [] }]);
    expect(view.threads[0]).toEqual({
      thread: 'MainThread',
      state: 'runnable',
      number: 1,
      doing: 'joins Thread-1',
      line: 26,
    });
  }, 30_000);

  it('shows a lock with its holder and waiter, and the blocked thread at its line', async () => {
    const source =
      "import { Lock, Thread } from 'interleave-threads';\n" +
      'export default function* main() {\n' +
      "  const lock = new Lock({ name: 'L' });\n" +
      '  const body = function* () {\n' +
      '    yield* lock.acquire();\n' +
      '    yield;\n' +
      '    lock.release();\n' +
      '  };\n' +
      '  const a = new Thread({ target: body });\n' +
      '  const b = new Thread({ target: body });\n' +
      '  a.start();\n' +
      '  b.start();\n' +
      '  yield* a.join();\n' +
      '  yield* b.join();\n' +
      '}\n';
    const session = new PageStepSession(await loadProgram(source, lines), PAGE, lines, false);
    const pick = (thread: string): number => session.view().runnable.find((c) => c.thread === thread)!.number;
    expect(session.choose(pick('Thread-1'), true)).toBe(true);
    expect(session.view().runnable.find((c) => c.thread === 'Thread-1')?.next).toBe("acquires Lock 'L' (free)");
    expect(session.choose(pick('Thread-1'))).toBe(true);
    expect(session.choose(pick('Thread-2'), true)).toBe(true);
    expect(session.choose(pick('Thread-2'))).toBe(true);
    const view = session.view();
    expect(view.blocked).toEqual([{ thread: 'Thread-2', waitingFor: "Lock 'L'", heldBy: ['Thread-1'], line: 5 }]);
    expect(view.state).toEqual([{ kind: 'lock', name: 'L', value: 'held by Thread-1', waiters: ['Thread-2'] }]);
    expect(view.happened.map((e) => [e.thread, e.text, e.line])).toContainEqual([
      'Thread-2',
      "blocks: waits for Lock 'L' (held by Thread-1)",
      5,
    ]);
  }, 30_000);

  it('runs a thread up to its next visible op with +, says its read with the value; undo restores', async () => {
    const session = new PageStepSession(await loadProgram(RACE, lines), PAGE, lines, false);
    const before = session.view();
    const first = before.runnable.find((c) => c.thread === 'Thread-1')!;
    expect(session.choose(first.number, true)).toBe(true);
    const at = session.view();
    expect(at.runnable.find((c) => c.thread === 'Thread-1')).toMatchObject({ line: 21, next: 'reads count (now 0)' });
    expect(at.happened.every((e) => e.thread === 'Thread-1' || e.text.startsWith('starts'))).toBe(true);
    expect(at.steps).toBeGreaterThan(before.steps + 1);
    // The read: the model's location, in the evaluated program's transpiled text, mapped to the source line.
    expect(session.choose(first.number, true)).toBe(true);
    expect(session.view().happened).toEqual([
      { step: at.steps + 1, thread: 'Thread-1', text: 'read count → 0', line: 21 },
    ]);
    session.undo();
    session.undo();
    expect(session.view()).toEqual(before);
  }, 30_000);

  it('finishes with the default strategy, and the challenge text follows the check', async () => {
    const session = new PageStepSession(await loadProgram(RACE, lines), PAGE, lines, true);
    expect(session.view().challenge).toBe('Challenge: make the check fail by choosing who runs.');
    const done = session.finish();
    expect(done.runnable).toEqual([]);
    expect(done.finished?.token).toBeDefined();
    const verdict = done.finished!.verdict;
    expect(done.challenge).toBe(
      verdict === 'holds'
        ? 'The check held: undo and try another order.'
        : 'Challenge won: your schedule makes the check fail.',
    );
    expect(session.undo()).toBe(true);
    expect(session.view().finished).toBeNull();
  }, 30_000);

  it("follows a loaded run's token in the step view to the same end", async () => {
    const program = await loadProgram(RACE, lines);
    const loaded = tracedRun(program, { ...PAGE, seed: '7', strategy: 'random' }, null, lines);
    const session = new PageStepSession(program, PAGE, lines, false, loaded.token);
    session.follow(loaded.trace);
    expect(session.view().finished?.output).toBe(loaded.output);
  }, 60_000);

  it('counts the iterations of a loop that never yields and reports its thread and line', async () => {
    const program = await loadProgram(
      "import { Thread } from 'interleave-threads';\n" +
        'export default function* main() {\n' +
        '  let n = 0;\n' +
        '  const t = new Thread({ target: function* () {\n' +
        '    while (n < 5_000_000) { n++; }\n' +
        '  } });\n' +
        '  t.start();\n' +
        '  yield* t.join();\n' +
        '}\n',
      lines,
    );
    spins.length = 0;
    tracedRun(program, PAGE, null, lines);
    expect(spins).toEqual(['Thread-1:5']);
  }, 30_000);
});
