import type { Colors } from 'picocolors/types';
import type { RunResult } from '../../scheduler/run-program';
import { shortLocation } from '../../scheduler/source-location';
import { describeError } from '../../scheduler/thread-errors';
import type { StepEvent, StepState, StepThread } from '../../teach/step-state';
import type { CheckVerdict } from '../summary';
import { sourceWindow } from './source-window';
import type { SourceText } from './source-text';

/** What every screen needs besides the state. */
export interface ScreenContext {
  readonly c: Colors;
  readonly source: SourceText;
}

/**
 * Printed once, before the first screen: the rules, and that the program's `switchInterval`
 * does not apply (the learner is the GIL). `lookFor` is the demo's lesson, when it has one.
 */
export function intro(programInterval: number | undefined, lookFor: readonly string[]): string {
  const lines = [
    'You are the scheduler (and the GIL): you decide at every step where two or more threads can run.',
    programInterval === undefined || programInterval === 1
      ? 'Steps only one thread can take run on their own, and each is listed as it happens.'
      : `The program's switchInterval of ${programInterval} does not apply here; ` +
        'steps only one thread can take run on their own, and each is listed as it happens.',
    "Type a thread's number or name to run it one step; add + (as in 2+) to run it up to its next visible",
    'operation (a shared read or write, a lock, queue, event or condition op, a print, a sleep); u undoes, q quits.',
  ];
  if (lookFor.length > 0) lines.push('', ...lookFor.map((l, i) => (i === 0 ? `Look for: ${l}` : `          ${l}`)));
  return `${lines.join('\n')}\n`;
}

/** One happened line: `Thread-2 · race.ts:21 · read count → 3   yield* count.read()`. */
export function eventLine(e: StepEvent, ctx: ScreenContext): string {
  const where = e.at === null ? '' : ` · ${shortLocation(e.at)}`;
  const code = e.at === null ? null : ctx.source.codeAt(e.at);
  const text = `${e.thread}${where} · ${e.text}`;
  return code === null ? text : `${text.padEnd(54)}  ${ctx.c.dim(code)}`;
}

function happenedLines(st: StepState, took: number | null, ctx: ScreenContext): string[] {
  if (st.happened.length === 0) return [];
  const head = took !== null && took > 1 ? `What happened (${took} steps):` : 'What happened:';
  return [head, ...st.happened.map((e) => `  ${eventLine(e, ctx)}`)];
}

function threadLines(st: StepState, ctx: ScreenContext): string[] {
  const colors = ctx.c;
  const width = Math.max(...st.threads.map((t) => t.thread.length));
  const where = (t: StepThread): string => (t.at === null || t.state === 'done' ? '' : shortLocation(t.at));
  const whereWidth = Math.max(0, ...st.threads.map((t) => where(t).length));
  return [
    'Threads:',
    ...st.threads.map((t) => {
      const num = t.number === null ? '   ' : colors.cyan(colors.bold(String(t.number).padStart(3)));
      const doing =
        t.state === 'runnable'
          ? `${t.number === null ? 'runnable, next' : 'next'}: ${t.doing}`
          : t.state === 'blocked'
            ? colors.red(`blocked: ${t.doing}`)
            : colors.dim(t.doing);
      return `${num} ${colors.bold(t.thread.padEnd(width))}  ${where(t).padEnd(whereWidth)}  ${doing}`.replace(
        /\s+$/,
        '',
      );
    }),
  ];
}

function panelLines(st: StepState, c: Colors): string[] {
  if (st.panel.length === 0) return [];
  const label = (r: StepState['panel'][number]): string => `${r.name} (${r.kind})`;
  const width = Math.max(...st.panel.map((r) => label(r).length));
  return [
    'State:',
    ...st.panel.map((r) => {
      const waiting = r.waiters.length > 0 ? c.red(`; waiting: ${r.waiters.join(', ')}`) : '';
      return `  ${label(r).padEnd(width)}  ${r.value}${waiting}`;
    }),
  ];
}

/** The output printed since the last screen, or all of it when an undo took some back. */
export function outputLines(output: string, shown: string, c: Colors): string[] {
  const fresh = output.startsWith(shown);
  const text = fresh ? output.slice(shown.length) : output;
  if (text === '') return [];
  // print writes its text and its newline in two steps; a lone newline is worth showing too.
  const lines = /^\n+$/.test(text) ? [c.dim('(a newline)')] : text.replace(/\n$/, '').split('\n');
  return [fresh ? 'New output:' : 'Output so far:', ...lines.map((l) => `  ${c.dim('│')} ${l}`)];
}

/** One decision point: what happened since the last, the source, the threads, the state, new output. */
export function formatScreen(st: StepState, shown: string, took: number | null, ctx: ScreenContext): string {
  const c = ctx.c;
  const out = ['', c.bold(`── step ${st.steps} · ${st.time.toFixed(6)} s ${'─'.repeat(40)}`)];
  out.push(...happenedLines(st, took, ctx));
  const src = sourceWindow(st.threads, ctx.source, c);
  if (src.length > 0) out.push('Source:', ...src);
  out.push(...threadLines(st, ctx), ...panelLines(st, c), ...outputLines(st.output, shown, c));
  return `${out.join('\n')}\n`;
}

/** The question under a screen. */
export function prompt(st: StepState, c: Colors): string {
  const range = st.runnable.length === 2 ? '1 or 2' : `1-${st.runnable.length}`;
  return c.bold(`Run which thread? (${range} or a name, + to run to its next visible op, u = undo, q = quit) `);
}

/** How the run ended: what happened last, the outcome, the check's verdict, the output and the token. */
export function formatOutcome(
  st: StepState,
  result: RunResult,
  check: CheckVerdict | undefined,
  ctx: ScreenContext,
  defaultFrom: number | null,
): string {
  const colors = ctx.c;
  const paint = result.status === 'ok' ? colors.green : colors.red;
  const out = [''];
  if (defaultFrom !== null) out.push(`The default strategy ran the remaining ${result.steps - defaultFrom} steps.`);
  else out.push(...happenedLines(st, null, ctx));
  const over = `${paint(result.status)} after ${result.steps} steps, ${result.time.toFixed(6)} s`;
  out.push(colors.bold(`── the run is over: ${over} ${'─'.repeat(12)}`));
  if (result.deadlock !== null) out.push(result.deadlock.message);
  if (result.stepLimit !== null) out.push(result.stepLimit.message);
  const mainError = result.status === 'error' ? result.errors[result.errors.length - 1] : undefined;
  if (mainError !== undefined) out.push(`MainThread raised ${describeError(mainError.error)}`);
  if (check !== undefined) {
    out.push(`Check: ${check.passed ? colors.green('passed') : `${colors.red(colors.bold('FAILED'))}: ${check.why}`}`);
  }
  const printed = result.output
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => `  ${colors.dim('│')} ${l}`);
  out.push('Output:', ...(result.output === '' ? [colors.dim('  (nothing was printed)')] : printed));
  out.push(`Token of your schedule: ${result.schedule}`);
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
