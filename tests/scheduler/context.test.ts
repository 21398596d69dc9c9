import {
  activeCount,
  currentThread,
  enumerate,
  Event,
  local,
  Lock,
  mainThread,
  print,
  randint,
  random,
  RLock,
  run,
  RuntimeError,
  shared,
  sleep,
  Thread,
  time,
} from 'interleave-threads';

const INSIDE = /can only be used inside a thread of a running program/;

describe('operations outside a run', () => {
  const lock = new Lock({ name: 'outside' });
  const cases: [string, () => unknown][] = [
    ['lock.acquire()', () => lock.acquire().next()],
    ['lock.release()', () => lock.release()],
    ['new RLock().acquire()', () => new RLock().acquire().next()],
    ['event.set()', () => new Event().set()],
    ['event.clear()', () => new Event().clear()],
    ['event.wait()', () => new Event().wait().next()],
    ['sleep()', () => sleep(1).next()],
    ['print()', () => print('x').next()],
    ['time()', () => time()],
    ['currentThread()', () => currentThread()],
    ['mainThread()', () => mainThread()],
    ['enumerate()', () => enumerate()],
    ['activeCount()', () => activeCount()],
    ['random()', () => random()],
    ['randint()', () => randint(1, 6)],
    ['new Thread()', () => new Thread()],
    ['shared.read()', () => shared(0).read().next()],
    ['shared.write()', () => shared(0).write(1).next()],
    ['a local attribute', () => (local() as { x?: number }).x],
  ];
  it.each(cases)('%s raises RuntimeError saying how to run thread code', (_, call) => {
    expect(call).toThrow(RuntimeError);
    expect(call).toThrow(INSIDE);
  });

  it('creating a primitive needs no run; it binds to the first run that uses it', () => {
    const l = new Lock();
    const r = run(function* () {
      yield* l.acquire();
      return l.name;
    });
    expect(r.value).toBe('Lock-1');
    expect(l.locked()).toBe(true);
  });

  it('shared(...).value can be read outside a run', () => {
    expect(shared(7).value).toBe(7);
  });
});

describe('a primitive or thread of one run used in another', () => {
  function errorOf(main: () => Generator<unknown, unknown, never>): unknown {
    const r = run(main);
    expect(r.status).toBe('error');
    return r.errors.at(-1)?.error;
  }

  it('a Lock made in one run raises RuntimeError in the next', () => {
    let kept: Lock | null = null;
    run(function* () {
      kept = new Lock({ name: 'mine' });
      yield* kept.acquire();
    });
    const e = errorOf(function* () {
      kept!.release();
    });
    expect(e).toBeInstanceOf(RuntimeError);
    expect(String(e)).toBe(
      "RuntimeError: Lock 'mine' belongs to another run: a primitive keeps its state, so each run needs its own. Create it inside the main generator function (or inside a thread), not at module level.",
    );
  });

  it('a module-level primitive works in its first run and raises in the second', () => {
    const ev = new Event({ name: 'module' });
    const main = function* () {
      ev.set();
      yield* ev.wait();
      return ev.isSet();
    };
    expect(run(main).value).toBe(true);
    expect(String(errorOf(main))).toMatch(/^RuntimeError: Event 'module' belongs to another run/);
  });

  it('a shared cell and an RLock are bound the same way', () => {
    const cell = shared(0, 'cell');
    const rl = new RLock({ name: 'rl' });
    run(function* () {
      yield* cell.write(1);
      yield* rl.acquire();
    });
    expect(
      String(
        errorOf(function* () {
          yield* cell.read();
        }),
      ),
    ).toMatch(/^RuntimeError: shared 'cell' belongs to another run/);
    expect(
      String(
        errorOf(function* () {
          yield* rl.acquire();
        }),
      ),
    ).toMatch(/^RuntimeError: RLock 'rl' belongs to another run/);
  });

  it('a Thread made in one run cannot be started or joined in another', () => {
    let kept: Thread | null = null;
    let started: Thread | null = null;
    run(function* () {
      kept = new Thread({ name: 'old', target: function* () {} });
      started = new Thread({ name: 'done', target: function* () {} });
      started.start();
      yield* started.join();
    });
    const e1 = errorOf(function* () {
      kept!.start();
    });
    expect(e1).toBeInstanceOf(RuntimeError);
    expect(String(e1)).toBe(
      "RuntimeError: thread 'old' belongs to another run; create threads inside the program you run",
    );
    expect(
      String(
        errorOf(function* () {
          yield* started!.join();
        }),
      ),
    ).toMatch(/thread 'done' belongs to another run/);
  });
});
