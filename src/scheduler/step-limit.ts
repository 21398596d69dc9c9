import { RECENT, type Runtime } from './runtime';
import type { StepLimitReport } from '../types';
export type { StepLimitReport } from '../types';

/** Reads the ring of recent steps kept by the runtime. */
export function stepLimitReport(rt: Runtime): StepLimitReport {
  const recent = Math.min(rt.steps, RECENT);
  const counts = new Map<number, number>();
  for (let i = 0; i < recent; i++) {
    const id = rt.recent![(rt.steps - 1 - i) & (RECENT - 1)]!;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const threads = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([id, c]) => ({ thread: rt.threads[id]!.name, share: c / recent }));
  const who = threads.map((t) => `${t.thread} (${Math.round(t.share * 100)}%)`).join(', ');
  if (recent === rt.steps) return { threads, message: tooFewSteps(rt.steps, who) };
  const kind =
    threads.length === 1
      ? `${threads[0]!.thread} never stopped running: an endless loop or a busy-wait that no other thread can end`
      : 'these threads kept running without finishing: a livelock, or threads busy-waiting on each other';
  return {
    threads,
    message: `Step limit: the run was stopped after ${thousands(rt.steps)} steps (maxSteps). In the last ${thousands(recent)} steps ran ${who}; ${kind}.`,
  };
}

/**
 * A run stopped within its first RECENT steps: too short to tell an endless loop from a program
 * that needs more steps, so no livelock is diagnosed.
 */
function tooFewSteps(steps: number, who: string): string {
  return `Step limit: the run was stopped after ${thousands(steps)} steps (maxSteps), before it could finish; ran ${who}. Raise maxSteps (--max-steps) to let it run longer.`;
}

/** 10000000 as 10,000,000, the same on every machine (no locale). */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}
