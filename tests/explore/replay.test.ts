import {
  Event,
  Lock,
  print,
  random,
  replay,
  ReplayError,
  run,
  sleep,
  Thread,
  TypeError,
  ValueError,
  type RunOptions,
  type RunResult,
} from 'interleave-threads';
import { encodeToken, decodeToken } from '../../src/scheduler/schedule-token';
import { runProgram } from '../../src/scheduler/run-program';
import { resolveRunOptions } from '../../src/scheduler/options';

function* program() {
  const lock = new Lock({ name: 'L' });
  const go = new Event();
  let total = 0;
  const ts = [1, 2, 3].map(
    (id) =>
      new Thread({
        name: `w${id}`,
        target: function* () {
          yield* go.wait();
          for (let i = 0; i < 3; i++) {
            if (random() < 0.5) yield* sleep(0.01);
            yield* lock.acquire();
            const seen = total;
            yield;
            total = seen + id;
            lock.release();
            yield* print(`w${id}`, i, total);
          }
        },
      }),
  );
  for (const t of ts) t.start();
  yield* sleep(0.001);
  go.set();
  for (const t of ts) yield* t.join();
  return total;
}

function same(a: RunResult, b: RunResult): void {
  expect(b.status).toBe(a.status);
  expect(b.value).toEqual(a.value);
  expect(b.output).toBe(a.output);
  expect(b.steps).toBe(a.steps);
  expect(b.time).toBe(a.time);
  expect(b.trace).toEqual(a.trace);
  expect(b.errors).toEqual(a.errors);
  expect(b.deadlock).toEqual(a.deadlock);
  expect(b.schedule).toBe(a.schedule);
}

describe('replay', () => {
  const configs: RunOptions[] = [
    {},
    { switchInterval: 1, seed: 4 },
    { strategy: 'random', seed: 'r', switchInterval: 2, stepTime: 0.5 },
    { strategy: 'pct', seed: 9, depth: 4, pctLength: 50 },
    { gil: false, cores: 2, seed: 1 },
  ];
  it.each(configs)('reproduces output, steps, time and trace of a run with %p', (options) => {
    const original = run(program, { ...options, trace: true });
    expect(original.status).toBe('ok');
    same(original, replay(program, original.schedule, { trace: true }));
  });

  it('may add trace and detectRaces to a run recorded without them', () => {
    const original = run(program, { strategy: 'random', seed: 2, switchInterval: 1 });
    const again = replay(program, original.schedule, { trace: true, detectRaces: true });
    expect([again.output, again.steps, again.time]).toEqual([original.output, original.steps, original.time]);
    expect(again.trace).toBeDefined();
    expect(again.races).toEqual([]);
  });

  it('reproduces a deadlock and a step-limit run with their reports', () => {
    const deadlocking = function* () {
      const a = new Lock({ name: 'a' });
      const b = new Lock({ name: 'b' });
      const t = new Thread({
        name: 'T',
        target: function* () {
          yield* b.acquire();
          yield* a.acquire();
        },
      });
      yield* a.acquire();
      t.start();
      yield* sleep(1);
      yield* b.acquire();
    };
    const d = run(deadlocking, { strategy: 'random', seed: 1 });
    expect(d.status).toBe('deadlock');
    same(d, replay(deadlocking, d.schedule));
    const spinning = function* () {
      for (;;) yield;
    };
    const s = run(spinning, { maxSteps: 500 });
    const again = replay(spinning, s.schedule);
    expect([again.status, again.steps, again.stepLimit]).toEqual(['step-limit', 500, s.stepLimit]);
  });

  it('follows the recorded choices of a token made from explicit choices', () => {
    const options = resolveRunOptions({ switchInterval: 1, strategy: 'random', seed: 5 });
    const { result, choices } = runProgram(program, options, { record: true });
    expect(choices!.length).toBeGreaterThan(0);
    const token = encodeToken({ ...decodeToken(result.schedule), strategy: 'choices', choices });
    const again = replay(program, token);
    expect([again.output, again.steps, again.time, again.value]).toEqual([
      result.output,
      result.steps,
      result.time,
      result.value,
    ]);
  });

  it('raises ReplayError when the program took a different number of steps (diverged)', () => {
    const original = run(program);
    const other = function* () {
      yield* print('something else');
    };
    expect(() => replay(other, original.schedule)).toThrow(ReplayError);
    expect(() => replay(other, original.schedule)).toThrow(
      new RegExp(
        `^replay diverged: the recorded run took ${original.steps} steps and this one took 3, so the program or its options are not the ones that made the token$`,
      ),
    );
  });

  it('raises ReplayError naming the decision where a choices token no longer fits the program', () => {
    const token = encodeToken({
      ...decodeToken(run(program, { switchInterval: 1 }).schedule),
      strategy: 'choices',
      choices: [7],
    });
    const two = function* () {
      const t = new Thread({
        name: 'T',
        target: function* () {
          yield;
        },
      });
      t.start();
      yield;
      yield* t.join();
    };
    expect(() => replay(two, token, {})).toThrow(ReplayError);
    expect(() => replay(two, token)).toThrow(
      'replay diverged at decision 1: the token runs thread #7 next, but only MainThread (#0), T (#1) can run here; the program or its options are not the ones that made the token',
    );
  });

  it('takes the options that change a run from the token: a different value is a ValueError naming it', () => {
    const original = run(program, { strategy: 'random', seed: 3, switchInterval: 2 });
    const conflicts: [RunOptions, string][] = [
      [
        { seed: 4 },
        "option 'seed' is 4 here but 3 in the schedule token; a replay takes it from the token, so leave it out",
      ],
      [{ switchInterval: 5 }, "option 'switchInterval' is 5 here but 2 in the schedule token"],
      [{ strategy: 'pct' }, "option 'strategy' is pct here but random in the schedule token"],
      [{ stepTime: 1 }, "option 'stepTime' is 1 here but 0.000001 in the schedule token"],
      [{ gil: false }, "option 'gil' is false here but true in the schedule token"],
      [{ cores: 2 }, "option 'cores' is 2 here but 1 in the schedule token"],
      [{ maxSteps: 99 }, "option 'maxSteps' is 99 here but 10000000 in the schedule token"],
      [{ depth: 2 }, "option 'depth' is 2 here but 3 in the schedule token"],
    ];
    for (const [options, message] of conflicts) {
      let error: unknown = null;
      try {
        replay(program, original.schedule, options);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValueError);
      expect(error).not.toBeInstanceOf(ReplayError);
      expect((error as Error).message).toContain(message);
    }
    // The same values as in the token are fine.
    expect(replay(program, original.schedule, { seed: '3', switchInterval: 2, strategy: 'random' }).output).toBe(
      original.output,
    );
  });

  it('checks its arguments before running anything', () => {
    let ran = false;
    const main = function* () {
      ran = true;
      yield;
    };
    const token = run(main).schedule;
    ran = false;
    expect(() => replay(main, token.slice(0, -2))).toThrow(ReplayError);
    expect(() => replay(main, 'not a token')).toThrow(/is not a schedule token/);
    expect(() => replay(main, token, { bogus: 1 } as RunOptions)).toThrow(/unknown option 'bogus'/);
    expect(ran).toBe(false);
    expect(() => replay((() => 1) as never, token)).toThrow(TypeError);
    expect(() => replay((() => 1) as never, token)).toThrow(/replay\(main, token\): main must be a generator function/);
  });

  it("keeps the token as the result's schedule", () => {
    const original = run(program, { strategy: 'pct', seed: 1 });
    expect(replay(program, `  ${original.schedule}\n`).schedule).toBe(original.schedule);
  });
});
