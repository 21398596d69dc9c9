import type { SourceLocation } from './source-location';

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
  | {
      type: 'block';
      step: number;
      time: number;
      thread: string;
      id: number;
      on: string;
      timeout: number | null;
      /** With `locations`: the program line of the op that blocked. */
      at?: SourceLocation;
    }
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
  | {
      type: 'print';
      step: number;
      time: number;
      thread: string;
      id: number;
      text: string;
      /** With `locations`: the program line of the print. */
      at?: SourceLocation;
    }
  | {
      /**
       * An op's effect, with its value: a shared read (`value` what it returned) or write (what it
       * stored), an acquire or wait (`ok` false when it timed out or did not block and failed), a
       * queue put or get (the item), a release, an event set or clear.
       */
      type: 'op';
      step: number;
      time: number;
      thread: string;
      id: number;
      /** `read`, `write`, `acquire`, `release`, `wait`, `put`, `get`, `set`, `clear`, `notify`, `join`. */
      op: string;
      /** What it acted on, as reports name it: `Shared 'count'`, `Lock 'lockA'`. */
      on: string;
      /** The value read, written, put or got, as Python's repr shows it; null when the op has none. */
      value: string | null;
      /** Whether an acquire or wait succeeded; null for ops that cannot fail so. */
      ok: boolean | null;
      /** With `locations`: the program line that called the op. */
      at?: SourceLocation;
    };

/** Why a switch happened: the slice ran out, the holder blocked or ended, or (no GIL) a new tick. */
export type SwitchReason = 'slice' | 'block' | 'end' | 'start' | 'tick' | 'strategy';

/** The type names of trace events. */
export type TraceEventType = TraceEvent['type'];
