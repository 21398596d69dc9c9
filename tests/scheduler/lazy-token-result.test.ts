import { Lock, print, run, sleep, Thread } from 'interleave-threads';
import { runProgram } from '../../src/scheduler/run-program';
import { LazyTokenResult, plainResult } from '../../src/scheduler/lazy-token-result';
import { resolveRunOptions } from '../../src/scheduler/options';
import { decodeToken } from '../../src/scheduler/schedule-token';
import { ChoiceStrategy } from '../../src/scheduler/strategies/choice';

function* program(): Generator<unknown, number, unknown> {
  const t = new Thread({
    target: function* () {
      yield* sleep(1);
      yield* print('worker');
    },
  });
  t.start();
  yield* print('main');
  yield* t.join();
  return 42;
}

describe('LazyTokenResult', () => {
  it('a lazy result encodes on first read the same token a plain run prints, and keeps it', () => {
    const options = resolveRunOptions({ seed: 's', strategy: 'random' });
    const lazy = runProgram(program, options, { lazySchedule: true }).result;
    expect(lazy).toBeInstanceOf(LazyTokenResult);
    const token = lazy.schedule;
    expect(token).toBe(run(program, { seed: 's', strategy: 'random' }).schedule);
    expect(lazy.schedule).toBe(token);
    expect(decodeToken(token)).toMatchObject({ strategy: 'random', seed: 's', steps: lazy.steps });
  });

  it('a run driven by a given strategy encodes its choices, not the options strategy', () => {
    const options = resolveRunOptions({});
    const chooser = { choose: (c: readonly { id: number }[]) => c[c.length - 1]!.id };
    const { result, choices } = runProgram(program, options, {
      strategy: new ChoiceStrategy(chooser),
      lazySchedule: true,
    });
    const spec = decodeToken(result.schedule);
    expect(spec.strategy).toBe('choices');
    expect(spec.choices).toEqual(choices);
  });

  it('a set token replaces the encoded one', () => {
    const r = runProgram(program, resolveRunOptions({}), { lazySchedule: true }).result;
    r.schedule = 'il1.set';
    expect(r.schedule).toBe('il1.set');
  });

  it('plainResult gives a plain object with every field, schedule included; JSON shows the same', () => {
    const lazy = runProgram(program, resolveRunOptions({ trace: true, detectRaces: true }), {
      lazySchedule: true,
    }).result;
    const plain = plainResult(lazy);
    expect(plain).not.toBeInstanceOf(LazyTokenResult);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(plain).toEqual({
      status: 'ok',
      value: 42,
      output: 'main\nworker\n',
      steps: lazy.steps,
      time: lazy.time,
      errors: [],
      deadlock: null,
      stepLimit: null,
      schedule: lazy.schedule,
      switches: lazy.switches,
      preemptions: lazy.preemptions,
      races: [],
      trace: lazy.trace,
    });
    expect(JSON.parse(JSON.stringify(lazy))).toEqual(JSON.parse(JSON.stringify(plain)));
    expect(plainResult(plain)).toBe(plain);
  });

  it('has no races or trace fields unless the run asked for them', () => {
    const plain = plainResult(runProgram(program, resolveRunOptions({}), { lazySchedule: true }).result);
    expect('races' in plain).toBe(false);
    expect('trace' in plain).toBe(false);
  });

  it('makes the deadlock report for a deadlock and the step-limit report for a stopped run, else null', () => {
    const stuck = runProgram(
      function* () {
        const lock = new Lock();
        yield* lock.acquire();
        yield* lock.acquire();
      },
      resolveRunOptions({}),
      { lazySchedule: true },
    ).result;
    expect(stuck.status).toBe('deadlock');
    expect(stuck.deadlock?.threads.map((t) => t.thread)).toEqual(['MainThread']);
    expect(stuck.stepLimit).toBeNull();
    const endless = runProgram(
      function* () {
        for (;;) yield;
      },
      resolveRunOptions({ maxSteps: 50 }),
      { lazySchedule: true },
    ).result;
    expect(endless.status).toBe('step-limit');
    expect(endless.stepLimit?.threads).toEqual([{ thread: 'MainThread', share: 1 }]);
    expect(endless.deadlock).toBeNull();
    expect(decodeToken(endless.schedule).steps).toBe(50);
  });
});
