import { print, run, Thread, ValueError } from 'interleave-threads';

function output(main: () => Generator<unknown, unknown, never>, switchInterval = 100): string {
  const r = run(main, { switchInterval });
  expect(r.status).toBe('ok');
  return r.output;
}

describe('print', () => {
  it('joins values with a space and ends the line', () => {
    expect(
      output(function* () {
        yield* print('Count is', 6);
        yield* print();
        yield* print('a', 'b', 'c');
      }),
    ).toBe('Count is 6\n\na b c\n');
  });

  it("shows values as Python's str() does", () => {
    expect(
      output(function* () {
        yield* print(true, false, null, undefined, 1.5, 3, NaN, Infinity, -Infinity);
        yield* print(['a', 1, [true, null]], { k: 'v', n: 2 }, new Map([['x', 1]]), new Set(), new Set([1]));
        yield* print(new ValueError('bad'), "it's");
        yield* print(["it's"]);
      }),
    ).toBe(
      'True False None None 1.5 3 nan inf -inf\n' +
        "['a', 1, [True, None]] {'k': 'v', 'n': 2} {'x': 1} set() {1}\n" +
        "ValueError: bad it's\n" +
        "['it\\'s']\n",
    );
  });

  it("writes the text and the newline in separate steps, so two threads' lines can interleave as in CPython", () => {
    expect(
      output(function* () {
        const ts = [6, 7].map(
          (n) =>
            new Thread({
              target: function* () {
                yield* print('Count is', n);
              },
            }),
        );
        for (const t of ts) t.start();
        for (const t of ts) yield* t.join();
      }, 1),
    ).toBe('Count is 6Count is 7\n\n');
  });

  it('costs two steps, and formats its values in the first, before any other thread can change them', () => {
    const r = run(
      function* () {
        const list = [1];
        const t = new Thread({
          target: function* () {
            list.push(2);
          },
        });
        t.start();
        yield* print(list); // step 1: formats [1]; T runs; step 2 writes it
        yield* print(list);
        yield* t.join();
      },
      { switchInterval: 1 },
    );
    expect(r.output).toBe('[1]\n[1, 2]\n');
    expect(
      run(function* () {
        yield* print('x');
      }).steps,
    ).toBe(3);
  });

  it('records its writes in the trace', () => {
    const r = run(
      function* () {
        yield* print('hi');
      },
      { trace: true },
    );
    expect((r.trace ?? []).filter((e) => e.type === 'print').map((e) => (e.type === 'print' ? e.text : ''))).toEqual([
      'hi',
      '\n',
    ]);
  });
});
