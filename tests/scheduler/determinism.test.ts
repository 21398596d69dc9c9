import { Event, Lock, print, randint, random, run, shared, sleep, Thread, type RunOptions } from 'interleave-threads';

function* program() {
  const lock = new Lock({ name: 'L' });
  const ready = new Event({ name: 'ready' });
  const total = shared(0, 'total');
  const worker = function* (id: number) {
    yield* ready.wait();
    for (let i = 0; i < 5; i++) {
      yield* sleep(random() / 100);
      if (randint(0, 1) === 1) {
        yield* lock.acquire();
        yield* total.update((n) => n + id);
        lock.release();
      } else {
        yield* total.update((n) => n + id);
      }
      yield* print(`w${id}`, i);
    }
  };
  const ts = [1, 2, 3, 4].map((id) => new Thread({ target: worker, args: [id] }));
  for (const t of ts) t.start();
  yield* sleep(0.001);
  ready.set();
  for (const t of ts) yield* t.join();
  return total.value;
}

describe('determinism', () => {
  const configs: RunOptions[] = [
    {},
    { switchInterval: 1 },
    { strategy: 'random', seed: 'x', switchInterval: 2 },
    { strategy: 'pct', seed: 5, switchInterval: 1 },
    { gil: false, cores: 3, seed: 9 },
  ];
  it.each(configs)(
    'the same program with the same options %p gives the same result, output, trace and schedule',
    (options) => {
      const a = run(program, { ...options, trace: true, detectRaces: true });
      const b = run(program, { ...options, trace: true, detectRaces: true });
      expect(a.status).toBe('ok');
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      expect(b.trace).toEqual(a.trace);
      expect(b.schedule).toBe(a.schedule);
      expect(b.output).toBe(a.output);
      expect([b.steps, b.time, b.value]).toEqual([a.steps, a.time, a.value]);
    },
  );

  it('random() and randint() follow the seed, not the scheduling strategy', () => {
    const draws = (options: RunOptions) =>
      run(function* () {
        yield;
        return [random(), randint(1, 1000), random()];
      }, options).value;
    expect(draws({ seed: 1 })).toEqual(draws({ seed: 1, strategy: 'random', switchInterval: 1 }));
    expect(draws({ seed: 1 })).not.toEqual(draws({ seed: 2 }));
  });

  it('tracing or detecting races does not change the run', () => {
    const plain = run(program, { strategy: 'random', seed: 3, switchInterval: 1 });
    const watched = run(program, { strategy: 'random', seed: 3, switchInterval: 1, trace: true, detectRaces: true });
    expect([watched.output, watched.steps, watched.time, watched.value, watched.schedule]).toEqual([
      plain.output,
      plain.steps,
      plain.time,
      plain.value,
      plain.schedule,
    ]);
  });
});
