import { run, Thread, type TraceEvent } from 'interleave-threads';

/** Runs named workers of `steps` marked steps each; returns which worker ran each marked step. */
function interleaving(switchInterval: number, names: string[], steps: number): string {
  const seen: string[] = [];
  const r = run(
    function* () {
      const ts = names.map(
        (name) =>
          new Thread({
            name,
            target: function* () {
              for (let i = 0; i < steps; i++) {
                seen.push(name);
                yield;
              }
            },
          }),
      );
      for (const t of ts) t.start();
      for (const t of ts) yield* t.join();
    },
    { switchInterval },
  );
  expect(r.status).toBe('ok');
  return seen.join('');
}

/** The (thread, steps) runs of a traced run, in order. */
function slices(trace: TraceEvent[] | undefined): string[] {
  return (trace ?? []).flatMap((e) => (e.type === 'step' ? [`${e.thread}:${e.count}`] : []));
}

describe('round-robin scheduling', () => {
  it('with switchInterval 1 two threads alternate at every step', () => {
    expect(interleaving(1, ['A', 'B'], 6)).toBe('ABABABABABAB');
  });

  it('with switchInterval 1 three threads take turns in start order', () => {
    expect(interleaving(1, ['A', 'B', 'C'], 3)).toBe('ABCABCABC');
  });

  it('with switchInterval N each thread runs slices of exactly N steps', () => {
    expect(interleaving(3, ['A', 'B'], 6)).toBe('AAABBBAAABBB');
    expect(interleaving(2, ['A', 'B', 'C'], 4)).toBe('AABBCCAABBCC');
  });

  it('with the default switchInterval of 100 a short thread runs to its end before the next starts', () => {
    expect(interleaving(100, ['A', 'B'], 50)).toBe('A'.repeat(50) + 'B'.repeat(50));
    expect(interleaving(100, ['A', 'B'], 150)).toBe(
      'A'.repeat(100) + 'B'.repeat(100) + 'A'.repeat(50) + 'B'.repeat(50),
    );
  });

  it('a thread that blocks gives up the rest of its slice, and the switch is not a preemption', () => {
    const r = run(
      function* () {
        const t = new Thread({
          name: 'T',
          target: function* () {
            yield;
            yield;
          },
        });
        t.start();
        yield* t.join();
      },
      { switchInterval: 100, trace: true },
    );
    // MainThread: one step up to join's switch point, one step that blocks; T: three steps.
    expect(slices(r.trace)).toEqual(['MainThread:2', 'T:3', 'MainThread:1']);
    expect(r.steps).toBe(6);
    expect(r.switches).toBe(3);
    expect(r.preemptions).toBe(0);
  });

  it('counts a switch at the end of a slice as a preemption', () => {
    const r = run(
      function* () {
        const t = new Thread({
          name: 'T',
          target: function* () {
            yield;
            yield;
          },
        });
        t.start();
        yield;
        yield;
        yield* t.join();
      },
      { switchInterval: 2, trace: true },
    );
    expect(slices(r.trace)).toEqual(['MainThread:2', 'T:2', 'MainThread:2', 'T:1', 'MainThread:1']);
    const switches = (r.trace ?? []).filter((e) => e.type === 'switch');
    expect(switches.map((e) => (e.type === 'switch' ? `${e.to}/${e.reason}/${e.preempted}` : ''))).toEqual([
      'MainThread/start/false',
      'T/slice/true',
      'MainThread/slice/true',
      'T/block/false',
      'MainThread/end/false',
    ]);
    // The GIL's first hand-over, to MainThread, counts as a switch too.
    expect(r.switches).toBe(5);
    expect(r.preemptions).toBe(2);
  });

  it('a thread woken while others wait joins the back of the queue', () => {
    const seen: string[] = [];
    const r = run(
      function* () {
        const mk = (name: string, n: number) =>
          new Thread({
            name,
            target: function* () {
              for (let i = 0; i < n; i++) {
                seen.push(name);
                yield;
              }
            },
          });
        const a = mk('A', 4);
        const b = mk('B', 4);
        a.start();
        b.start();
        seen.push('m');
        yield* a.join(); // blocks; woken when A ends, behind B
        seen.push('M');
      },
      { switchInterval: 1 },
    );
    expect(r.status).toBe('ok');
    // A's fifth step ends it and wakes main, which queues behind B.
    expect(seen.join('')).toBe('mABABABAB' + 'M');
  });
});
