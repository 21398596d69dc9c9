import { replay, run, Thread, time, sleep } from 'interleave-threads';
import join from '../../demos/join';
import { toChromeTrace } from '../../src/cli/chrome-trace';
import { renderTimeline } from '../../src/cli/timeline';

/** `stepTime: 0` (API.md): steps take no virtual time; only sleeps, timeouts and timers move the clock. */
describe('stepTime: 0', () => {
  it("makes the tutorial's times read exactly: join ends at 5.0", () => {
    const r = run(join, { stepTime: 0 });
    expect(r.status).toBe('ok');
    expect(r.time).toBe(5);
    expect(r.output.trimEnd().split('\n').pop()).toBe('5.000');
    // The same run with the default step time is a few microseconds late.
    expect(run(join).time).toBeGreaterThan(5);
  });

  it('lets steps take no time while sleeps still move the clock, and replays from its token', () => {
    const main = function* () {
      const seen: number[] = [];
      for (let i = 0; i < 1000; i++) yield;
      seen.push(time());
      yield* sleep(0.5);
      seen.push(time());
      return seen;
    };
    const r = run(main, { stepTime: 0 });
    expect(r.value).toEqual([0, 0.5]);
    expect(replay(main, r.schedule).value).toEqual([0, 0.5]);
  });

  it('gives a timeline and a Chrome trace with no NaN or Infinity, with and without the GIL', () => {
    const main = function* () {
      const ts = [0.25, 1].map(
        (s) =>
          new Thread({
            name: `s${s}`,
            target: function* () {
              yield;
              yield* sleep(s);
              yield;
            },
          }),
      );
      for (const t of ts) t.start();
      for (const t of ts) yield* t.join();
    };
    for (const options of [{ stepTime: 0 }, { stepTime: 0, gil: false, cores: 2 }]) {
      const r = run(main, { ...options, trace: true });
      expect(r.time).toBe(1);
      const text = renderTimeline(r, { width: 80, color: false });
      expect(text).not.toMatch(/NaN|Infinity/);
      expect(text).toContain('1.0');
      expect(text).toContain('0.25 s  s0.25 wakes after sleep(0.25)');
      const doc = JSON.stringify(toChromeTrace(r));
      expect(doc).not.toMatch(/NaN|Infinity|null,"dur"/);
    }
  });
});
