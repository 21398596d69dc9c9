import pc from 'picocolors';
import { explore } from '../../explore/explore';
import type { ExploreReport } from '../../explore/report';
import type { RunResult } from '../../scheduler/run-program';
import type { RunOptions } from '../../scheduler/options';
import { count, plural } from '../format';
import type { Program } from '../load-program';
import { replayCommandLine } from '../replay-command-line';
import { runCheck } from '../summary';

/** The goal of each demo whose lesson is a bug, in the learner's words. */
const GOALS: Record<string, string> = {
  race: 'lose an update: end with a final count below 10',
  lock: 'lose an update: end with a final count below 10 (the lock is there to stop you)',
  deadlock: 'reach the deadlock: each thread holding the lock the other waits for',
  philosophers: 'reach the deadlock: every philosopher holding one fork',
  'lost-wakeup': 'strand the consumer: leave it waiting for a notify that already came',
};

/** What winning means, as a verb: "No schedule can lose an update". */
const VERBS: Record<string, string> = {
  race: 'lose an update',
  lock: 'lose an update',
  deadlock: 'reach the deadlock',
  philosophers: 'reach the deadlock',
  'lost-wakeup': 'strand the consumer',
};

/** Budgets of the search for the fewest preemptions: exhaustive first, then PCT. */
const EXHAUSTIVE_RUNS = 2000;
const PCT_RUNS = 1000;

/** The goal, printed before the first screen. */
export function challengeIntro(prog: Program, hasCheck: boolean): string {
  const goal = GOALS[prog.spec] ?? "make the program's check(result) fail";
  const how = hasCheck ? '' : ' (this program exports no check: a run that is not ok, or has an uncaught error, wins)';
  return `Challenge: ${goal}${how}.\n`;
}

/** Did this run beat the program's check (or, without one, end badly)? */
function won(prog: Program, result: RunResult): boolean {
  if (prog.check !== undefined) return !runCheck(prog.check, result).passed;
  return result.status !== 'ok' || result.errors.length > 0;
}

/** The search for the win with the fewest preemptions, with the learner's options (every step a decision). */
function search(prog: Program, options: RunOptions): { exhaustive: ExploreReport; pct: ExploreReport | null } {
  const base = { ...options, switchInterval: 1, trace: false, locations: false, stopOnFailure: true };
  const check = prog.check === undefined ? undefined : (r: RunResult): unknown => prog.check!(r);
  const exhaustive = explore(prog.main, { ...base, strategy: 'exhaustive', runs: EXHAUSTIVE_RUNS, check });
  if (exhaustive.firstFailure !== null || exhaustive.complete) return { exhaustive, pct: null };
  return { exhaustive, pct: explore(prog.main, { ...base, strategy: 'pct', runs: PCT_RUNS, check }) };
}

/**
 * The challenge's verdict after the learner's run: won or not, with the preemptions used; the
 * fewest the explorer needed (its shrunk schedule) and how to replay it; or, when no schedule
 * wins, how that was established (an exhaustive search that completed, or the budget searched).
 */
export function reportChallenge(
  prog: Program,
  options: RunOptions,
  result: RunResult,
  preemptions: number,
  color: boolean,
): string {
  const colors = pc.createColors(color);
  const out = [''];
  const mine = plural(preemptions, 'preemption');
  const lost = `Not this time: your schedule (${mine} of yours) did not win.`;
  const verdict = won(prog, result) ? colors.green(colors.bold(`You won, with ${mine} of your own.`)) : lost;
  out.push(verdict);
  const { exhaustive, pct } = search(prog, options);
  const found = exhaustive.firstFailure ?? pct?.firstFailure ?? null;
  const verb = VERBS[prog.spec] ?? "make the program's check fail";
  if (found !== null) {
    out.push(`The explorer's shortest win needs ${plural(found.preemptions, 'preemption')} (its shrunk schedule).`);
    out.push(`Replay it with: ${replayCommandLine(prog, found.shrunk)}`);
  } else if (exhaustive.complete) {
    out.push(
      `No schedule can ${verb}: an exhaustive search covered every schedule ` +
        `(${count(exhaustive.runs)} classes of equivalent ones) and none failed the check.`,
    );
  } else {
    const searched = exhaustive.runs + (pct?.runs ?? 0);
    out.push(
      `No schedule can ${verb} as far as the explorer can tell: none of the ${count(searched)} schedules searched ` +
        `(${count(exhaustive.runs)} exhaustive, ${count(pct?.runs ?? 0)} PCT) failed the check; ` +
        'the search is a budget, not a proof.',
    );
  }
  return `${out.join('\n')}\n`;
}
