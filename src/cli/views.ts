import type { RunResult } from '../scheduler/execute';

/**
 * The teaching views drawn from a traced run. They live in their own modules (timeline.ts,
 * chrome-trace.ts); this is the one place the commands reach them through.
 */
export interface TimelineOptions {
  width: number;
  color: boolean;
}

type TimelineModule = { renderTimeline(result: RunResult, options: TimelineOptions): string };
type TraceModule = { toChromeTrace(result: RunResult): object };

/** The ASCII/Unicode timeline of a run made with `trace: true`. */
export function renderTimeline(result: RunResult, options: TimelineOptions): string {
  return (require('./timeline') as TimelineModule).renderTimeline(result, options);
}

/** The Chrome trace-event document of a run made with `trace: true`. */
export function toChromeTrace(result: RunResult): object {
  return (require('./chrome-trace') as TraceModule).toChromeTrace(result);
}
