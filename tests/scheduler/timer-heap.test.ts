import { BLOCKED, RUNNABLE, ThreadRecord } from '../../src/scheduler/thread-record';
import { isLive, TimerHeap } from '../../src/scheduler/timer-heap';

function blocked(id: number): ThreadRecord {
  const t = new ThreadRecord(id, `T${id}`, false, {});
  t.state = BLOCKED;
  t.blockGen = 1;
  return t;
}

describe('TimerHeap', () => {
  it('pops entries by time, and entries with equal times in the order they were pushed', () => {
    const h = new TimerHeap();
    const times = Array.from({ length: 200 }, (_, i) => (i * 7919) % 37);
    times.forEach((time, i) => h.push(time, blocked(i), 1));
    expect(h.size).toBe(200);
    const out: [number, number][] = [];
    for (let e = h.pop(); e !== undefined; e = h.pop()) out.push([e.time, e.thread.id]);
    const expected = times.map((time, i): [number, number] => [time, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(out).toEqual(expected);
    expect(h.size).toBe(0);
    expect(h.pop()).toBeUndefined();
  });

  it('peekTime shows the earliest entry, stale or not', () => {
    const h = new TimerHeap();
    const a = blocked(0);
    h.push(5, a, 1);
    h.push(2, blocked(1), 1);
    expect(h.peekTime()).toBe(2);
  });

  it('peekLive drops stale entries from the top and returns the earliest live one', () => {
    const h = new TimerHeap();
    const woken = blocked(0);
    const ended = blocked(1);
    const waiting = blocked(2);
    const rewaited = blocked(3);
    h.push(1, woken, 1);
    h.push(2, ended, 1);
    h.push(3, rewaited, 1);
    h.push(4, waiting, 1);
    woken.state = RUNNABLE; // woken before its timeout
    ended.blockGen = 2; // its wait ended (and it may be blocked in another wait)
    rewaited.blockGen = 2; // blocked again, in a new wait with its own timeout
    h.push(9, rewaited, 2);
    expect(isLive({ time: 1, seq: 0, thread: woken, blockGen: 1 })).toBe(false);
    const e = h.peekLive();
    expect(e?.thread).toBe(waiting);
    expect(e?.time).toBe(4);
    expect(h.size).toBe(2);
    h.pop();
    expect(h.peekLive()?.time).toBe(9);
    waiting.state = RUNNABLE;
    rewaited.state = RUNNABLE;
    expect(h.peekLive()).toBeUndefined();
    expect(h.size).toBe(0);
  });
});
