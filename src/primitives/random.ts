import { ValueError } from '../errors';
import { currentRuntime } from '../scheduler/context';

/** A float in [0, 1) from the run's seeded generator (Python's `random.random()`). */
export function random(): number {
  return currentRuntime('random()').random();
}

/** An integer N with a <= N <= b, both ends included (Python's `random.randint`). */
export function randint(a: number, b: number): number {
  if (!Number.isInteger(a) || !Number.isInteger(b))
    throw new ValueError(`randint needs two integers, got ${a} and ${b}`);
  if (b < a) throw new ValueError(`empty range for randint(${a}, ${b})`);
  return a + Math.floor(currentRuntime('randint()').random() * (b - a + 1));
}
