/**
 * Runs a generated program under a schedule and gathers every violation the checks find, with
 * the program's listing, so a failing (shrunk) case reads as a small Python-like program.
 */
import { explore, replay, run, type ExploreReport, type RunResult } from 'interleave-threads';
import { runProgram, strategyFor } from '../../../src/scheduler/run-program';
import { resolveRunOptions } from '../../../src/scheduler/options';
import type { Runtime } from '../../../src/scheduler/runtime';
import { ChoiceStrategy, type Chooser } from '../../../src/scheduler/strategies/choice';
import { DporUnsupported } from '../../../src/explore/search/dpor-strategy';
import { searchExhaustive } from '../../../src/explore/search/exhaustive';
import { InvariantError } from '../../../src/scheduler/invariant';
import { assertEngineInvariants, CheckedStrategy } from '../../support/checked-strategy';
import type { ScheduleOptions } from './arbitrary';
import { checkEnd, checkResultAgainstTrace, checkTrace, fingerprint } from './checks';
import { buildMain } from './interpret';
import { Monitor } from './monitor';
import { listing, type Program } from './program';

/** Generated programs are short; a run that needs more steps than this has gone wrong. */
export const MAX_STEPS = 20_000;

export interface CheckedRun {
  result: RunResult;
  runtime: Runtime;
  monitor: Monitor;
  violations: string[];
}

/**
 * Runs `p` once with `options` (trace on) and checks every invariant: the program's (the
 * monitor), the trace's, and the engine's own after every decision (`CheckedStrategy`: ready
 * set or PCT heap, wait-queue links). The wrapped strategy makes the same run; only the token
 * differs (it records the choices).
 */
export function checkedRun(p: Program, options: ScheduleOptions): CheckedRun {
  const monitor = new Monitor(p);
  const resolved = resolveRunOptions({ ...options, trace: true, maxSteps: MAX_STEPS });
  const strategy = new CheckedStrategy(strategyFor(resolved));
  const result = runProgram(buildMain(p, monitor), resolved, { strategy }).result;
  const runtime = monitor.rt!;
  const violations = [...monitor.violations];
  if (strategy.broken !== null) violations.push(`the engine broke an invariant: ${strategy.broken.message}`);
  if (strategy.checks === 0) violations.push('the engine invariants were never checked');
  if (result.status === 'step-limit') violations.push(`the run hit the step limit: ${result.stepLimit?.message}`);
  if (result.status === 'error' || result.errors.length > 0) {
    violations.push(
      ...result.errors.map(
        (e) =>
          `${e.thread} raised ${e.error instanceof Error ? `${e.error.name}: ${e.error.message}` : String(e.error)}`,
      ),
    );
  }
  violations.push(
    ...checkTrace(result.trace ?? [], 1e-6, options.gil),
    ...checkResultAgainstTrace(result),
    ...checkEnd(result, runtime, monitor),
    ...monitor.endViolations(),
  );
  return { result, runtime, monitor, violations };
}

/** Throws a readable report when `violations` is not empty. */
export function expectSound(p: Program, options: object, violations: string[]): void {
  if (violations.length === 0) return;
  throw new Error(
    `${violations.length} violation(s):\n  - ${violations.slice(0, 12).join('\n  - ')}\n\nprogram:\n${listing(p)}\n\noptions: ${JSON.stringify(options)}`,
  );
}

