import { RuntimeError } from '../../errors';
import type { ThreadRecord } from '../../scheduler/thread-record';

/**
 * The error of a search whose program ran differently under the same schedule prefix: at the
 * `index`-th decision or event, thread #`id` ran before, but now only `candidates` can run.
 */
export function divergence(
  where: 'decision' | 'event',
  index: number,
  id: number,
  candidates: readonly ThreadRecord[],
): RuntimeError {
  const names = [...candidates]
    .sort((a, b) => a.id - b.id)
    .map((t) => `${t.name} (#${t.id})`)
    .join(', ');
  return new RuntimeError(
    `explore: the program did not repeat itself under the same schedule: at ${where} ${index + 1} thread #${id} ran before, but now only ${names} can run. ` +
      "Each run must depend only on its schedule and seed: keep state inside main (not at module level), and use random() and time() rather than the host's random numbers or clock.",
  );
}
