import { run, Thread } from 'interleave-threads';

describe('scale', () => {
  it('runs 100,000 threads to the end', () => {
    const r = run(function* () {
      let ended = 0;
      const ts: Thread[] = [];
      for (let i = 0; i < 100_000; i++) {
        const t = new Thread({
          target: function* () {
            yield;
            ended++;
          },
        });
        t.start();
        ts.push(t);
      }
      for (const t of ts) yield* t.join();
      return [ended, ts[99_999]!.name];
    });
    expect(r.status).toBe('ok');
    expect(r.value).toEqual([100_000, 'Thread-100000']);
    // Main's first step starts them all; each thread takes two steps; main joins each in one.
    expect(r.steps).toBe(1 + 2 * 100_000 + 100_000 + 1);
  });
});
