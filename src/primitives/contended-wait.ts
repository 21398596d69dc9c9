import type { Runtime } from '../scheduler/runtime';
import type { ThreadRecord, Waitable } from '../scheduler/thread-record';
import type { WaitQueue } from '../scheduler/wait-queue';

/*
 * CPython's locks, semaphores and queues are not fair: a release (a put, a get) frees the
 * resource and wakes a waiter, which must take it again when it runs; a thread arriving
 * meanwhile, the releasing one included, may take it first. The woken waiter that lost then
 * waits again, at the front of the queue (it is still the longest waiter), until its first
 * deadline. These two helpers are the waiting half of that protocol for every such primitive.
 */

/** The exact virtual time a wait of `limit` seconds starting now ends (Infinity: never). */
export function deadlineOf(rt: Runtime, limit: number): number {
  return limit === Infinity ? Infinity : rt.clock.now() + limit;
}

/**
 * Blocks `me` on `on` again after a wake-up that found the resource taken, at the front of
 * `queue` and until the same `deadline`. Returns false, without blocking, when the deadline has
 * passed (the caller gives up, as CPython's loops do when no time remains).
 */
export function waitAgain(rt: Runtime, me: ThreadRecord, on: Waitable, queue: WaitQueue, deadline: number): boolean {
  const now = rt.clock.now();
  if (deadline <= now) return false;
  rt.block(me, on, null, deadline - now, deadline);
  queue.unshift(me);
  return true;
}
