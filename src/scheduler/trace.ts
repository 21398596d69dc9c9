// The trace vocabulary lives with the other public types.
export type { SwitchReason, TraceEvent, TraceEventType } from '../types';
