import { Lock, type MainFunction, print, replay, sleep, Thread, TypeError, type RunResult } from 'interleave-threads';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import deadlockDemo from '../../demos/deadlock';
import { decodeToken } from '../../src/explore/schedule-token';
import { runStepSession, StepSession } from '../../src/cli/step-session';
import { deadlock } from '../support/tutorial-programs';

/** The same without the sleeps: whether it deadlocks depends on the choices. */
function* quick() {
  const lockA = new Lock({ name: 'lockA' });
  const lockB = new Lock({ name: 'lockB' });
  function* f1() {
    yield* lockA.acquire();
    yield* lockB.acquire();
    yield* print('f1 has both');
    lockB.release();
    lockA.release();
  }
  function* f2() {
    yield* lockB.acquire();
    yield* lockA.acquire();
    yield* print('f2 has both');
    lockA.release();
    lockB.release();
  }
  new Thread({ target: f1 }).start();
  new Thread({ target: f2 }).start();
}

/** A napper goes to sleep while main and a worker can still run. */
function* napping() {
  new Thread({ name: 'napper', target: function* () { yield* print('zzz'); yield* sleep(1); } }).start();
  new Thread({ name: 'worker', target: function* () { yield; yield; } }).start();
  yield;
  yield;
  yield;
}

const session = (lines: AsyncIterable<string> | Iterable<string>, main: MainFunction = deadlock, color = false) => {
  let text = '';
  const s = new StepSession(main);
  const done = runStepSession(s, { lines, write: (t) => (text += t), color });
  return { s, done, text: () => text };
};

const sameRun = (a: RunResult, b: RunResult): void => {
  expect({ status: b.status, output: b.output, steps: b.steps, time: b.time, deadlock: b.deadlock }).toEqual({
    status: a.status,
    output: a.output,
    steps: a.steps,
    time: a.time,
    deadlock: a.deadlock,
  });
};

describe('StepSession', () => {
  it('starts at the first decision, with each runnable thread numbered and its next step', () => {
    expect(new StepSession(deadlock).state()).toEqual({
      runnable: [
        { number: 1, thread: 'Thread-1', next: 'start: run its own code' },
        { number: 2, thread: 'Thread-2', next: 'start: run its own code' },
      ],
      blocked: [],
      output: '',
      steps: 1,
      time: 0.000001,
      finished: null,
    });
  });

  it("shows the op each thread will take next, and who holds what a blocked thread waits for", () => {
    const s = new StepSession(quick);
    expect(s.choose(1)).toBe(true);
    expect(s.state().runnable[0]).toEqual({ number: 1, thread: 'Thread-1', next: "acquire Lock 'lockA'" });
    for (const n of [1, 2, 2]) s.choose(n);
    expect(s.state().runnable.map((r) => r.next)).toEqual(["acquire Lock 'lockB'", "acquire Lock 'lockA'"]);
    s.choose(1);
    expect(s.state().finished?.status).toBe('deadlock');
    expect(s.state().blocked).toEqual([
      { thread: 'Thread-1', waitingFor: "Lock 'lockB'", heldBy: ['Thread-2'] },
      { thread: 'Thread-2', waitingFor: "Lock 'lockA'", heldBy: ['Thread-1'] },
    ]);
  });

  it('lists a sleeping thread as blocked while two others can run', () => {
    const s = new StepSession(napping);
    for (let i = 0; i < 4; i++) s.choose(2);
    expect(s.state()).toMatchObject({
      blocked: [{ thread: 'napper', waitingFor: 'sleep(1)', heldBy: [] }],
      output: 'zzz\n',
      runnable: [
        { number: 1, thread: 'MainThread', next: 'run its own code' },
        { number: 2, thread: 'worker', next: 'start: run its own code' },
      ],
    });
  });

  it('asks only where two or more threads could run', () => {
    const s = new StepSession(deadlock);
    for (let i = 0; i < 5; i++) s.choose(1);
    // Thread-1 went to sleep before Thread-2 ever ran: Thread-2 alone ran on, and both ended blocked.
    expect(s.state().finished!.status).toBe('deadlock');
    expect(s.choose(1)).toBe(false);
  });

  it('lets the choices decide: one thread first runs clean, interleaved they deadlock', () => {
    const first = new StepSession(quick);
    while (first.state().finished === null) first.choose(1);
    expect(first.state().finished!.status).toBe('ok');
    expect(first.state().output).toBe('f1 has both\nf2 has both\n');
    const mixed = new StepSession(quick);
    for (const n of [1, 1, 2, 2, 1]) expect(mixed.choose(n)).toBe(true);
    expect(mixed.state().finished!.status).toBe('deadlock');
  });

  it('refuses an invalid choice and leaves the state unchanged', () => {
    const s = new StepSession(deadlock);
    const before = s.state();
    for (const n of [0, 3, -1, 1.5, Number.NaN]) expect(s.choose(n)).toBe(false);
    expect(s.state()).toBe(before);
  });

  it('undoes choices back to the start, and no further', () => {
    const s = new StepSession(deadlock);
    const start = s.state();
    s.choose(2);
    const second = s.state();
    s.choose(1);
    expect(s.undo()).toBe(true);
    expect(s.state()).toEqual(second);
    expect(s.undo()).toBe(true);
    expect(s.state()).toEqual(start);
    expect(s.undo()).toBe(false);
  });

  it('finishes with the default strategy, and its token replays the same run', () => {
    const s = new StepSession(quick);
    s.choose(2);
    const result = s.finish();
    expect(s.state().finished).toBe(result);
    expect(s.choose(1)).toBe(false);
    expect(s.token()).toBe(result.schedule);
    sameRun(result, replay(quick, s.token()));
    expect(s.undo()).toBe(true);
    expect(s.state().finished).toBeNull();
    expect(s.state().runnable).toHaveLength(2);
  });

  it('gives a token before finishing that replays the choices so far, then the default strategy', () => {
    const s = new StepSession(quick);
    for (const n of [1, 1, 2, 2]) s.choose(n);
    const token = s.token();
    expect(s.state().finished).toBeNull();
    expect(replay(quick, token).status).toBe('deadlock');
    expect(decodeToken(token).strategy).toBe('choices');
  });

  it('runs with switchInterval 1 unless told otherwise', () => {
    expect(decodeToken(new StepSession(quick).token()).switchInterval).toBe(1);
    expect(decodeToken(new StepSession(quick, { switchInterval: 50 }).token()).switchInterval).toBe(50);
    // With a slice of 50 steps the threads here never give up the GIL: the run ends with no choice to make.
    expect(new StepSession(quick, { switchInterval: 50 }).state().runnable).toHaveLength(2);
  });

  it('refuses a main that is not a generator function, as run does', () => {
    expect(() => new StepSession((() => 1) as never)).toThrow(TypeError);
  });
});

