import {
  currentThread,
  enumerate,
  Lock,
  print,
  run,
  shared,
  sleep,
  Thread,
  time,
  ValueError,
} from 'interleave-threads';

describe('run', () => {
  it('runs main to the end and returns its value and output', () => {
    const r = run(function* () {
      yield* print('hello', 42, true, null);
      return 7;
    });
    expect(r.status).toBe('ok');
    expect(r.value).toBe(7);
    expect(r.output).toBe('hello 42 True None\n');
  });

  it('with switchInterval 1 two threads alternate exactly under round-robin', () => {
    const r = run(
      function* () {
        function* w(tag: string) {
          for (let i = 0; i < 3; i++) yield* print(tag);
        }
        new Thread({ target: w, args: ['a'] }).start();
        new Thread({ target: w, args: ['b'] }).start();
      },
      { switchInterval: 1 },
    );
    expect(r.output.replace(/\n/g, '')).toBe('ababab');
  });

  it('five sleeping workers joined cost 1.0 virtual second plus step time', () => {
    const r = run(function* () {
      const ts = Array.from(
        { length: 5 },
        () =>
          new Thread({
            target: function* () {
              yield* sleep(1);
            },
          }),
      );
      for (const t of ts) t.start();
      for (const t of ts) yield* t.join();
      return time();
    });
    expect(r.value).toBeGreaterThanOrEqual(1);
    expect(r.value).toBeLessThan(1.001);
  });

  it('loses updates without a lock and never with one', () => {
    const program = (locked: boolean) =>
      function* () {
        const count = shared(0, 'count');
        const lock = new Lock();
        function* f() {
          if (locked) yield* lock.acquire();
          const v = yield* count.read();
          yield;
          yield* count.write(v + 1);
          if (locked) lock.release();
        }
        const ts = Array.from({ length: 10 }, () => new Thread({ target: f }));
        for (const t of ts) t.start();
        for (const t of ts) yield* t.join();
        return count.value;
      };
    expect(run(program(false), { switchInterval: 1 }).value).toBeLessThan(10);
    expect(run(program(true), { switchInterval: 1 }).value).toBe(10);
  });

  it('names threads Thread-N from 1 in each run', () => {
    const names = () =>
      run(function* () {
        const t = new Thread({
          target: function* () {
            yield;
          },
        });
        const u = new Thread({
          name: 'explicit',
          target: function* () {
            yield;
          },
        });
        const v = new Thread({
          target: function* () {
            yield;
          },
        });
        return [t.name, u.name, v.name, currentThread().name];
      }).value;
    expect(names()).toEqual(['Thread-1', 'explicit', 'Thread-2', 'MainThread']);
    expect(names()).toEqual(['Thread-1', 'explicit', 'Thread-2', 'MainThread']);
  });

  it('returns every field of RunResult, and races and trace only when asked for', () => {
    const r = run(
      function* () {
        yield* print('x');
        return 'v';
      },
      { stepTime: 1 },
    );
    expect(r).toEqual({
      status: 'ok',
      value: 'v',
      output: 'x\n',
      steps: 3,
      time: 3,
      errors: [],
      deadlock: null,
      stepLimit: null,
      schedule: expect.stringMatching(/^il1\.[A-Za-z0-9_-]+\.[0-9a-z]{4}$/),
      switches: 1,
      preemptions: 0,
    });
    const watched = run(
      function* () {
        yield;
      },
      { trace: true, detectRaces: true },
    );
    expect(watched.races).toEqual([]);
    expect(Array.isArray(watched.trace)).toBe(true);
  });

  it('rejects an unknown option with a ValueError naming it', () => {
    expect(() => run(function* () {}, { switchIntervl: 1 } as never)).toThrow(ValueError);
    expect(() => run(function* () {}, { switchIntervl: 1 } as never)).toThrow(/switchIntervl/);
  });
});

describe('enumerate order', () => {
  it('lists threads in the order they started, as Python does', () => {
    const r = run(function* () {
      const body = function* () {
        yield* sleep(1);
      };
      const first = new Thread({ target: body, name: 'made-first' });
      const second = new Thread({ target: body, name: 'made-second' });
      second.start();
      first.start();
      return enumerate().map((t) => t.name);
    });
    expect(r.value).toEqual(['MainThread', 'made-second', 'made-first']);
  });
});
