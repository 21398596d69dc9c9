import { run, TypeError, ValueError, type RunOptions } from 'interleave-threads';

const main = function* () {
  yield;
};

describe('run options validation', () => {
  const bad: [string, unknown, RegExp][] = [
    ['seed', { x: 1 }, /option 'seed' must be a string or a finite number, got \[object Object\]/],
    ['seed', NaN, /option 'seed' must be a string or a finite number, got NaN/],
    ['seed', Infinity, /option 'seed'/],
    ['seed', true, /option 'seed'/],
    ['strategy', 'fifo', /option 'strategy' must be one of 'round-robin', 'random', 'pct', got 'fifo'/],
    ['strategy', 'exhaustive', /option 'strategy'/],
    ['strategy', 1, /option 'strategy'/],
    ['switchInterval', 0, /option 'switchInterval' must be an integer >= 1, got 0/],
    ['switchInterval', 1.5, /option 'switchInterval' must be an integer >= 1, got 1.5/],
    ['switchInterval', '10', /option 'switchInterval' must be an integer >= 1, got '10'/],
    ['switchInterval', -3, /option 'switchInterval'/],
    [
      'stepTime',
      -0.5,
      /option 'stepTime' must be a number of virtual seconds >= 0 \(0: steps take no time\), got -0.5/,
    ],
    ['stepTime', -1e-6, /option 'stepTime'/],
    ['stepTime', NaN, /option 'stepTime'/],
    ['stepTime', Infinity, /option 'stepTime'/],
    ['stepTime', '1', /option 'stepTime'/],
    ['gil', 'no', /option 'gil' must be true or false, got 'no'/],
    ['gil', 0, /option 'gil'/],
    ['cores', 0, /option 'cores' must be an integer >= 1, got 0/],
    ['cores', 2.5, /option 'cores'/],
    ['maxSteps', 0, /option 'maxSteps' must be an integer >= 1, got 0/],
    ['maxSteps', Infinity, /option 'maxSteps'/],
    ['trace', 1, /option 'trace' must be true or false, got 1/],
    ['detectRaces', 'yes', /option 'detectRaces' must be true or false/],
    ['depth', 0, /option 'depth' must be an integer >= 1, got 0/],
    ['pctLength', -1, /option 'pctLength' must be an integer >= 1, got -1/],
  ];
  it.each(bad)('rejects %s = %p with a ValueError naming the option', (key, value, message) => {
    const call = () => run(main, { [key]: value } as RunOptions);
    expect(call).toThrow(ValueError);
    expect(call).toThrow(message);
  });

  it('rejects an unknown option and lists the known ones', () => {
    const call = () => run(main, { swichInterval: 1 } as RunOptions);
    expect(call).toThrow(ValueError);
    expect(call).toThrow(
      /unknown option 'swichInterval' \(known options: seed, strategy, switchInterval, stepTime, gil, cores, maxSteps, trace, detectRaces, locations, depth, pctLength, program, traceback\)/,
    );
  });

  it('rejects options that are not an object', () => {
    expect(() => run(main, 5 as unknown as RunOptions)).toThrow(ValueError);
    expect(() => run(main, 'fast' as unknown as RunOptions)).toThrow(/options must be an object, not string/);
  });

  it('accepts the boundary values and leaves undefined options at their defaults', () => {
    const r = run(main, {
      seed: '',
      strategy: 'pct',
      switchInterval: 1,
      stepTime: Number.MIN_VALUE,
      gil: false,
      cores: 1,
      maxSteps: 1,
      trace: false,
      detectRaces: false,
      depth: 1,
      pctLength: 1,
    });
    expect(r.status).toBe('step-limit');
    expect(run(main, { seed: undefined, strategy: undefined }).status).toBe('ok');
    expect(run(main, {}).time).toBe(2e-6);
  });

  it('throws before anything runs', () => {
    let ran = false;
    expect(() =>
      run(
        function* () {
          ran = true;
          yield;
        },
        { cores: 0 },
      ),
    ).toThrow(ValueError);
    expect(ran).toBe(false);
  });
});

describe('run(main) with a main that is not a generator function', () => {
  it('raises TypeError for a plain function, saying to write function*', () => {
    const call = () => run((() => 1) as never);
    expect(call).toThrow(TypeError);
    expect(call).toThrow(
      /run\(main\): main must be a generator function \(function\* \.\.\.\), but this function is a plain function/,
    );
  });

  it('raises TypeError for an async function, pointing to sleep and the primitives', () => {
    expect(() => run((async () => 1) as never)).toThrow(
      /not an async function: use yield\* sleep\(\.\.\.\) and the primitives instead of await/,
    );
  });

  it('raises TypeError for an async generator and for a non-function', () => {
    expect(() => run(async function* () {} as never)).toThrow(/not an async generator/);
    expect(() => run(null as never)).toThrow(/got null/);
    expect(() => run({} as never)).toThrow(TypeError);
  });
});
