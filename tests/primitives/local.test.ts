import { local, Thread } from 'interleave-threads';
import { ok } from '../support/run-helpers';

describe('local (threading.local)', () => {
  it('gives each thread its own attributes on the same object', () => {
    expect(
      ok(function* () {
        const data = local<{ user: string; n: number }>();
        data.user = 'main';
        const seen: unknown[] = [];
        const ts = ['a', 'b'].map(
          (name) =>
            new Thread({
              target: function* () {
                seen.push([name, 'user' in data, data.user]);
                data.user = name;
                yield;
                seen.push([name, data.user]);
              },
            }),
        );
        for (const t of ts) t.start();
        for (const t of ts) yield* t.join();
        return [seen, data.user];
      }),
    ).toEqual([
      [
        ['a', false, undefined],
        ['a', 'a'],
        ['b', false, undefined],
        ['b', 'b'],
      ],
      'main',
    ]);
  });

  it('supports in, delete and listing keys, per thread', () => {
    expect(
      ok(function* () {
        const data = local<Record<string, number>>();
        data.x = 1;
        data.y = 2;
        const mainKeys = Object.keys(data);
        delete data.x;
        let threadKeys: string[] = ['unset'];
        const t = new Thread({
          target: function* () {
            data.z = 3;
            threadKeys = Object.keys(data);
            yield;
          },
        });
        t.start();
        yield* t.join();
        return [mainKeys, 'x' in data, Object.keys(data), { ...data }, threadKeys];
      }),
    ).toEqual([['x', 'y'], false, ['y'], { y: 2 }, ['z']]);
  });

  it('keeps two local objects apart', () => {
    expect(
      ok(function* () {
        const a = local<{ v: number }>();
        const b = local<{ v: number }>();
        a.v = 1;
        b.v = 2;
        yield;
        return [a.v, b.v];
      }),
    ).toEqual([1, 2]);
  });

  it('starts empty in every run', () => {
    const data = local<{ v: number }>();
    const once = () =>
      ok(function* () {
        const before = data.v;
        data.v = 5;
        yield;
        return before;
      });
    expect([once(), once()]).toEqual([undefined, undefined]);
  });
});
