// The bug suite: classic concurrency bugs, each with the fewest preemptions that make it fail
// (checked by exhaustive search in bugs.test.ts) and, for most, a fixed program that never fails.
// bench/bug-table.ts prints the table of docs/exploring.md from this list.
import type { MainFunction, RunResult } from 'interleave-threads';
import {
  flagFlip,
  lazyInit,
  lazyInitOk,
  lostUpdate,
  lostUpdateOk,
  overdraft,
  overdraftOk,
  threeWayRace,
  threeWayRaceOk,
  tornRead,
  tornReadOk,
  transientState,
} from './races';
import { abaStack, abaStackOk } from './lock-free';
import { abba, ifNotWhile, missedNotify, notifyOne, philosophers, poolSelfWait, queueCheckThenGet } from './waiting';

export interface Bug {
  name: string;
  /** What goes wrong, in a few words. */
  title: string;
  main: MainFunction;
  /** The property; none: the run must end ok with no thread error. */
  check?: (r: RunResult) => boolean;
  /** The fewest preemptions of a failing schedule. */
  preemptions: number;
  /** Runs within which random or PCT search finds it. */
  budget: number;
  /** Needs an unlikely order of events far apart: PCT should do at least as well as random. */
  deep?: boolean;
  /** The corrected program, and the preemption bound within which exhaustive search covers it (null: none). */
  fixed?: { main: MainFunction; bound: number | null };
}

export const BUGS: readonly Bug[] = [
  {
    name: 'lost-update',
    title: 'two unlocked `count += 1`',
    main: lostUpdate(false),
    check: lostUpdateOk,
    preemptions: 1,
    budget: 100,
    fixed: { main: lostUpdate(true), bound: null },
  },
  {
    name: 'check-then-act',
    title: 'two withdrawals both pass the balance check',
    main: overdraft(false),
    check: overdraftOk,
    preemptions: 1,
    budget: 100,
    fixed: { main: overdraft(true), bound: null },
  },
  {
    name: 'lazy-init',
    title: 'the instance is made twice',
    main: lazyInit(false),
    check: lazyInitOk,
    preemptions: 1,
    budget: 100,
    fixed: { main: lazyInit(true), bound: null },
  },
  {
    name: 'torn-read',
    title: 'an unlocked reader sees half a transfer',
    main: tornRead(false),
    check: tornReadOk,
    preemptions: 1,
    budget: 100,
    fixed: { main: tornRead(true), bound: null },
  },
  {
    name: 'abba-deadlock',
    title: 'two locks taken in opposite orders',
    main: abba(false),
    preemptions: 1,
    budget: 100,
    fixed: { main: abba(true), bound: null },
  },
  {
    name: 'philosophers',
    title: 'three philosophers each hold a left fork',
    main: philosophers(false),
    preemptions: 1,
    budget: 200,
    fixed: { main: philosophers(true), bound: null },
  },
  {
    name: 'if-not-while',
    title: 'a woken consumer does not recheck the condition',
    main: ifNotWhile(false),
    preemptions: 1,
    budget: 200,
    fixed: { main: ifNotWhile(true), bound: 2 },
  },
  {
    name: 'missed-notify',
    title: 'the flag is checked outside the lock; the notify is lost',
    main: missedNotify(false),
    preemptions: 1,
    budget: 100,
    fixed: { main: missedNotify(true), bound: null },
  },
  {
    name: 'notify-not-all',
    title: 'notify() wakes a producer when a consumer must run',
    main: notifyOne(false),
    preemptions: 0,
    budget: 100,
    fixed: { main: notifyOne(true), bound: 0 },
  },
  {
    name: 'queue-check-then-get',
    title: 'two consumers see one item; one finds the queue empty',
    main: queueCheckThenGet(false),
    preemptions: 1,
    budget: 100,
    fixed: { main: queueCheckThenGet(true), bound: null },
  },
  {
    name: 'pool-self-wait',
    title: 'a one-worker pool task waits on a task of its own pool',
    main: poolSelfWait(1),
    preemptions: 0,
    budget: 10,
    fixed: { main: poolSelfWait(2), bound: 2 },
  },
  {
    name: 'transient-state',
    title: 'a checker must read inside a one-step window after 30 steps',
    main: transientState,
    preemptions: 1,
    budget: 2000,
    deep: true,
  },
  {
    name: 'flag-flip',
    title: 'a reader must read inside two windows 30 steps apart',
    main: flagFlip,
    preemptions: 2,
    budget: 3000,
    deep: true,
  },
  {
    name: 'aba-stack',
    title: 'a lock-free stack pops a node another thread popped and pushed back',
    main: abaStack(false),
    check: abaStackOk,
    preemptions: 1,
    budget: 400,
    fixed: { main: abaStack(true), bound: null },
  },
  {
    name: 'three-way-race',
    title: 'three `count += 1` amid other work all read the same value',
    main: threeWayRace,
    check: threeWayRaceOk,
    preemptions: 2,
    budget: 3000,
  },
];
