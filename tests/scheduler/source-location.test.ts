import { Lock, Queue, run, shared, sleep, Thread } from '../../src';
import { shortLocation, userFrame } from '../../src/scheduler/source-location';
import type { TraceEvent } from '../../src/scheduler/trace';

const HERE = __filename;

function lineOf(text: string): number {
  const lines = require('node:fs').readFileSync(HERE, 'utf8').split('\n') as string[];
  const i = lines.findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`no line with ${text}`);
  return i + 1;
}

function* program() {
  const count = shared(0, 'count');
  const lock = new Lock({ name: 'L' });
  const q = new Queue<string>();
  const t = new Thread({
    target: function* () {
      yield* lock.acquire(); // LINE acquire
      yield* count.write(41); // LINE write
      lock.release(); // LINE release
      yield* q.put('item'); // LINE put
    },
  });
  t.start();
  yield* sleep(1);
  const got = yield* q.get(); // LINE get
  const n = yield* count.read(); // LINE read
  yield* t.join();
  return `${got} ${n}`;
}

function ops(trace: TraceEvent[] | undefined): Extract<TraceEvent, { type: 'op' }>[] {
  return (trace ?? []).filter((e): e is Extract<TraceEvent, { type: 'op' }> => e.type === 'op');
}

describe('locations and values', () => {
  it('records the program line of every op and the value it read, wrote, put or got', () => {
    const r = run(program, { trace: true, locations: true });
    // ts-jest's compiled lines may sit a fixed offset from the source's (the CLI tests check exact lines).
    const shift = ops(r.trace)[0]!.at!.line - lineOf('LINE acquire');
    expect(Math.abs(shift)).toBeLessThanOrEqual(1);
    const seen = ops(r.trace).map((e) => [e.op, e.value, e.ok, e.at!.line - shift, e.at?.file]);
    expect(seen).toEqual([
      ['acquire', null, true, lineOf('LINE acquire'), HERE],
      ['write', '41', null, lineOf('LINE write'), HERE],
      ['release', null, null, lineOf('LINE release'), HERE],
      ['put', "'item'", true, lineOf('LINE put'), HERE],
      ['get', "'item'", true, lineOf('LINE get'), HERE],
      ['read', '41', null, lineOf('LINE read'), HERE],
      ['join', null, true, lineOf('yield* t.join()'), HERE],
    ]);
  });

  it('records no location when the option is off, and the run is otherwise the same', () => {
    const on = run(program, { trace: true, locations: true });
    const off = run(program, { trace: true });
    expect(ops(off.trace).every((e) => e.at === undefined)).toBe(true);
    const strip = (t: TraceEvent[] | undefined) => (t ?? []).map((e) => ({ ...e, at: undefined }));
    expect(strip(on.trace)).toEqual(strip(off.trace));
    expect(on.schedule).toBe(off.schedule);
  });

  it('gives the same locations on every run (determinism)', () => {
    const a = run(program, { trace: true, locations: true });
    const b = run(program, { trace: true, locations: true });
    expect(JSON.stringify(a.trace)).toBe(JSON.stringify(b.trace));
  });

  it('records a timed-out acquire as not ok', () => {
    const r = run(
      function* () {
        const lock = new Lock({ name: 'L' });
        yield* lock.acquire();
        return yield* lock.acquire({ timeout: 0.5 });
      },
      { trace: true, locations: true },
    );
    expect(r.value).toBe(false);
    expect(ops(r.trace).map((e) => [e.op, e.ok])).toEqual([
      ['acquire', true],
      ['acquire', false],
    ]);
  });

  it('rejects a non-boolean locations option, naming it', () => {
    expect(() => run(program, { locations: 'yes' as unknown as boolean })).toThrow(/locations/);
  });
});

describe('userFrame', () => {
  it('skips the library and host frames and reads V8 frames with and without a function name', () => {
    const lib = require.resolve('../../src/scheduler/runtime.ts');
    const stack = [
      'Error',
      `    at Runtime.announce (${lib}:10:5)`,
      '    at f.next (<anonymous>)',
      '    at node:internal/x:1:1',
      '    at /home/u/prog.ts:7:9',
    ].join('\n');
    expect(userFrame(stack)).toEqual({ file: '/home/u/prog.ts', line: 7, column: 9 });
    expect(userFrame(`Error\n    at g (/home/u/my prog.ts:3:4)`)).toEqual({
      file: '/home/u/my prog.ts',
      line: 3,
      column: 4,
    });
    expect(userFrame(`Error\n    at Runtime.x (${lib}:1:1)`)).toBeNull();
    expect(shortLocation({ file: '/home/u/prog.ts', line: 7, column: 9 })).toBe('prog.ts:7');
  });
});
