import { type MainFunction, print, replay, type RunResult, sleep, Thread, TypeError } from 'interleave-threads';
import { decodeToken } from '../../src/scheduler/schedule-token';
import { parseChoice, StepSession } from '../../src/teach/step-session';
import { runStepSession } from '../../src/cli/step/step-loop';
import { abbaPrinting, counterWithQueue, sleepyAbba } from '../support/programs';

/** A napper goes to sleep while main and a worker can still run. */
function* napping() {
  new Thread({
    name: 'napper',
    target: function* () {
      yield* print('zzz');
      yield* sleep(1);
    },
  }).start();
  new Thread({
    name: 'worker',
    target: function* () {
      yield;
      yield;
    },
  }).start();
  yield;
  yield;
  yield;
}

/** Runs the thread named `name` (by its number on this screen). */
const run1 = (s: StepSession, name: string, toNextVisible = false): void => {
  const c = s.state().runnable.find((r) => r.thread === name);
  if (c === undefined) throw new Error(`${name} cannot run here`);
  expect(s.choose(c.number, { toNextVisible })).toBe(true);
};

const sameRun = (a: RunResult, b: RunResult): void => {
  const pick = (r: RunResult) => ({
    status: r.status,
    output: r.output,
    steps: r.steps,
    time: r.time,
    deadlock: r.deadlock,
    value: r.value,
  });
  expect(pick(b)).toEqual(pick(a));
};

describe('StepSession (the step model)', () => {
  it('starts at the first decision, with each runnable thread numbered and its next step', () => {
    const st = new StepSession(sleepyAbba).state();
    expect(st.runnable.map((r) => [r.number, r.thread, r.next])).toEqual([
      [1, 'Thread-1', 'starts: runs its own code'],
      [2, 'Thread-2', 'starts: runs its own code'],
    ]);
    expect(st.happened.map((h) => `${h.thread} ${h.text}`)).toEqual([
      'MainThread starts Thread-1',
      'MainThread starts Thread-2',
      'MainThread ends',
    ]);
    expect(st.finished).toBeNull();
  });

  it('describes next steps with values, and what happened with the value read or written', () => {
    const s = new StepSession(counterWithQueue);
    const next = (name: string): string => s.state().runnable.find((r) => r.thread === name)!.next;
    run1(s, 'Thread-1', true);
    expect(next('Thread-1')).toBe('reads count (now 0)');
    run1(s, 'Thread-2', true);
    run1(s, 'Thread-1'); // Thread-1 reads 0
    expect(s.state().happened[0]).toMatchObject({ thread: 'Thread-1', text: 'read count → 0' });
    expect(next('Thread-1')).toBe('writes count ← 1');
    run1(s, 'Thread-2'); // Thread-2 reads 0 too: the update will be lost
    expect(s.state().happened[0]).toMatchObject({ thread: 'Thread-2', text: 'read count → 0' });
    run1(s, 'Thread-1');
    expect(s.state().happened[0]).toMatchObject({ thread: 'Thread-1', text: 'wrote count ← 1' });
    expect(s.state().panel.find((p) => p.name === 'count')).toEqual({
      kind: 'shared',
      name: 'count',
      value: '1',
      waiters: [],
    });
    const result = s.finish();
    expect(result.value).toBe(1);
  });

  it('runs a thread to its next visible operation with +, and counts the steps it took', () => {
    const s = new StepSession(counterWithQueue);
    const before = s.state().steps;
    run1(s, 'Thread-1', true);
    // Its start and two bare steps: then its next step is the read.
    expect(s.state().steps - before).toBe(3);
    expect(s.state().happened).toEqual([
      expect.objectContaining({ thread: 'Thread-1', text: 'ran its own code (3 steps)' }),
    ]);
  });

  it('shows who holds what a blocked thread waits for, in its state and in the panel', () => {
    const s = new StepSession(abbaPrinting);
    for (const n of [1, 1, 2, 2, 1]) s.choose(n);
    const st = s.state();
    expect(st.finished?.status).toBe('deadlock');
    expect(st.threads.filter((t) => t.state === 'blocked').map((t) => t.doing)).toEqual([
      "waits for Lock 'lockB' (held by Thread-2)",
      "waits for Lock 'lockA' (held by Thread-1)",
    ]);
    expect(st.panel).toEqual([
      { kind: 'lock', name: 'lockA', value: 'held by Thread-1', waiters: ['Thread-2'] },
      { kind: 'lock', name: 'lockB', value: 'held by Thread-2', waiters: ['Thread-1'] },
    ]);
    expect(st.happened.map((h) => `${h.thread}: ${h.text}`)).toEqual([
      "Thread-1: blocks: waits for Lock 'lockB' (held by Thread-2)",
      "Thread-2: blocks: waits for Lock 'lockA' (held by Thread-1)",
    ]);
  });

  it('lists steps only one thread can take as they happen (a sleep, then the other thread alone)', () => {
    const s = new StepSession(napping);
    for (let i = 0; i < 4; i++) s.choose(2);
    const st = s.state();
    expect(st.blocked).toMatchObject([{ thread: 'napper', waitingFor: 'sleep(1)', heldBy: [] }]);
    expect(st.output).toBe('zzz\n');
    expect(st.threads.find((t) => t.thread === 'napper')!.doing).toMatch(/^sleep\(1\), until 1\.0000\d+ s$/);
  });

  it('decides at every step where two threads can run, whatever the switchInterval given', () => {
    expect(decodeToken(new StepSession(abbaPrinting, { switchInterval: 50 }).token()).switchInterval).toBe(1);
    expect(new StepSession(abbaPrinting, { switchInterval: 50 }).state().runnable).toHaveLength(2);
  });

  it('refuses an invalid choice and leaves the state unchanged', () => {
    const s = new StepSession(sleepyAbba);
    const before = s.state();
    for (const n of [0, 3, -1, 1.5, Number.NaN]) expect(s.choose(n)).toBe(false);
    expect(s.state()).toBe(before);
  });

  it('undoes choices back to the start, and no further', () => {
    const s = new StepSession(counterWithQueue);
    const start = s.state();
    run1(s, 'Thread-2', true);
    const second = s.state();
    run1(s, 'Thread-1');
    expect(s.undo()).toBe(true);
    expect(s.state()).toEqual(second);
    expect(s.undo()).toBe(true);
    expect(s.state()).toEqual(start);
    expect(s.undo()).toBe(false);
    expect(s.decisions()).toEqual([]);
  });

  it('finishes with the default strategy, and its token replays the same run', () => {
    const s = new StepSession(abbaPrinting);
    s.choose(2);
    const result = s.finish();
    expect(s.state().finished).toBe(result);
    expect(s.choose(1)).toBe(false);
    expect(s.token()).toBe(result.schedule);
    sameRun(result, replay(abbaPrinting, s.token()));
    expect(s.undo()).toBe(true);
    expect(s.state().finished).toBeNull();
  });

  it('gives the same states on every session (determinism)', () => {
    const a = new StepSession(counterWithQueue);
    const b = new StepSession(counterWithQueue);
    for (const s of [a, b]) for (const n of [1, 2, 1, 2]) s.choose(n, { toNextVisible: true });
    expect(JSON.stringify(b.state())).toBe(JSON.stringify(a.state()));
  });

  it('refuses a main that is not a generator function, as run does', () => {
    expect(() => new StepSession((() => 1) as never)).toThrow(TypeError);
  });
});