describe('runStepSession', () => {
  it('plays a scripted session into the deadlock, and its token replays that deadlock', async () => {
    const { s, done, text } = session(['1', '1', '1', '2', '2', '2', '1']);
    const result = await done;
    expect(result.status).toBe('deadlock');
    expect(result.deadlock!.cycle).toEqual(['Thread-1', 'Thread-2', 'Thread-1']);
    expect(text()).toContain('── the run is over: deadlock after');
    expect(text()).toContain(`Token of your schedule: ${result.schedule}`);
    expect(s.token()).toBe(result.schedule);
    sameRun(result, replay(deadlock, result.schedule));
  });

  it('prints each screen: new output, blocked threads and the numbered choices', async () => {
    const { done, text } = session(['2', '2', '2', '2'], napping);
    await done;
    expect(text()).toContain(
      [
        '── step 3 · 0.000003 s ──────────────────────────────',
        'New output:',
        '  │ zzz',
        'Runnable:',
        '   1 MainThread  run its own code',
        '   2 napper      print',
        '   3 worker      start: run its own code',
        'Run which thread? (1-3, u = undo, q = quit) ',
      ].join('\n'),
    );
    expect(text()).toContain(
      [
        '── step 5 · 0.000005 s ──────────────────────────────',
        'Blocked:',
        '     napper  sleeps: sleep(1)',
        'Runnable:',
        '   1 MainThread  run its own code',
        '   2 worker      start: run its own code',
        'Run which thread? (1 or 2, u = undo, q = quit) ',
      ].join('\n'),
    );
  });

  it('writes the exact transcript of a short session', async () => {
    const { done, text } = session(['1', '1', '2', '2', '1'], quick);
    await done;
    expect(text()).toBe(
      [
        'You are the scheduler. Each screen lists the threads that can run and what their next step does.',
        'Type a number to run that thread for one step, u to undo your last choice, q to quit.',
        '',
        '── step 1 · 0.000001 s ──────────────────────────────',
        'Runnable:',
        '   1 Thread-1  start: run its own code',
        '   2 Thread-2  start: run its own code',
        'Run which thread? (1 or 2, u = undo, q = quit) ',
        '── step 2 · 0.000002 s ──────────────────────────────',
        'Runnable:',
        "   1 Thread-1  acquire Lock 'lockA'",
        '   2 Thread-2  start: run its own code',
        'Run which thread? (1 or 2, u = undo, q = quit) ',
        '── step 3 · 0.000003 s ──────────────────────────────',
        'Runnable:',
        "   1 Thread-1  acquire Lock 'lockB'",
        '   2 Thread-2  start: run its own code',
        'Run which thread? (1 or 2, u = undo, q = quit) ',
        '── step 4 · 0.000004 s ──────────────────────────────',
        'Runnable:',
        "   1 Thread-1  acquire Lock 'lockB'",
        "   2 Thread-2  acquire Lock 'lockB'",
        'Run which thread? (1 or 2, u = undo, q = quit) ',
        '── step 5 · 0.000005 s ──────────────────────────────',
        'Runnable:',
        "   1 Thread-1  acquire Lock 'lockB'",
        "   2 Thread-2  acquire Lock 'lockA'",
        'Run which thread? (1 or 2, u = undo, q = quit) ',
        '── the run is over: deadlock after 7 steps, 0.000007 s ────────────',
        "Deadlock: no thread can run and no timer is pending. Thread-1 waits for Lock 'lockB', held by Thread-2; Thread-2 waits for Lock 'lockA', held by Thread-1. The threads wait for each other in a cycle: Thread-1 → Thread-2 → Thread-1. None can go on until another does, so none ever will.",
        'Token of your schedule: il1.Y2h8MHwxfDAuMDAwMDAxfDF8MXwzfDEwMDB8MTAwMDAwMDB8N3wxKjIsMioyLDE.gp6v',
        '',
      ].join('\n'),
    );
  });

  it('refuses invalid input and asks again', async () => {
    const { done, text } = session(['x', '7', '', '0', '1']);
    await done;
    expect(text()).toContain("'x' is not a choice: type 1 or 2, u to undo or q to quit.");
    expect(text()).toContain("'7' is not a choice");
    expect(text()).toContain('An empty line is not a choice');
    expect(text()).toContain("'0' is not a choice");
    expect(text().match(/── step 1 ·/g)).toHaveLength(1);
  });

  it('undoes with u, and says so when there is nothing to undo', async () => {
    const { s, done, text } = session(['u', '2', 'u', '1'], quick);
    const result = await done;
    expect(text()).toContain('Nothing to undo: this is the first decision.');
    expect(text().match(/── step 1 ·/g)).toHaveLength(2);
    expect(text()).toContain("   1 Thread-1  acquire Lock 'lockA'");
    // The session went on from the choice 1; the end of input finished it.
    sameRun(result, replay(quick, s.token()));
  });

  it('lets the default strategy finish the run when the input ends', async () => {
    const { done, text } = session([]);
    const result = await done;
    expect(text()).toContain('(end of input: the default strategy finishes the run)');
    sameRun(result, new StepSession(deadlock).finish());
    expect(result.status).toBe('deadlock');
  });

  it('quits on q: prints where the run stands and the token of the choices so far, leaving the session unfinished', async () => {
    const { s, done, text } = session(['2', '2', 'q'], quick);
    const result = await done;
    expect(text()).toContain('── you quit at step 3 (0.000003 s); the run is not finished');
    const token = /Token of your choices so far: (\S+)/.exec(text())![1]!;
    expect(s.state().finished).toBeNull();
    expect(token).toBe(s.token());
    expect(result.schedule).toBe(token);
    sameRun(result, replay(quick, token));
    expect(text()).not.toContain('the run is over');
  });

  it('reads lines from an async iterable, such as a readline interface', async () => {
    async function* lines() {
      for (const l of ['1', '1', '2', '2', '1']) yield l;
    }
    const { done } = session(lines(), quick);
    expect((await done).status).toBe('deadlock');
  });

  it('writes escape codes only with color', async () => {
    const plain = session(['1'], quick);
    await plain.done;
    expect(plain.text()).not.toMatch(/\x1b/);
    const colored = session(['1'], quick, true);
    await colored.done;
    expect(colored.text()).toMatch(/\x1b\[/);
    expect(colored.text().replace(/\x1b\[[0-9;]*m/g, '')).toBe(plain.text());
  });

  it("shows the screen the README's step section shows", async () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Timeline, trace and step'));
    const block = [...section.matchAll(/```text\n([\s\S]*?)```/g)][1]![1]!;
    const { done, text } = session(['2', 'q'], deadlockDemo);
    await done;
    expect(text()).toContain(block.trimEnd());
  });
});
