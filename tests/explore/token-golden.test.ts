import { print, randint, replay, run, type RunOptions, shared, type Shared, sleep, Thread } from 'interleave-threads';

/*
 * Tokens pinned to what they replay. A random or PCT token depends on the strategy's generator
 * and its seeding, so a change to either must show here: the tokens below were made by the
 * versions named, and each must replay exactly the run it was made from.
 */

function* worker(counter: Shared<number>) {
  yield* sleep(randint(0, 2) / 1000);
  const v = yield* counter.read();
  yield* counter.write(v + 1);
}

/** Three threads, a timer each, the program's random(), and a lost update waiting to happen. */
function* main() {
  const c = shared(0, 'counter');
  const ts = [0, 1, 2].map(() => new Thread({ target: worker, args: [c] }));
  for (const t of ts) t.start();
  for (const t of ts) yield* t.join();
  yield* print('count', c.value);
  return c.value;
}

interface Pinned {
  options: RunOptions;
  token: string;
  steps: number;
  time: number;
  switches: number;
}

const ran = (p: Pinned) => ({ steps: p.steps, time: p.time, switches: p.switches, value: 3, output: 'count 3\n' });

// Made by the strategies seeded with seedrandom's Mash (codes `rnd`, `pct`): before this version.
const MASH: Pinned[] = [
  {
    options: { strategy: 'random', seed: 'golden' },
    token: 'il1.cm5kfGdvbGRlbnwxfDAuMDAwMDAxfDF8MXwzfDEwMDB8MTAwMDAwMDB8MjJ8LQ.wtzb',
    steps: 22,
    time: 0.002011,
    switches: 10,
  },
  {
    options: { strategy: 'random', seed: 7 },
    token: 'il1.cm5kfDd8MXwwLjAwMDAwMXwxfDF8M3wxMDAwfDEwMDAwMDAwfDI0fC0.vhcz',
    steps: 24,
    time: 0.002012,
    switches: 13,
  },
  {
    options: { strategy: 'pct', seed: 'golden' },
    token: 'il1.cGN0fGdvbGRlbnwxfDAuMDAwMDAxfDF8MXwzfDEwMDB8MTAwMDAwMDB8MjN8LQ.de5v',
    steps: 23,
    time: 0.002014,
    switches: 7,
  },
];

// Made by the strategies seeded from a quick hash (codes `rnd2`, `pct2`) before `sleep(0)` became a
// fair yield: 11 fields, replayed with sleep(0) as a zero-length sleep.
const BEFORE_FAIR_YIELDS: Pinned[] = [
  {
    options: { strategy: 'random', seed: 'golden' },
    token: 'il1.cm5kMnxnb2xkZW58MXwwLjAwMDAwMXwxfDF8M3wxMDAwfDEwMDAwMDAwfDI0fC0.okqj',
    steps: 24,
    time: 0.0020109999999999998,
    switches: 14,
  },
  {
    options: { strategy: 'random', seed: 7 },
    token: 'il1.cm5kMnw3fDF8MC4wMDAwMDF8MXwxfDN8MTAwMHwxMDAwMDAwMHwyM3wt.c188',
    steps: 23,
    time: 0.002017,
    switches: 12,
  },
  {
    options: { strategy: 'pct', seed: 'golden' },
    token: 'il1.cGN0Mnxnb2xkZW58MXwwLjAwMDAwMXwxfDF8M3wxMDAwfDEwMDAwMDAwfDIyfC0.qe1y',
    steps: 22,
    time: 0.0020160000000000004,
    switches: 7,
  },
];

// Made by today's strategies (codes `rnd2`, `pct2`, and a last field `y`: fair sleep(0) yields).
const QUICK: Pinned[] = [
  {
    options: { strategy: 'random', seed: 'golden' },
    token: 'il1.cm5kMnxnb2xkZW58MXwwLjAwMDAwMXwxfDF8M3wxMDAwfDEwMDAwMDAwfDIzfC18eQ.06f0',
    steps: 23,
    time: 0.002012,
    switches: 11,
  },
  {
    options: { strategy: 'random', seed: 7 },
    token: 'il1.cm5kMnw3fDF8MC4wMDAwMDF8MXwxfDN8MTAwMHwxMDAwMDAwMHwyMnwtfHk.qjq6',
    steps: 22,
    time: 0.0020160000000000004,
    switches: 11,
  },
  {
    options: { strategy: 'pct', seed: 'golden' },
    token: 'il1.cGN0Mnxnb2xkZW58MXwwLjAwMDAwMXwxfDF8M3wxMDAwfDEwMDAwMDAwfDIyfC18eQ.pmg9',
    steps: 22,
    time: 0.002013,
    switches: 9,
  },
];

describe('schedule tokens pinned to their runs', () => {
  it.each(QUICK)('today: run($options) makes its pinned token and run', (p) => {
    const r = run(main, { ...p.options, switchInterval: 1 });
    expect(r.schedule).toBe(p.token);
    expect(r).toMatchObject(ran(p));
  });

  it.each(QUICK)('today: the pinned token replays that run', (p) => {
    expect(replay(main, p.token)).toMatchObject({ ...ran(p), schedule: p.token });
  });

  it.each([...MASH, ...BEFORE_FAIR_YIELDS])('an earlier version: its token still replays the run it made', (p) => {
    expect(replay(main, p.token)).toMatchObject({ ...ran(p), schedule: p.token });
  });

  it('tells the two seedings apart: today a seed runs otherwise than its earlier token replays', () => {
    for (const p of MASH) {
      const today = run(main, { ...p.options, switchInterval: 1 });
      const earlier = replay(main, p.token);
      expect([today.steps, today.switches, today.time]).not.toEqual([earlier.steps, earlier.switches, earlier.time]);
    }
  });
});
