// The trace vocabulary lives with the other public types.
export type { SourceLocation, SwitchReason, TraceEvent, TraceEventType } from '../types';
