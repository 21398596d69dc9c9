/**
 * Trace events, recorded with `trace: true`. A discriminated union, so a `switch` over `type`
 * is checked by the compiler. `step` and `time` say when the event happened (steps run so far,
 * virtual seconds); `thread` names the thread and `id` is its stable number in the run.
 */
export type TraceEvent =
  | { type: 'start'; step: number; time: number; thread: string; id: number; by: string }
  | { type: 'end'; step: number; time: number; thread: string; id: number; error: string | null }
  | {
      /** A run of consecutive steps of one thread (one GIL slice, or one tick without the GIL). */
      type: 'step';
      step: number;
      time: number;
      thread: string;
      id: number;
      /** Steps in the run; it covers steps [step, step + count). */
      count: number;
      endTime: number;
    }
  | {
      /** The GIL (or a core) changed hands. `preempted` when `from` could have gone on. */
      type: 'switch';
      step: number;
      time: number;
      from: string | null;
      to: string;
      id: number;
      reason: SwitchReason;
      preempted: boolean;
    }
  | { type: 'block'; step: number; time: number; thread: string; id: number; on: string; timeout: number | null }
  | {
      type: 'wake';
      step: number;
      time: number;
      thread: string;
      id: number;
      on: string;
      /** The thread whose action woke it, or null for a timeout. */
      by: string | null;
      timedOut: boolean;
    }
  | { type: 'timer'; step: number; time: number; thread: string; id: number; on: string }
  | { type: 'print'; step: number; time: number; thread: string; id: number; text: string };

/** Why a switch happened: the slice ran out, the holder blocked or ended, or (no GIL) a new tick. */
export type SwitchReason = 'slice' | 'block' | 'end' | 'start' | 'tick' | 'strategy';

/** The type names of trace events. */
export type TraceEventType = TraceEvent['type'];
