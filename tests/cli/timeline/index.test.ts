import { Lock, print, run, sleep, shared, Thread, ValueError, type RunResult } from 'interleave-threads';
import deadlockDemo from '../../../demos/deadlock';
import { renderTimeline } from '../../../src/cli/timeline';
import { section } from '../../support/docs';
import { printingCounter, sleepyAbba } from '../../support/programs';

function* sleepy() {
  function* napper(seconds: number) {
    yield* print('nap', seconds);
    yield* sleep(seconds);
    yield* print('up', seconds);
  }
  const a = new Thread({ target: napper, args: [1], name: 'short' });
  const b = new Thread({ target: napper, args: [3], name: 'long' });
  a.start();
  b.start();
  yield* a.join();
  yield* b.join();
}

function* cpu() {
  function* spin(n: number) {
    for (let i = 0; i < n; i++) yield;
    yield* print('done', n);
  }
  const a = new Thread({ target: spin, args: [6] });
  const b = new Thread({ target: spin, args: [9] });
  a.start();
  b.start();
  yield* a.join();
  yield* b.join();
}

/** Ten threads taking one lock 30 times each: a long run. */
function* busy() {
  const lock = new Lock({ name: 'lock' });
  const count = shared(0, 'count');
  function* worker() {
    for (let i = 0; i < 30; i++) {
      yield* lock.acquire();
      yield* count.update((n) => n + 1);
      lock.release();
    }
  }
  const threads = Array.from({ length: 10 }, () => new Thread({ target: worker }));
  for (const t of threads) t.start();
  for (const t of threads) yield* t.join();
}

const text = (lines: string[]): string => `${lines.join('\n')}\n`;
const traced = (main: () => Generator<unknown, unknown, never>, options = {}): RunResult =>
  run(main, { trace: true, ...options });
// Lane rows start with a thread name and hold the plot between the name column and the end bar.
const plotOf = (timeline: string, names: string[]): string[] =>
  timeline
    .split('\n')
    .filter((l) => names.some((n) => l.startsWith(n)))
    .map(
      (l) =>
        l
          .slice(l.indexOf(' ') + 1)
          .replace(/^ */, '')
          .split('│')[0]!,
    );

