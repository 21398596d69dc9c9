import type { TraceEvent } from 'interleave-threads';
import { TraceRecorder } from '../../src/scheduler/trace-recorder';

describe('TraceRecorder', () => {
  it('gives back every kind of event with its fields, in the order TraceEvent lists them', () => {
    const r = new TraceRecorder();
    r.start(0, 0, 'MainThread', 0, '');
    r.slice(0, 0, 'MainThread', 0, 3, 0.000003);
    r.switch(3, 0.000003, 'MainThread', 'T1', 1, 'block', false);
    r.switch(3, 0.000003, null, 'T1', 1, 'start', false);
    r.switch(9, 0.000009, 'T1', 'T2', 2, 'slice', true);
    r.block(4, 0.000004, 'T1', 1, "Lock 'a'", null);
    r.block(5, 0.000005, 'T2', 2, "Event 'e'", 0.25);
    r.block(5, 0.000005, 'T2', 2, "Event 'e'", 0);
    r.wake(6, 0.000006, 'T1', 1, "Lock 'a'", 'T2', false);
    r.wake(7, 0.25, 'T2', 2, "Event 'e'", null, true);
    r.timer(7, 0.25, 'T2', 2, "Event 'e'");
    r.print(8, 0.250001, 'T1', 1, 'hello\n');
    r.end(9, 0.250002, 'T1', 1, null);
    r.end(10, 0.250003, 'T2', 2, 'ValueError: bad');
    const expected: TraceEvent[] = [
      { type: 'start', step: 0, time: 0, thread: 'MainThread', id: 0, by: '' },
      { type: 'step', step: 0, time: 0, thread: 'MainThread', id: 0, count: 3, endTime: 0.000003 },
      {
        type: 'switch',
        step: 3,
        time: 0.000003,
        from: 'MainThread',
        to: 'T1',
        id: 1,
        reason: 'block',
        preempted: false,
      },
      { type: 'switch', step: 3, time: 0.000003, from: null, to: 'T1', id: 1, reason: 'start', preempted: false },
      { type: 'switch', step: 9, time: 0.000009, from: 'T1', to: 'T2', id: 2, reason: 'slice', preempted: true },
      { type: 'block', step: 4, time: 0.000004, thread: 'T1', id: 1, on: "Lock 'a'", timeout: null },
      { type: 'block', step: 5, time: 0.000005, thread: 'T2', id: 2, on: "Event 'e'", timeout: 0.25 },
      { type: 'block', step: 5, time: 0.000005, thread: 'T2', id: 2, on: "Event 'e'", timeout: 0 },
      { type: 'wake', step: 6, time: 0.000006, thread: 'T1', id: 1, on: "Lock 'a'", by: 'T2', timedOut: false },
      { type: 'wake', step: 7, time: 0.25, thread: 'T2', id: 2, on: "Event 'e'", by: null, timedOut: true },
      { type: 'timer', step: 7, time: 0.25, thread: 'T2', id: 2, on: "Event 'e'" },
      { type: 'print', step: 8, time: 0.250001, thread: 'T1', id: 1, text: 'hello\n' },
      { type: 'end', step: 9, time: 0.250002, thread: 'T1', id: 1, error: null },
      { type: 'end', step: 10, time: 0.250003, thread: 'T2', id: 2, error: 'ValueError: bad' },
    ];
    expect(r.events()).toHaveLength(expected.length);
    // Byte for byte, key order included: traces are written out as JSON.
    expect(JSON.stringify(r.events())).toBe(JSON.stringify(expected));
  });

  it('keeps every event across many chunks, in order, with exact times', () => {
    const r = new TraceRecorder();
    const n = 5000;
    for (let i = 0; i < n; i++) r.slice(i * 7, i * 0.1 + 1e-7, `T${i % 13}`, i % 13, i + 1, (i + 1) * 0.1);
    const events = r.events();
    expect(events).toHaveLength(n);
    events.forEach((e, i) =>
      expect(e).toEqual({
        type: 'step',
        step: i * 7,
        time: i * 0.1 + 1e-7,
        thread: `T${i % 13}`,
        id: i % 13,
        count: i + 1,
        endTime: (i + 1) * 0.1,
      }),
    );
  });

  it('makes new objects each time it is read, so a caller cannot change the record', () => {
    const r = new TraceRecorder();
    r.print(1, 0, 'T', 1, 'x');
    const first = r.events();
    (first[0] as { text: string }).text = 'changed';
    expect(r.events()[0]).toMatchObject({ text: 'x' });
  });
});
