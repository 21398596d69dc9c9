// Node only: installs the traceback formatter, which reads program files (the browser entry has none).
import './_internal/traceback';

export {
  BrokenBarrierError,
  CancelledError,
  InterleaveError,
  QueueEmpty,
  QueueFull,
  ReplayError,
  RuntimeError,
  TimeoutError,
  TypeError,
  ValueError,
} from './errors';
export { assertSchedules } from './explore/assert-schedules';
export { explore } from './explore/explore';
export { mergeReports } from './explore/merge-reports';
export { replay } from './explore/replay';
export { exploreParallel } from './parallel/explore-parallel';
export { Barrier } from './primitives/barrier';
export { BoundedSemaphore } from './primitives/bounded-semaphore';
export { Condition } from './primitives/condition';
export { Event } from './primitives/event';
export { excepthook, setExcepthook } from './primitives/excepthook';
export { Future } from './primitives/future';
export { LifoQueue } from './primitives/lifo-queue';
export { local } from './primitives/local';
export { Lock } from './primitives/lock';
export { print } from './primitives/print';
export { PriorityQueue } from './primitives/priority-queue';
export { Queue } from './primitives/queue';
export { randint, random } from './primitives/random';
export { RLock } from './primitives/rlock';
export { Semaphore } from './primitives/semaphore';
export { Shared, shared } from './primitives/shared';
export { sleep, time } from './primitives/sleep';
export { activeCount, currentThread, enumerate, mainThread, Thread } from './primitives/thread';
export { DEFAULT_MAX_WORKERS, ThreadPoolExecutor } from './primitives/thread-pool-executor';
export { Timer } from './primitives/timer';
export { withLock } from './primitives/with-lock';
export { run } from './scheduler/run';
export { shortLocation } from './scheduler/source-location';
export { parseChoice, StepSession } from './teach/step-session';

export type { ExploreReport, FirstFailure } from './explore/report';
export type { ScheduleSpec } from './scheduler/schedule-token';
export type { ParallelExploreOptions } from './types';
export type { BarrierAction } from './primitives/barrier';
export type { PoolTask } from './primitives/thread-pool-executor';
export type { LockLike } from './primitives/with-lock';
export type { Op, Yielded } from './scheduler/instruction';
export type {
  AcquireOptions,
  AssertSchedulesOptions,
  DeadlockReport,
  DeadlockThread,
  ExcepthookArgs,
  ExploreCheck,
  ExploreOptions,
  ExploreStrategyName,
  MainFunction,
  PrimitiveOptions,
  QueueOpOptions,
  RaceReport,
  RunOptions,
  RunResult,
  RunStatus,
  SemaphoreAcquireOptions,
  ShutdownOptions,
  SourceLocation,
  StepLimitReport,
  StrategyName,
  SwitchReason,
  ThreadErrorEntry,
  ThreadOptions,
  ThreadPoolExecutorOptions,
  ThreadTarget,
  TraceEvent,
  TraceEventType,
} from './types';
export type { ParsedChoice } from './teach/step-session';
export type { PanelRow, StepBlocked, StepChoice, StepEvent, StepState, StepThread } from './teach/step-state';