describe('renderTimeline', () => {
  it('draws the deadlock: the sleeps as spans through the breaks, each thread ending blocked on the lock the other holds', () => {
    const expected = [
      'Timeline of 3 threads: 15 steps, 1.000012 s of virtual time',
      'GIL on, switch interval 100 · 1 column = 1 step · all asleep twice, 1.0 s in all',
      'step       0          ┆ +1.0 s  ┆11┆ +3.0 µs ┆13│ 15',
      'MainThread █          ┆         ┆  ┆         ┆  │ done',
      'Thread-1    ██p██~sleep~~~~~~~~~~██┆─lockB───┆──│ blocked on lockB',
      'Thread-2    ·····██p██~sleep~~~~~~~~~~~~~~~~~~██│ blocked on lockA',
      '',
      'Blocks, wakes, shared reads and writes, errors:',
      '  step  5  0.000005 s  Thread-1 blocks on sleep(1)',
      '  step 10  0.000010 s  Thread-2 blocks on sleep(1)',
      '  step 11  1.000005 s  Thread-1 wakes after sleep(1)',
      "  step 12  1.000006 s  Thread-1 blocks on Lock 'lockB'",
      '  step 13  1.000010 s  Thread-2 wakes after sleep(1)',
      "  step 14  1.000011 s  Thread-2 blocks on Lock 'lockA'",
      '',
      'Legend: █ running (holds the GIL)   · ready, waiting for the GIL',
      '       ─ blocked on the named primitive   ~ sleeping   p printed',
      '       ┆ all asleep: the clock jumps',
    ];
    expect(renderTimeline(traced(sleepyAbba), { width: 80, color: false })).toBe(text(expected));
  });

  it('draws the race with switchInterval 1: the GIL changes hands at every step', () => {
    const expected = [
      'Timeline of 4 threads: 20 steps, 0.000020 s of virtual time',
      'GIL on, switch interval 1 · 1 column = 1 step',
      'step       0         10        │ 20',
      'MainThread █···█──────────··███│ done',
      'Thread-1    █···r··p··█··w     │ done',
      'Thread-2    ·█···r··p··█··w    │ done',
      'Thread-3    ··█···r··p··█··w   │ done',
      '',
      'Blocks, wakes, shared reads and writes, errors:',
      '  step  4  0.000004 s  MainThread blocks on Thread-1 to end (join)',
      '  step  5  0.000005 s  Thread-1 reads count → 0',
      '  step  6  0.000006 s  Thread-2 reads count → 0',
      '  step  7  0.000007 s  Thread-3 reads count → 0',
      '  step 14  0.000014 s  Thread-1 writes count ← 1',
      '  step 14  0.000014 s  MainThread is woken by Thread-1 (Thread-1 to end (join))',
      '  step 15  0.000015 s  Thread-2 writes count ← 1',
      '  step 16  0.000016 s  Thread-3 writes count ← 1',
      '',
      'Legend: █ running (holds the GIL)   · ready, waiting for the GIL',
      '       ─ blocked on the named primitive   p printed   r read a shared cell',
      '       w wrote a shared cell',
    ];
    expect(renderTimeline(traced(printingCounter, { switchInterval: 1 }), { width: 80, color: false })).toBe(
      text(expected),
    );
  });

  it('compresses the idle stretches of a sleep-heavy program into breaks that say how far the clock jumped', () => {
    const expected = [
      'Timeline of 3 threads: 19 steps, 3.000013 s of virtual time',
      'GIL on, switch interval 100 · 1 column = 1 step · all asleep twice, 3.0 s in all',
      'step       0         ┆ +1.0 s ┆10   ┆ +2.0 s ┆15  │ 19',
      'MainThread ██────────┆────────┆───██┆────────┆───█│ done',
      'short       ·█p██~sleep~~~~~~~~█p█  ┆        ┆    │ done',
      'long        ·····█p██~sleep~~~~~~~~~~~~~~~~~~~█p█ │ done',
      '',
      'Blocks, wakes, shared reads and writes, errors:',
      '  step  1  0.000001 s  MainThread blocks on short to end (join)',
      '  step  5  0.000005 s  short blocks on sleep(1)',
      '  step  9  0.000009 s  long blocks on sleep(3)',
      '  step 10  1.000005 s  short wakes after sleep(1)',
      '  step 12  1.000007 s  MainThread is woken by short (short to end (join))',
      '  step 14  1.000009 s  MainThread blocks on long to end (join)',
      '  step 15  3.000009 s  long wakes after sleep(3)',
      '  step 17  3.000011 s  MainThread is woken by long (long to end (join))',
      '',
      'Legend: █ running (holds the GIL)   · ready, waiting for the GIL',
      '       ─ blocked on the named primitive   ~ sleeping   p printed',
      '       ┆ all asleep: the clock jumps',
    ];
    expect(renderTimeline(traced(sleepy), { width: 80, color: false })).toBe(text(expected));
  });

  it('without the GIL draws several lanes running in the same tick', () => {
    const expected = [
      'Timeline of 3 threads: 26 steps in 15 ticks, 0.000015 s of virtual time',
      'no GIL, 2 cores · 1 column = 1 tick',
      'tick       0         10   │ 15',
      'MainThread █·█───────██──█│ done',
      'Thread-1    ███████p█     │ done',
      'Thread-2    █·█████████p█ │ done',
      '',
      'Blocks, wakes, shared reads and writes, errors:',
      '  tick  2  0.000002 s  MainThread blocks on Thread-1 to end (join)',
      '  tick  9  0.000009 s  MainThread is woken by Thread-1 (Thread-1 to end (join))',
      '  tick 11  0.000011 s  MainThread blocks on Thread-2 to end (join)',
      '  tick 13  0.000013 s  MainThread is woken by Thread-2 (Thread-2 to end (join))',
      '',
      'Legend: █ running (holds a core)   · ready, waiting for a core',
      '       ─ blocked on the named primitive   p printed',
    ];
    const timeline = renderTimeline(traced(cpu, { gil: false, cores: 2 }), { width: 80, color: false });
    expect(timeline).toBe(text(expected));
    const [main, t1, t2] = ['MainThread', 'Thread-1', 'Thread-2'].map(
      (n) => timeline.split('\n').find((l) => l.startsWith(n))!,
    );
    const both = [...t1!].filter((ch, i) => ch === '█' && t2![i] === '█').length;
    expect(both).toBeGreaterThan(3);
    expect(main).toContain('─');
  });

  it('with the GIL shows exactly one running thread in every column', () => {
    const timeline = renderTimeline(traced(printingCounter, { switchInterval: 1 }), { width: 80, color: false });
    const rows = timeline.split('\n').filter((l) => /^(MainThread|Thread-\d)/.test(l));
    const width = rows[0]!.indexOf('│');
    for (let col = 11; col < width; col++) {
      expect(rows.filter((r) => '█prw'.includes(r[col]!))).toHaveLength(1);
    }
  });

  it('throws a clear Error when the run was not traced', () => {
    expect(() => renderTimeline(run(printingCounter), { width: 80, color: false })).toThrow(/trace: true/);
  });

  it('writes no escape codes without color, and only adds escape codes with it', () => {
    const result = traced(sleepyAbba);
    const plain = renderTimeline(result, { width: 80, color: false });
    const colored = renderTimeline(result, { width: 80, color: true });
    expect(plain).not.toMatch(/\x1b/);
    expect(colored).toMatch(/\x1b\[/);
    expect(colored.replace(/\x1b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('gives the same text for the same run, byte for byte', () => {
    expect(renderTimeline(traced(busy, { switchInterval: 5 }), { width: 72, color: true })).toBe(
      renderTimeline(traced(busy, { switchInterval: 5 }), { width: 72, color: true }),
    );
  });

  it('folds a long run of ten threads into the width, with shades for partial columns', () => {
    const result = traced(busy, { switchInterval: 5 });
    const names = ['MainThread', ...Array.from({ length: 10 }, (_, i) => `Thread-${i + 1}`)];
    for (const width of [60, 100]) {
      const timeline = renderTimeline(result, { width, color: false });
      const lanes = timeline.split('\n').filter((l) => names.some((n) => l.startsWith(`${n} `)));
      expect(lanes).toHaveLength(11);
      for (const lane of lanes) expect([...lane].length).toBeLessThanOrEqual(width);
      expect(timeline).toMatch(/1 column = \d+ steps/);
      expect(timeline).toMatch(/[▓▒░]/);
      expect(timeline).toContain('▓▒░ ran part of the column');
    }
    expect(plotOf(renderTimeline(result, { width: 60, color: false }), names)[0]!.length).toBeLessThan(
      plotOf(renderTimeline(result, { width: 100, color: false }), names)[0]!.length,
    );
  });

  it('keeps the beginning and the end of a long list of blocks and wakes', () => {
    const timeline = renderTimeline(traced(busy, { switchInterval: 5 }), { width: 80, color: false });
    const notes = timeline.split('\n').filter((l) => l.startsWith('  step '));
    expect(notes).toHaveLength(20);
    expect(timeline).toMatch(/… \d+ more \(the trace command writes every event\) …/);
    // The last event kept is main's last wake-up, by whichever worker ended last (locks are not fair).
    expect(notes[notes.length - 1]).toMatch(/MainThread is woken by Thread-\d+ /);
  });

  it('marks breaks on the axis only when a run sleeps more often than the width has room for', () => {
    const result = traced(function* () {
      for (let i = 0; i < 200; i++) {
        yield* sleep(0.5);
        yield;
      }
    });
    const timeline = renderTimeline(result, { width: 70, color: false });
    const [axisRow, lane] = timeline.split('\n').slice(2, 4);
    expect([...lane!].length).toBeLessThanOrEqual(70);
    expect(axisRow).toContain('┆');
    expect(lane).not.toContain('┆');
    expect(timeline).toContain('┆ all asleep: the clock jumps');
  });

  it('marks a thread that failed, and says what stopped each thread that did not end', () => {
    const result = traced(
      function* () {
        const lock = new Lock({ name: 'gate' });
        yield* lock.acquire();
        new Thread({
          name: 'fails',
          target: function* () {
            yield;
            throw new ValueError('bad input');
          },
        }).start();
        new Thread({
          name: 'stuck',
          target: function* () {
            yield* lock.acquire();
          },
        }).start();
        new Thread({
          name: 'spins',
          target: function* () {
            for (;;) yield;
          },
        }).start();
        yield* sleep(1);
      },
      { maxSteps: 40 },
    );
    expect(result.status).toBe('step-limit');
    const timeline = renderTimeline(result, { width: 80, color: false });
    expect(timeline).toMatch(/^fails .*✗ *│ ✗ ValueError$/m);
    expect(timeline).toMatch(/^stuck .*│ blocked on gate$/m);
    expect(timeline).toMatch(/^spins .*│ cut off \(step limit\)$/m);
    expect(timeline).toContain('fails ends with ValueError: bad input');
    expect(timeline).toContain('✗ ended with an error');
  });

  it('still draws one lane per thread for many threads', () => {
    const result = traced(function* () {
      const threads = Array.from(
        { length: 24 },
        (_, i) =>
          new Thread({
            name: `worker-${String(i).padStart(2, '0')}`,
            target: function* () {
              yield* print(i);
            },
          }),
      );
      for (const t of threads) t.start();
      for (const t of threads) yield* t.join();
    });
    const timeline = renderTimeline(result, { width: 80, color: false });
    expect(timeline).toMatch(/^Timeline of 25 threads/);
    expect(timeline.split('\n').filter((l) => /^worker-\d\d .*│ done$/.test(l))).toHaveLength(24);
  });

  it("matches the picture in the command-line page's timeline section", () => {
    const shown = section('docs/command-line.md', '## Timeline, trace and step');
    const block = /```text\n([\s\S]*?)```/.exec(shown)![1];
    expect(block).toBe(renderTimeline(traced(deadlockDemo), { width: 80, color: false }));
  });
});
