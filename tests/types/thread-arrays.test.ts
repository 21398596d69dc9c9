import { run, Thread, Timer } from 'interleave-threads';

// Compiles only if a Thread made with typed arguments is still a plain Thread.
describe('Thread arrays', () => {
  it('a Thread<[number]> goes into a Thread[] (a learner builds lists this way)', () => {
    const r = run(function* () {
      function* work(n: number) {
        yield;
        return n;
      }
      function* ring(label: string) {
        yield;
        return label;
      }
      const threads: Thread[] = [];
      for (let i = 0; i < 3; i++) threads.push(new Thread({ target: work, args: [i] }));
      const timers: Thread[] = [new Timer(1, ring, ['bell'])];
      for (const t of [...threads, ...timers]) t.start();
      for (const t of [...threads, ...timers]) yield* t.join();
      return threads.length + timers.length;
    });
    expect(r.value).toBe(4);
  });

  it('still checks the arguments against the target', () => {
    run(function* () {
      function* work(n: number) {
        yield;
        return n;
      }
      // @ts-expect-error a string is not a number
      const t = new Thread({ target: work, args: ['one'] });
      void t;
    });
  });
});
