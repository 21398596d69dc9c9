import { Queue, run, shared, type RunResult, type TraceEvent } from 'interleave-threads';
import { TraceRecorder } from '../../src/scheduler/trace-recorder';

type OpEvent = Extract<TraceEvent, { type: 'op' }>;

function ops(r: RunResult): OpEvent[] {
  return (r.trace ?? []).filter((e): e is OpEvent => e.type === 'op');
}

function valuesOf(r: RunResult, op: string): (string | null)[] {
  return ops(r)
    .filter((e) => e.op === op)
    .map((e) => e.value);
}

describe('op values in a trace', () => {
  it("shows every kind of primitive a shared cell holds as Python's repr", () => {
    const sym = Symbol('s');
    const written: unknown[] = [
      7,
      2.5,
      NaN,
      Infinity,
      -Infinity,
      -0,
      "it's \\",
      true,
      false,
      null,
      undefined,
      10n,
      sym,
    ];
    const r = run(
      function* () {
        const cell = shared<unknown>(0, 'cell');
        for (const v of written) {
          yield* cell.write(v);
          yield* cell.read();
        }
      },
      { trace: true },
    );
    const shown = ['7', '2.5', 'nan', 'inf', '-inf', '0', "'it\\'s \\\\'", 'True', 'False', 'None', 'None', '10'];
    shown.push('Symbol(s)');
    expect(valuesOf(r, 'write')).toEqual(shown);
    expect(valuesOf(r, 'read')).toEqual(shown);
  });

  it('tells apart equal-looking values of different types that follow each other', () => {
    const r = run(
      function* () {
        const cell = shared<unknown>(0, 'cell');
        for (const v of [1, 1, '1', '1', 1n, true, 1, NaN, NaN]) yield* cell.write(v);
      },
      { trace: true },
    );
    expect(valuesOf(r, 'write')).toEqual(['1', '1', "'1'", "'1'", '1', 'True', '1', 'nan', 'nan']);
  });

  it('shows an object as it was at the op, not as the program changed it later', () => {
    const r = run(
      function* () {
        const list: number[] = [1];
        const cell = shared<number[]>([], 'list');
        yield* cell.write(list);
        list.push(2);
        yield* cell.write(list);
        const dict = { n: 0 };
        const q = new Queue<{ n: number }>(0, { name: 'q' });
        yield* q.put(dict);
        dict.n = 1;
        const got = yield* q.get();
        got.n = 2;
      },
      { trace: true },
    );
    expect(valuesOf(r, 'write')).toEqual(['[1]', '[1, 2]']);
    expect(valuesOf(r, 'put')).toEqual(["{'n': 0}"]);
    expect(valuesOf(r, 'get')).toEqual(["{'n': 1}"]);
  });

  it('gives the same trace, byte for byte, on every run and every read of it', () => {
    const program = function* () {
      const cell = shared<unknown>('a', 'cell');
      const q = new Queue<unknown>(0, { name: 'q' });
      for (let i = 0; i < 3000; i++) {
        yield* cell.update((v) => (i % 3 === 0 ? i : i % 3 === 1 ? `s${i}` : [i]) ?? v);
        yield* q.put(i % 2 === 0 ? { i } : i);
        yield* q.get();
      }
    };
    const a = run(program, { trace: true });
    const b = run(program, { trace: true });
    expect(ops(a).length).toBeGreaterThan(3 * 1024);
    expect(JSON.stringify(a.trace)).toBe(JSON.stringify(b.trace));
    expect(valuesOf(a, 'write').slice(0, 3)).toEqual(['0', "'s1'", '[2]']);
    expect(valuesOf(a, 'put').slice(0, 2)).toEqual(["{'i': 0}", '1']);
  });
});

describe('TraceRecorder op values', () => {
  it('keeps a text already shown as it is, and shows a kept primitive when read', () => {
    const r = new TraceRecorder();
    r.op(1, 0, 'T', 1, 'put', "Queue 'q'", "'x'", true, null);
    r.opValue(2, 0, 'T', 1, 'write', "Shared 'c'", "'x'", null, null);
    r.op(3, 0, 'T', 1, 'release', "Lock 'L'", null, null, null);
    expect(r.events().map((e) => (e as OpEvent).value)).toEqual(["'x'", "'\\'x\\''", null]);
  });

  it('shows a function by the name it had at the op', () => {
    const r = new TraceRecorder();
    const f = function named(): void {};
    r.opValue(1, 0, 'T', 1, 'write', "Shared 'c'", f, null, null);
    Object.defineProperty(f, 'name', { value: 'renamed' });
    expect((r.events()[0] as OpEvent).value).toBe('<function named>');
  });

  it('gives an op its source location, and none when it has none', () => {
    const r = new TraceRecorder();
    const at = { file: 'p.ts', line: 3, column: 5 };
    r.opValue(1, 0, 'T', 1, 'read', "Shared 'c'", 1, null, at);
    r.opValue(2, 0, 'T', 1, 'read', "Shared 'c'", 1, null, null);
    const [first, second] = r.events();
    expect(JSON.stringify(first)).toBe(
      '{"type":"op","step":1,"time":0,"thread":"T","id":1,"op":"read","on":"Shared \'c\'","value":"1","ok":null,' +
        '"at":{"file":"p.ts","line":3,"column":5}}',
    );
    expect(second).not.toHaveProperty('at');
  });
});