/** Picks among candidates with a seeded generator of its own (never Math.random). */
export class SeededChooser implements Chooser {
  #s: number;
  constructor(seed: number) {
    this.#s = (seed >>> 0) + 1;
  }
  choose(candidates: readonly { id: number }[]): number {
    // xorshift32: enough for a deterministic spread of choices
    this.#s ^= this.#s << 13;
    this.#s ^= this.#s >>> 17;
    this.#s ^= this.#s << 5;
    return candidates[(this.#s >>> 0) % candidates.length]!.id;
  }
}

/**
 * Determinism of one program under one schedule: the same options twice, a replay of the
 * token, and a run driven by explicit choices replayed from its `choices` token, all identical.
 */
export function determinismViolations(p: Program, options: ScheduleOptions): string[] {
  const out: string[] = [];
  const once = (): RunResult => run(buildMain(p, new Monitor(p)), { ...options, trace: true, maxSteps: MAX_STEPS });
  const a = once();
  const fa = fingerprint(a);
  if (fingerprint(once()) !== fa) out.push('the same seed and options gave a different result the second time');
  const r = replay(buildMain(p, new Monitor(p)), a.schedule, { trace: true });
  if (fingerprint(r) !== fa) out.push(`replay of ${a.schedule} differs from the run that made it`);
  const resolved = resolveRunOptions({ ...options, trace: true, maxSteps: MAX_STEPS });
  const chosen = runProgram(buildMain(p, new Monitor(p)), resolved, {
    strategy: new ChoiceStrategy(new SeededChooser(options.seed)),
  }).result;
  if (!chosen.schedule.startsWith('il1.')) out.push(`a choices token looks wrong: ${chosen.schedule}`);
  const again = replay(buildMain(p, new Monitor(p)), chosen.schedule, { trace: true });
  if (fingerprint(again) !== fingerprint(chosen))
    out.push(`replay of the choices token ${chosen.schedule} differs from the run that made it`);
  return out;
}

export interface SearchOptions {
  strategy: 'random' | 'pct' | 'exhaustive';
  seed: number;
}

/**
 * explore on a generated program: the same search twice gives the same report, the failing
 * run's token replays to a run of the same length, and the shrunk token replays to exactly the
 * result the report shows.
 */
export function exploreViolations(p: Program, search: SearchOptions): string[] {
  const out: string[] = [];
  const options = {
    ...search,
    runs: 25,
    maxSteps: MAX_STEPS,
    ...(search.strategy === 'exhaustive' ? { preemptionBound: 1 } : {}),
  };
  const once = (): ExploreReport => explore(buildMain(p, new Monitor(p)), options);
  const a = once();
  if (reportJson(once()) !== reportJson(a)) out.push('the same search twice gave different reports');
  const f = a.firstFailure;
  if (f !== null) {
    const again = replay(buildMain(p, new Monitor(p)), f.schedule);
    if (again.steps !== f.original.steps)
      out.push(`replay of the failing token ${f.schedule} took ${again.steps} steps, not ${f.original.steps}`);
    const shrunk = replay(buildMain(p, new Monitor(p)), f.shrunk);
    if (fingerprint(shrunk) !== fingerprint(f.result))
      out.push(`replay of the shrunk token ${f.shrunk} differs from the result the report shows`);
    if (shrunk.preemptions !== f.preemptions)
      out.push(`the shrunk run has ${shrunk.preemptions} preemptions, the report says ${f.preemptions}`);
    if (f.preemptions > f.original.preemptions)
      out.push(`shrinking went from ${f.original.preemptions} to ${f.preemptions} preemptions`);
  }
  if (a.failures > a.runs || a.runs > 25)
    out.push(`the report counts ${a.failures} failures in ${a.runs} runs of a budget of 25`);
  return out;
}

function reportJson(r: ExploreReport): string {
  return JSON.stringify({
    ...r,
    firstFailure: r.firstFailure === null ? null : { ...r.firstFailure, result: fingerprint(r.firstFailure.result) },
  });
}

/** How an exhaustive search is run on a generated program. */
export interface TreeSearch {
  /** Dynamic partial-order reduction (programs that wait on timers fall back to the state cache). */
  dpor: boolean;
  /** Preemption (or, with `delays`, delay) bound; Infinity for none. */
  bound: number;
  delays: boolean;
}

/**
 * The exhaustive search's tree stays sound: after every complete run of the search (DPOR's path,
 * or the depth-first stack with the state cache), the strategy's `assertInvariants()` and the
 * run's wait-queue links hold. A search is capped at a few dozen runs.
 */
export function searchTreeViolations(p: Program, search: TreeSearch): string[] {
  const runOnce = (dpor: boolean): number => {
    let checked = 0;
    searchExhaustive({
      main: buildMain(p, new Monitor(p)),
      options: resolveRunOptions({ maxSteps: MAX_STEPS }),
      bound: search.bound,
      delays: search.delays,
      budget: 40,
      reduction: true,
      dpor,
      detector: null,
      onRun: (execution) => {
        assertEngineInvariants(execution.runtime.strategy, execution.runtime.threads);
        checked++;
        return false;
      },
    });
    return checked;
  };
  try {
    let checked: number;
    try {
      checked = runOnce(search.dpor);
    } catch (e) {
      if (!(e instanceof DporUnsupported)) throw e;
      checked = runOnce(false);
    }
    return checked === 0 ? ['the search made no complete run, so nothing was checked'] : [];
  } catch (e) {
    if (e instanceof InvariantError) return [`the search broke an invariant: ${e.message}`];
    throw e;
  }
}
