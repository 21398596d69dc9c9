import { AnchoredChooser, anchorKey } from '../../../src/explore/shrink/anchored-chooser';
import { ThreadRecord } from '../../../src/scheduler/thread-record';

/** Threads 0..n-1, with `steps[i]` steps run by thread i. */
function threads(...steps: number[]): ThreadRecord[] {
  return steps.map((s, id) => {
    const t = new ThreadRecord(id, `T${id}`, false, {});
    t.steps = s;
    return t;
  });
}

describe('anchorKey', () => {
  it('is 0 before any thread ran, and differs for every (thread, steps) pair', () => {
    const [a, b] = threads(3, 3);
    expect(anchorKey(null)).toBe(0);
    const keys = new Set([anchorKey(a!), anchorKey(b!)]);
    a!.steps = 4;
    keys.add(anchorKey(a!));
    expect(keys.size).toBe(3);
    expect(keys.has(0)).toBe(false);
  });
});

describe('AnchoredChooser', () => {
  it('with no choice to follow, lets the last thread go on, else takes the next id cyclically', () => {
    const [t0, t1, t2] = threads(1, 1, 1);
    const c = new AnchoredChooser({ anchors: [] });
    expect(c.choose([t0!, t1!, t2!], t1!, 0)).toBe(1);
    expect(c.choose([t0!, t2!], t1!, 1)).toBe(2);
    expect(c.choose([t0!, t1!], t2!, 2)).toBe(0);
    expect(c.choose([t1!, t2!], null, 3)).toBe(1);
    expect(c.made).toEqual([]);
  });

  it('follows positional choices and records an anchor only where a choice differs from the default', () => {
    const [t0, t1, t2] = threads(2, 5, 0);
    const c = new AnchoredChooser({ choices: [1, 2, 9] });
    expect(c.choose([t0!, t1!, t2!], t1!, 0)).toBe(1); // the default anyway: no anchor
    expect(c.choose([t0!, t1!, t2!], t1!, 1)).toBe(2); // preempts t1
    expect(c.choose([t0!, t2!], t1!, 2)).toBe(2); // 9 is not a candidate: the default, t2
    expect(c.made).toEqual([{ key: anchorKey(t1!), chosen: 2, preempts: true }]);
  });

  it('an anchor applies where its thread has run its steps, whatever its position in the run', () => {
    const [t0, t1] = threads(0, 0);
    const first = { key: anchorKey(t0!), chosen: 1, preempts: true };
    t0!.steps = 3;
    const second = { key: anchorKey(t0!), chosen: 1, preempts: true };
    // Both anchors, then only the second: it still fires at t0's third step, not at decision 0.
    const both = new AnchoredChooser({ anchors: [first, second] });
    const onlySecond = new AnchoredChooser({ anchors: [second] });
    t0!.steps = 0;
    expect(both.choose([t0!, t1!], t0!, 0)).toBe(1);
    expect(onlySecond.choose([t0!, t1!], t0!, 0)).toBe(0);
    t0!.steps = 3;
    expect(both.choose([t0!, t1!], t0!, 1)).toBe(1);
    expect(onlySecond.choose([t0!, t1!], t0!, 1)).toBe(1);
    expect(onlySecond.made).toEqual([second]);
  });

  it('records the preemption points, with the other candidates, only when asked', () => {
    const [t0, t1, t2] = threads(1, 2, 3);
    const recording = new AnchoredChooser({ anchors: [] }, true);
    recording.choose([t0!, t1!, t2!], t1!, 0);
    recording.choose([t0!, t2!], t1!, 1); // t1 cannot go on: no point
    expect(recording.points).toEqual([{ key: anchorKey(t1!), others: [0, 2] }]);
    const silent = new AnchoredChooser({ anchors: [] });
    silent.choose([t0!, t1!, t2!], t1!, 0);
    expect(silent.points).toEqual([]);
  });

  it('fires a due timeout first unless told to let the step go first, and records that choice', () => {
    const [t0] = threads(4);
    const key = -1 - anchorKey(t0!);
    expect(new AnchoredChooser({ anchors: [] }).timerFirst(t0!, 0)).toBe(true);
    const late = new AnchoredChooser({ anchors: [{ key, chosen: 1, preempts: false }] });
    expect(late.timerFirst(t0!, 0)).toBe(false);
    expect(late.made).toEqual([{ key, chosen: 1, preempts: false }]);
    const positional = new AnchoredChooser({ choices: [0, 1] });
    expect(positional.timerFirst(t0!, 0)).toBe(true);
    expect(positional.timerFirst(t0!, 1)).toBe(false);
  });
});
