import { ThreadRecord } from '../../src/scheduler/thread-record';
import { WaitQueue } from '../../src/scheduler/wait-queue';

const rec = (id: number) => new ThreadRecord(id, `T${id}`, false, {});
const names = (q: WaitQueue) => q.toArray().map((t) => t.name);

describe('WaitQueue', () => {
  it('is first in, first out', () => {
    const q = new WaitQueue();
    const [a, b, c] = [rec(0), rec(1), rec(2)];
    q.push(a);
    q.push(b);
    q.push(c);
    expect(q.size).toBe(3);
    expect(q.shift()).toBe(a);
    expect(q.shift()).toBe(b);
    expect(q.shift()).toBe(c);
    expect(q.shift()).toBeNull();
    expect(q.size).toBe(0);
    expect(q.head).toBeNull();
    expect(q.tail).toBeNull();
  });

  it('removes a thread from the middle, the front or the back and keeps the others in order', () => {
    const q = new WaitQueue();
    const ts = [0, 1, 2, 3, 4].map(rec);
    for (const t of ts) q.push(t);
    q.remove(ts[2]!);
    expect(names(q)).toEqual(['T0', 'T1', 'T3', 'T4']);
    q.remove(ts[0]!);
    expect(names(q)).toEqual(['T1', 'T3', 'T4']);
    expect(q.head).toBe(ts[1]);
    q.remove(ts[4]!);
    expect(names(q)).toEqual(['T1', 'T3']);
    expect(q.tail).toBe(ts[3]);
    expect(q.size).toBe(2);
    q.push(ts[4]!);
    expect(names(q)).toEqual(['T1', 'T3', 'T4']);
  });

  it('clears the links of a removed thread so it can wait in another queue', () => {
    const q = new WaitQueue();
    const other = new WaitQueue();
    const [a, b] = [rec(0), rec(1)];
    q.push(a);
    q.push(b);
    q.remove(a);
    expect(a.waitQueue).toBeNull();
    expect(a.waitPrev).toBeNull();
    expect(a.waitNext).toBeNull();
    other.push(a);
    expect(a.waitQueue).toBe(other);
    expect(names(q)).toEqual(['T1']);
    expect(names(other)).toEqual(['T0']);
    q.remove(b);
    expect(q.size).toBe(0);
    expect(q.head).toBeNull();
    expect(q.tail).toBeNull();
  });
});
