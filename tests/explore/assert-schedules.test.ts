import fc from 'fast-check';
import { assertSchedules, Lock, replay, shared, Thread, ValueError } from 'interleave-threads';
import { abba, counter } from '../support/programs';
import { messageOf } from '../support/run-helpers';

describe('assertSchedules', () => {
  it('returns the report when no schedule fails', () => {
    const report = assertSchedules(counter(3, true), {
      strategy: 'exhaustive',
      preemptionBound: 2,
      check: (r) => r.value === 3,
    });
    expect(report.failures).toBe(0);
    expect(report.complete).toBe(true);
  });

  it('throws an Error naming the failure, the preemptions, the shrunk token and how to replay it', () => {
    const message = messageOf(() => assertSchedules(counter(3, false), { check: (r) => r.value === 3 }));
    expect(message).toMatch(/^a schedule fails: check returned false\n/);
    expect(message).toMatch(/\noutcome: ok: value=[12]\n/);
    expect(message).toMatch(
      /found by the random search \(seed "0"\) at run \d+ of \d+; (shrunk from \d+ preemptions? and \d+ steps to )?1 preemption and \d+ steps\./,
    );
    const token = /\nschedule: (il1\.\S+)\n/.exec(message)![1]!;
    expect(message).toContain(`\n  replay(main, '${token}')\n`);
    expect(message).toMatch(new RegExp(`\\n  npx interleave replay <file> ${token.replace(/\./g, '\\.')}$`));
    expect(replay(counter(3, false), token).value).not.toBe(3);
  });

  it('stops at the first failure', () => {
    let runs = 0;
    expect(() =>
      assertSchedules(counter(3, false), { runs: 1000, onProgress: (n) => (runs = n), check: (r) => r.value === 3 }),
    ).toThrow();
    expect(runs).toBeLessThan(1000);
  });

  it('names a deadlock and its cycle', () => {
    const message = messageOf(() => assertSchedules(abba, { strategy: 'exhaustive' }));
    expect(message).toMatch(/^a schedule fails: deadlock: .*Thread-1 → Thread-2 → Thread-1/);
    expect(message).toContain('outcome: deadlock: Thread-1 -> Thread-2 -> Thread-1');
    expect(message).toMatch(/1 preemption/);
  });

  it('passes on option errors as explore does', () => {
    expect(() => assertSchedules(counter(2, true), { runs: -1 })).toThrow(ValueError);
  });

  it('combines with fast-check: inputs from fc.property, schedules from explore', () => {
    // A transfer between two accounts, locked or not: the total must stay the same.
    const bank = (amounts: number[], locked: boolean) =>
      function* () {
        const a = shared(100, 'a');
        const b = shared(100, 'b');
        const lock = new Lock({ name: 'bank' });
        function* transfer(amount: number) {
          if (locked) yield* lock.acquire();
          const x = yield* a.read();
          yield* a.write(x - amount);
          const y = yield* b.read();
          yield* b.write(y + amount);
          if (locked) lock.release();
        }
        const ts = amounts.map((n) => new Thread({ target: transfer, args: [n] }));
        for (const t of ts) t.start();
        for (const t of ts) yield* t.join();
        return a.value + b.value;
      };
    const amounts = fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(amounts, (xs) => {
        assertSchedules(bank(xs, true), { runs: 30, check: (r) => r.value === 200 });
      }),
      { numRuns: 15, seed: 42 },
    );
    let failure: unknown = null;
    try {
      fc.assert(
        fc.property(amounts, (xs) => {
          assertSchedules(bank(xs, false), { runs: 200, check: (r) => r.value === 200 });
        }),
        { numRuns: 15, seed: 42 },
      );
    } catch (e) {
      failure = e;
    }
    // fast-check shrinks the inputs to two transfers of 1; our error, with its token, is the cause.
    expect((failure as Error).message).toMatch(/Counterexample: \[\[1,1\]\]/);
    expect(((failure as Error).cause as Error).message).toMatch(
      /^a schedule fails: check returned false\n[\s\S]*replay\(main, 'il1\./,
    );
  });
});
