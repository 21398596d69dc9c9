import { str } from '../_internal/format';
import type { RunResult } from '../scheduler/run-program';
import { describeError } from '../scheduler/thread-errors';
import type { ExploreCheck } from './explore-options';

/** Why a run failed, and the shape of the failure that shrinking must keep. */
export interface Verdict {
  /** One readable sentence: "check returned false", "status 'deadlock': ...". */
  reason: string;
  /** What "fails the same way" compares: the status and the kind of failure, not the details. */
  signature: string;
}

/**
 * Judges a run: null when it passes. With a `check`, the run fails when the check returns false
 * or throws; without one, when the run did not end `'ok'` or any thread raised.
 */
export function judge<T>(result: RunResult<T>, check: ExploreCheck<T> | null): Verdict | null {
  if (check !== null) {
    let verdict: unknown;
    try {
      verdict = check(result);
    } catch (error) {
      const name = error instanceof Error ? error.name : typeof error;
      return { reason: `check threw ${describeError(error)}`, signature: `${result.status}|threw ${name}` };
    }
    return verdict === false ? { reason: 'check returned false', signature: `${result.status}|false` } : null;
  }
  if (result.status !== 'ok') return { reason: statusReason(result), signature: result.status };
  const first = result.errors[0];
  if (first !== undefined) {
    const name = first.error instanceof Error ? first.error.name : typeof first.error;
    return { reason: `${first.thread} raised ${describeError(first.error)}`, signature: `ok|raised ${name}` };
  }
  return null;
}

function statusReason(result: RunResult): string {
  switch (result.status) {
    case 'deadlock':
      return `deadlock: ${unlabelled(result.deadlock?.message ?? 'every thread is blocked')}`;
    case 'step-limit':
      return `step limit: ${unlabelled(result.stepLimit?.message ?? `stopped after ${result.steps} steps`)}`;
    case 'error': {
      const main = result.errors[result.errors.length - 1];
      return `MainThread raised ${main === undefined ? 'an error' : describeError(main.error)}`;
    }
    default:
      return `status '${result.status}'`;
  }
}

/**
 * A readable key for the outcome histogram: the status and what the run produced, such as
 * `ok: value=7`, `ok: output="Count is 9\n"`, `deadlock: Thread-1 -> Thread-2 -> Thread-1`.
 * Runs with equal keys ended the same way as far as a reader can tell.
 */
export function outcomeKey(result: RunResult): string {
  let key: string;
  switch (result.status) {
    case 'ok':
      key =
        result.value !== undefined
          ? `ok: value=${show(result.value)}`
          : result.output !== ''
            ? `ok: output=${JSON.stringify(result.output)}`
            : 'ok';
      break;
    case 'deadlock': {
      const cycle = result.deadlock?.cycle;
      key = cycle
        ? `deadlock: ${cycle.join(' -> ')}`
        : `deadlock: ${(result.deadlock?.threads ?? []).map((t) => t.thread).join(', ')} blocked`;
      break;
    }
    case 'error': {
      const main = result.errors[result.errors.length - 1];
      key = `error: ${main === undefined ? 'unknown' : describeError(main.error)}`;
      break;
    }
    case 'step-limit':
      key = `step-limit: ${(result.stepLimit?.threads ?? []).map((t) => t.thread).join(', ')}`;
      break;
  }
  const others = result.status === 'error' ? result.errors.slice(0, -1) : result.errors;
  if (others.length > 0) key += `; raised: ${others.map((e) => `${e.thread} ${describeError(e.error)}`).join(', ')}`;
  return key;
}

/**
 * `outcomeKey` for every run of a search, remembering the key of each plain `ok: value=...`
 * outcome: most runs of a search end with one of a few values, and building and hashing the
 * same string again for each showed in the profile of a short program's exploration.
 */
export class OutcomeKeys {
  readonly #byValue = new Map<unknown, string>();

  of(result: RunResult): string {
    const value = result.value;
    // With a value, the key leaves the output out. A Map key does not tell -0 from 0; neither
    // does the key (both show as 0).
    const memo =
      result.status === 'ok' &&
      result.errors.length === 0 &&
      (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean');
    if (!memo) return outcomeKey(result);
    let key = this.#byValue.get(value);
    if (key === undefined) {
      key = outcomeKey(result);
      this.#byValue.set(value, key);
    }
    return key;
  }
}

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : str(v);
}

/** A report's paragraph inside a reason: without its own `Deadlock:` label and final period (the reason has both). */
function unlabelled(message: string): string {
  return message.replace(/^(?:Deadlock|Step limit): /, '').replace(/\.$/, '');
}
