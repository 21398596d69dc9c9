import { PriorityQueue, QueueFull, Thread, TypeError, sleep } from 'interleave-threads';
import { caught, ok } from '../support/run-helpers';

/** Puts every item without waiting, then drains the queue; returns the items in the order got. */
function drain<T>(items: readonly T[]): T[] {
  return ok(function* () {
    const q = new PriorityQueue<T>();
    for (const x of items) q.putNowait(x);
    const out: T[] = [];
    while (!q.empty()) out.push(yield* q.get());
    return out;
  });
}

describe('PriorityQueue', () => {
  it('returns the lowest item first (test_queue basic_queue_test)', () => {
    expect(drain([111, 333, 222])).toEqual([111, 222, 333]);
  });

  it('orders arrays element by element like Python tuples, shorter first on a tie', () => {
    expect(drain([[2, 'write'], [1, 'read'], [1, 'plan'], [1], [2, 'write', 0], [0, 'z']])).toEqual([
      [0, 'z'],
      [1],
      [1, 'plan'],
      [1, 'read'],
      [2, 'write'],
      [2, 'write', 0],
    ]);
  });

  it('orders strings by code point, as Python does (not by UTF-16 unit)', () => {
    // '\uffff' is one unit above the surrogates that encode '😀' (U+1F600), but a lower code point.
    expect(drain(['😀', '\uffff', 'b', 'a', 'ab', ''])).toEqual(['', 'a', 'ab', 'b', '\uffff', '😀']);
  });

  it('compares numbers, bigints and booleans by value', () => {
    expect(drain([3, 2n, true, -1.5, false])).toEqual([-1.5, false, true, 2n, 3]);
  });

  it('returns equal items in the order they were put (a documented choice: heapq is not stable)', () => {
    const items = Array.from({ length: 60 }, (_, i) => [(i * 7) % 5]);
    const expected = [...items].sort((a, b) => a[0]! - b[0]!); // Array sort is stable
    const got = drain(items);
    expect(got).toEqual(expected);
    got.forEach((x, i) => expect(x).toBe(expected[i])); // the very same arrays, in put order
  });

  it('keeps heap order over many pseudo-random puts and gets', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 1000;
    const v = ok(function* () {
      const q = new PriorityQueue<number>();
      const out: number[] = [];
      const kept: number[] = [];
      for (let round = 0; round < 300; round++) {
        const x = next();
        q.putNowait(x);
        kept.push(x);
        if (round % 3 === 2) {
          const lowest = q.getNowait();
          kept.sort((a, b) => a - b);
          out.push(lowest === kept.shift() ? 1 : 0);
        }
      }
      return out;
    });
    expect(v).toHaveLength(100);
    expect(v.every((x) => x === 1)).toBe(true);
  });

  it('raises TypeError for items Python could not compare, and the queue stays whole', () => {
    const v = ok(function* () {
      const q = new PriorityQueue<unknown>();
      q.putNowait(1);
      q.putNowait(5);
      const mixed = yield* caught(q.put('x'));
      const obj = yield* caught(q.put({ p: 0 }));
      const size = q.qsize();
      const order = [q.getNowait(), q.getNowait()];
      return { mixed, obj, size, order };
    });
    expect(v.mixed).toBeInstanceOf(TypeError);
    expect((v.mixed as Error).message).toMatch(/^'<' not supported between instances of 'string' and 'number'/);
    expect((v.mixed as Error).message).toContain('[priority, count, data]');
    expect((v.obj as Error).message).toMatch(/'Object' and 'number'/);
    expect(v.size).toBe(2);
    expect(v.order).toEqual([1, 5]);
  });

  it('a get that meets incomparable entries raises TypeError and loses no item', () => {
    const v = ok(function* () {
      const q = new PriorityQueue<unknown[]>();
      const a = { job: 'a' };
      const b = { job: 'b' };
      q.putNowait([1, a]);
      q.putNowait([2, 'x']);
      q.putNowait([2, b]); // compared with [1, a] only, where 1 < 2 decides
      const errors: unknown[] = [];
      try {
        q.getNowait();
      } catch (e) {
        errors.push(e);
      }
      return { errors, size: q.qsize() };
    });
    // Taking [1, a] out makes [2, 'x'] and [2, b] meet: 'x' < b cannot be decided.
    expect(v.errors).toHaveLength(1);
    expect(v.errors[0]).toBeInstanceOf(TypeError);
    expect((v.errors[0] as Error).message).toMatch(/'string' and 'Object'|'Object' and 'string'/);
    expect(v.size).toBe(3);
  });

  it('a unique counter as tie-breaker makes any data orderable', () => {
    const a = { job: 'a' };
    const b = { job: 'b' };
    const c = { job: 'c' };
    expect(
      drain([
        [1, 0, a],
        [0, 1, b],
        [1, 2, c],
      ]).map((e) => e[2]),
    ).toEqual([b, a, c]);
  });

  it('a waiting putter whose item cannot be ordered gets the TypeError when moved in', () => {
    const v = ok(function* () {
      const q = new PriorityQueue<unknown>(2);
      q.putNowait(1);
      q.putNowait(2);
      let putError: unknown = null;
      const p = new Thread({
        target: function* () {
          putError = yield* caught(q.put('three'));
        },
      });
      p.start();
      yield* sleep(1);
      const first = q.getNowait();
      yield* p.join();
      return { first, putError, rest: q.qsize() };
    });
    expect(v.first).toBe(1);
    expect(v.putError).toBeInstanceOf(TypeError);
    expect(v.rest).toBe(1);
  });

  it('is bounded like Queue', () => {
    const v = ok(function* () {
      const q = new PriorityQueue<number>(1);
      q.putNowait(3);
      return yield* caught(q.put(1, { timeout: 0 }));
    });
    expect(v).toBeInstanceOf(QueueFull);
  });
});
