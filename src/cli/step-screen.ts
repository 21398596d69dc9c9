import type { Colors } from 'picocolors/types';
import type { RunResult } from '../scheduler/execute';
import { describeError } from '../scheduler/thread-errors';
import type { StepState } from './step-capture';
import { isTimeWait } from './timeline-lanes';

/** Printed once, before the first screen. */
export const INTRO =
  'You are the scheduler. Each screen lists the threads that can run and what their next step does.\n' +
  'Type a number to run that thread for one step, u to undo your last choice, q to quit.\n';

/** One decision point: new output, the blocked threads, the numbered runnable ones. */
export function formatScreen(st: StepState, shown: string, c: Colors): string {
  const out = ['', c.bold(`── step ${st.steps} · ${st.time.toFixed(6)} s ${'─'.repeat(30)}`)];
  out.push(...outputLines(st.output, shown, c));
  if (st.blocked.length > 0) {
    out.push('Blocked:');
    const width = Math.max(...st.blocked.map((b) => b.thread.length));
    for (const b of st.blocked) {
      const held = b.heldBy.length > 0 ? ` (held by ${b.heldBy.join(' and ')})` : '';
      const what = isTimeWait(b.waitingFor) ? `sleeps: ${b.waitingFor}` : `waits for ${b.waitingFor}${held}`;
      out.push(`     ${c.bold(b.thread.padEnd(width))}  ${c.red(what)}`);
    }
  }
  out.push('Runnable:');
  const width = Math.max(...st.runnable.map((r) => r.thread.length));
  for (const r of st.runnable) out.push(`  ${c.cyan(c.bold(String(r.number).padStart(2)))} ${c.bold(r.thread.padEnd(width))}  ${r.next}`);
  return `${out.join('\n')}\n`;
}

/** The question under a screen. */
export function prompt(st: StepState, c: Colors): string {
  const range = st.runnable.length === 2 ? '1 or 2' : `1-${st.runnable.length}`;
  return c.bold(`Run which thread? (${range}, u = undo, q = quit) `);
}

/** How the run ended, the output not yet shown, and the token that replays it. */
export function formatOutcome(r: RunResult, shown: string, c: Colors): string {
  const paint = r.status === 'ok' ? c.green : c.red;
  const out = ['', c.bold(`── the run is over: ${paint(r.status)} after ${r.steps} steps, ${r.time.toFixed(6)} s ${'─'.repeat(12)}`)];
  out.push(...outputLines(r.output, shown, c));
  if (r.deadlock !== null) out.push(r.deadlock.message);
  if (r.stepLimit !== null) out.push(r.stepLimit.message);
  const mainError = r.status === 'error' ? r.errors[r.errors.length - 1] : undefined;
  if (mainError !== undefined) out.push(`MainThread raised ${describeError(mainError.error)}`);
  out.push(`Token of your schedule: ${r.schedule}`);
  return `${out.join('\n')}\n`;
}

/** What `q` prints: where the run stands, and the token of the choices so far. */
export function formatQuit(st: StepState, token: string, c: Colors): string {
  return [
    '',
    c.bold(`── you quit at step ${st.steps} (${st.time.toFixed(6)} s); the run is not finished`),
    `Token of your choices so far: ${token}`,
    'Replaying it runs your choices, then lets the default strategy finish the run.',
    '',
  ].join('\n');
}

/** The output printed since the last screen, or all of it when an undo took some back. */
function outputLines(output: string, shown: string, c: Colors): string[] {
  const fresh = output.startsWith(shown);
  const text = fresh ? output.slice(shown.length) : output;
  if (text === '') return [];
  // print writes its text and its newline in two steps; a lone newline is worth showing too.
  const lines = /^\n+$/.test(text) ? [c.dim('(a newline)')] : text.replace(/\n$/, '').split('\n');
  return [fresh ? 'New output:' : 'Output so far:', ...lines.map((l) => `  ${c.dim('│')} ${l}`)];
}