describe('parseChoice', () => {
  const st = new StepSession(sleepyAbba).state();
  it('reads a number or a name, with + to run to the next visible operation', () => {
    expect(parseChoice('2', st)).toEqual({ number: 2, toNextVisible: false });
    expect(parseChoice('2+', st)).toEqual({ number: 2, toNextVisible: true });
    expect(parseChoice('thread-1', st)).toEqual({ number: 1, toNextVisible: false });
    expect(parseChoice('Thread-2 +', st)).toEqual({ number: 2, toNextVisible: true });
  });
  it('refuses anything else', () => {
    for (const bad of ['', '0', '3', 'x', '+', 'Thread-9', '1++']) expect(parseChoice(bad, st)).toBeNull();
  });
});

describe('runStepSession', () => {
  const session = (
    lines: Iterable<string> | AsyncIterable<string>,
    main: MainFunction = abbaPrinting,
    color = false,
  ) => {
    let text = '';
    const s = new StepSession(main);
    const done = runStepSession(s, { lines, write: (t) => (text += t), color, echo: true });
    return { s, done, text: () => text };
  };

  it('plays a scripted session into the deadlock, echoing each choice; its token replays it', async () => {
    const { s, done, text } = session(['1', '1', '2', '2', '1']);
    const { result } = await done;
    expect(result.status).toBe('deadlock');
    expect(text()).toContain('or a name, + to run to its next visible op, u = undo, q = quit) 1\n');
    expect(text()).toContain('── the run is over: deadlock after');
    expect(text()).toContain(`Token of your schedule: ${result.schedule}`);
    expect(s.token()).toBe(result.schedule);
    sameRun(result, replay(abbaPrinting, result.schedule));
  });

  it('refuses invalid input and asks again', async () => {
    const { done, text } = session(['x', '7', '', '0', '1']);
    await done;
    expect(text()).toContain(
      "'x' is not a choice: type 1 or 2 or a name (Thread-1, Thread-2), add + to run to the next visible op, u to undo or q to quit.",
    );
    expect(text()).toContain("'7' is not a choice");
    expect(text()).toContain('An empty line is not a choice');
    expect(text().match(/── step 1 ·/g)).toHaveLength(1);
  });

  it('undoes with u, and says so when there is nothing to undo', async () => {
    const { s, done, text } = session(['u', '2', 'u', '1']);
    const { result } = await done;
    expect(text()).toContain('Nothing to undo: this is the first decision.');
    expect(text().match(/── step 1 ·/g)).toHaveLength(2);
    sameRun(result, replay(abbaPrinting, s.token()));
  });

  it('quits on q with the token of the choices so far', async () => {
    const { done, text } = session(['2', '2', 'q']);
    const { result, quit } = await done;
    expect(quit).toBe(true);
    expect(text()).toContain('── you quit at step 3 (0.000003 s); the run is not finished');
    const token = /Token of your choices so far: (\S+)/.exec(text())![1]!;
    expect(result.schedule).toBe(token);
    expect(text()).not.toContain('the run is over');
  });

  it('lets the default strategy finish the run when the input ends', async () => {
    const { done, text } = session([], sleepyAbba);
    const { result } = await done;
    expect(text()).toContain('(end of input: the default strategy finishes the run)');
    sameRun(result, new StepSession(sleepyAbba).finish());
  });

  it('writes escape codes only with color', async () => {
    const plain = session(['1']);
    await plain.done;
    expect(plain.text()).not.toMatch(/\x1b/);
    const colored = session(['1'], abbaPrinting, true);
    await colored.done;
    expect(colored.text()).toMatch(/\x1b\[/);
    expect(colored.text().replace(/\x1b\[[0-9;]*m/g, '')).toBe(plain.text());
  });
});
