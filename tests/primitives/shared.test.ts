import { run, shared, Shared, Thread } from 'interleave-threads';

describe('shared', () => {
  it('read and write are one step each; value peeks without a step', () => {
    const r = run(function* () {
      const x = shared(1, 'x');
      const a = yield* x.read();
      yield* x.write(a + 10);
      return [a, x.value, x instanceof Shared];
    });
    expect(r.value).toEqual([1, 11, true]);
    expect(r.steps).toBe(3);
  });

  it('update is a read step then a write step and returns the new value', () => {
    const r = run(function* () {
      const x = shared(5);
      const v = yield* x.update((n) => n * 2);
      return [v, x.value];
    });
    expect(r.value).toEqual([10, 10]);
    expect(r.steps).toBe(3);
  });

  it('update is not atomic: two threads at switchInterval 1 lose an update, as x += 1 does', () => {
    const r = run(
      function* () {
        const x = shared(0, 'x');
        const ts = [0, 1].map(
          () =>
            new Thread({
              target: function* () {
                yield* x.update((n) => n + 1);
              },
            }),
        );
        for (const t of ts) t.start();
        for (const t of ts) yield* t.join();
        return x.value;
      },
      { switchInterval: 1 },
    );
    expect(r.value).toBe(1);
  });

  it('is named shared-N by default, or by its name', () => {
    const r = run(function* () {
      yield;
      return [shared(0).name, shared(0, 'count').name, shared(0).name];
    });
    expect(r.value).toEqual(['shared-1', 'count', 'shared-2']);
  });

  it('an error in the update function is raised after the read step and writes nothing', () => {
    const r = run(function* () {
      const x = shared(1);
      try {
        yield* x.update(() => {
          throw new Error('no');
        });
      } catch (e) {
        return [String(e), x.value];
      }
      return [];
    });
    expect(r.value).toEqual(['Error: no', 1]);
    expect(r.steps).toBe(2);
  });
});
