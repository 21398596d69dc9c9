import { run, Thread } from 'interleave-threads';

describe('step limit', () => {
  it('stops a spinning thread at maxSteps and names it with its share', () => {
    const r = run(
      function* () {
        let stop = false;
        const spinner = new Thread({
          name: 'spinner',
          target: function* () {
            while (!stop) yield;
          },
        });
        spinner.start();
        yield* spinner.join();
        stop = true;
      },
      { maxSteps: 10_000 },
    );
    expect(r.status).toBe('step-limit');
    expect(r.steps).toBe(10_000);
    expect(r.deadlock).toBeNull();
    expect(r.stepLimit).toEqual({
      threads: [{ thread: 'spinner', share: 1 }],
      message:
        'Step limit: the run was stopped after 10,000 steps (maxSteps). In the last 1,024 steps ran spinner (100%); ' +
        'spinner never stopped running: an endless loop or a busy-wait that no other thread can end.',
    });
  });

  it('names every thread of a livelock with its share, most active first', () => {
    const r = run(
      function* () {
        const mk = (name: string) =>
          new Thread({
            name,
            target: function* () {
              for (;;) yield;
            },
          });
        const a = mk('A');
        const b = mk('B');
        a.start();
        b.start();
        yield* a.join();
      },
      { maxSteps: 5000, switchInterval: 1 },
    );
    expect(r.status).toBe('step-limit');
    expect(r.stepLimit?.threads).toEqual([
      { thread: 'A', share: 0.5 },
      { thread: 'B', share: 0.5 },
    ]);
    expect(r.stepLimit?.message).toContain('A (50%), B (50%); these threads kept running without finishing');
  });

  it('diagnoses no loop when the whole run fits in the window: it may just need more steps', () => {
    const r = run(
      function* () {
        for (;;) yield;
      },
      { maxSteps: 10 },
    );
    expect(r.stepLimit?.message).toBe(
      'Step limit: the run was stopped after 10 steps (maxSteps), before it could finish; ran MainThread (100%). ' +
        'Raise maxSteps (--max-steps) to let it run longer.',
    );
  });

  it('lets a run of exactly maxSteps steps end normally, and stops one step longer', () => {
    const body = function* () {
      for (let i = 0; i < 9; i++) yield;
      return 'done';
    };
    expect(run(body).steps).toBe(10);
    const exact = run(body, { maxSteps: 10 });
    expect([exact.status, exact.value, exact.stepLimit]).toEqual(['ok', 'done', null]);
    const short = run(body, { maxSteps: 9 });
    expect([short.status, short.value, short.steps]).toEqual(['step-limit', undefined, 9]);
  });
});
