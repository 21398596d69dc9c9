import {
  Event,
  Lock,
  RLock,
  run,
  shared,
  sleep,
  Thread,
  Timer,
  withLock,
  type RunOptions,
  type RunResult,
} from 'interleave-threads';
import { namedCounter } from '../support/programs';

const schedules: RunOptions[] = [
  {},
  { switchInterval: 1 },
  ...[0, 1, 2, 3, 4].map((seed): RunOptions => ({ strategy: 'random', seed, switchInterval: 1 })),
  ...[0, 1, 2].map((seed): RunOptions => ({ strategy: 'random', seed })),
  ...[0, 1, 2].map((seed): RunOptions => ({ strategy: 'pct', seed })),
  { gil: false, cores: 2 },
];

function races(main: () => Generator<unknown, unknown, never>, options: RunOptions = {}): RunResult {
  const r = run(main, { ...options, detectRaces: true });
  expect(r.status).toBe('ok');
  return r;
}

describe('race detector', () => {
  it.each(schedules)('finds the race of an unlocked counter in a single run with %p', (options) => {
    const r = races(namedCounter(false), options);
    expect(r.races!.length).toBeGreaterThan(0);
    for (const race of r.races!) {
      expect(race.variable).toBe('counter');
      expect([...race.threads].sort()).toEqual(['T1', 'T2']);
    }
  });

  it('finds it even in a schedule that gave the right answer', () => {
    const r = races(namedCounter(false));
    expect(r.value).toBe(6);
    expect(r.races!.length).toBeGreaterThan(0);
  });

  it.each(schedules)('finds no race for a locked counter with %p', (options) => {
    const r = races(namedCounter(true), options);
    expect(r.value).toBe(6);
    expect(r.races).toEqual([]);
  });

  it('describes a race in one sentence, reporting each pair of accesses once', () => {
    const r = races(function* () {
      const x = shared(0, 'x');
      const t = new Thread({
        name: 'writer',
        target: function* () {
          for (let i = 0; i < 5; i++) yield* x.write(i);
        },
      });
      t.start();
      yield* sleep(1);
      for (let i = 0; i < 5; i++) yield* x.read();
      yield* t.join();
    });
    expect(r.races).toEqual([
      {
        variable: 'x',
        threads: ['writer', 'MainThread'],
        message: expect.stringMatching(
          /^Data race on 'x': writer wrote it \(step \d+\) and MainThread read it \(step \d+\), and nothing orders the two accesses \(no lock, event, queue or join between them\), so another schedule can swap them\.$/,
        ),
      },
    ]);
  });

  it('sees no race between reads only', () => {
    const r = races(
      function* () {
        const x = shared(1, 'x');
        const ts = [0, 1].map(
          () =>
            new Thread({
              target: function* () {
                yield* x.read();
                yield* x.read();
              },
            }),
        );
        for (const t of ts) t.start();
        for (const t of ts) yield* t.join();
      },
      { switchInterval: 1 },
    );
    expect(r.races).toEqual([]);
  });

  it('orders accesses through an Event: set before a successful wait', () => {
    for (const options of schedules) {
      const r = races(function* () {
        const x = shared(0, 'x');
        const ready = new Event();
        const reader = new Thread({
          target: function* () {
            yield* ready.wait();
            yield* x.write((yield* x.read()) + 1);
          },
        });
        reader.start();
        yield* x.write(41);
        ready.set();
        yield* reader.join();
        return x.value;
      }, options);
      expect([r.value, r.races]).toEqual([42, []]);
    }
  });

  it('orders accesses through start() and join()', () => {
    for (const options of schedules) {
      const r = races(function* () {
        const x = shared(0, 'x');
        yield* x.write(1); // before start: seen by the child
        const t = new Thread({
          target: function* () {
            yield* x.update((v) => v + 1);
          },
        });
        t.start();
        yield* t.join();
        yield* x.update((v) => v * 10); // after join: the child's write happened before
        const timer = new Timer(0.5, function* () {
          yield* x.update((v) => v + 1);
        });
        timer.start();
        yield* timer.join();
        return yield* x.read();
      }, options);
      expect([r.value, r.races]).toEqual([21, []]);
    }
  });

  it('orders accesses through an RLock, and through a Lock released by another thread', () => {
    const r = races(
      function* () {
        const x = shared(0, 'x');
        const r1 = new RLock();
        const handoff = new Lock();
        yield* handoff.acquire();
        const a = new Thread({
          target: function* () {
            yield* withLock(r1, function* () {
              yield* x.update((v) => v + 1);
            });
            yield* x.update((v) => v + 1);
            handoff.release(); // a releases the lock main acquired
          },
        });
        const b = new Thread({
          target: function* () {
            yield* withLock(r1, function* () {
              yield;
            });
          },
        });
        a.start();
        b.start();
        yield* handoff.acquire();
        yield* x.update((v) => v + 1);
        yield* a.join();
        yield* b.join();
      },
      { switchInterval: 1 },
    );
    expect(r.races).toEqual([]);
  });

  it('does not count a timed-out wait or join, or polling isAlive(), as ordering', () => {
    const r = races(
      function* () {
        const x = shared(0, 'x');
        const never = new Event();
        const t = new Thread({
          name: 'T',
          target: function* () {
            yield* x.write(1);
            yield* sleep(2);
            yield* x.write(2);
          },
        });
        t.start();
        yield* never.wait(1); // times out: no edge
        yield* t.join(0.5); // times out: no edge
        yield* x.read();
        while (t.isAlive()) yield;
        yield* x.read();
      },
      { stepTime: 1 / 64 },
    );
    // T's first write against main's first read; main's first read against T's second write.
    expect(r.races!.map((race) => race.threads)).toEqual([
      ['T', 'MainThread'],
      ['MainThread', 'T'],
    ]);
  });

  it('adds races only when detectRaces is on', () => {
    const r = run(namedCounter(false), { switchInterval: 1 });
    expect(r.races).toBeUndefined();
  });
});
