import readline from 'node:readline';
import { repr, str } from '../_internal/format';
import { explore } from '../explore/explore';
import type { RunResult } from '../scheduler/run-program';
import type { RunOptions } from '../scheduler/options';
import { count } from './format';
import type { Program } from './load-program';

/** Schedules explored to say how often a prediction holds (explore's default budget). */
export const PREDICT_RUNS = 1000;

/** The question asked before the run: the program's `export const question`, or main's return value. */
export function predictQuestion(prog: Program): string {
  return typeof prog.question === 'string' ? prog.question : 'What will main return?';
}

/** Reads the first line of `input` (the prediction); null when the input ends first. */
export async function readPrediction(input: NodeJS.ReadableStream): Promise<string | null> {
  const rl = readline.createInterface({ input, terminal: false });
  try {
    for await (const line of rl) return line.trim();
    return null;
  } finally {
    rl.close();
  }
}

/** Whether a run's value is what the user typed: as Python's str or repr shows it (`10`, `'a'` or `a`). */
export function matches(prediction: string, value: unknown): boolean {
  return prediction === str(value) || prediction === repr(value);
}

/**
 * The prediction beside the result, then how often it held over explored schedules (random, with
 * the run's options): "you said 10: 502 of 1,000 schedules end with 10".
 */
export function predictionReport(prog: Program, options: RunOptions, prediction: string, result: RunResult): string {
  let agree = 0;
  const report = explore(prog.main, {
    ...options,
    strategy: 'random',
    runs: PREDICT_RUNS,
    check: (r: RunResult) => {
      if (matches(prediction, r.value)) agree++;
      return true;
    },
  });
  const held = matches(prediction, result.value);
  const returned = result.status === 'ok' ? repr(result.value) : `nothing (the run ended ${result.status})`;
  return [
    '',
    `── your prediction ${'─'.repeat(50)}`,
    `you said       ${prediction}`,
    `main returned  ${returned}${held ? ': you were right this time' : ''}`,
    `you said ${prediction}: ${count(agree)} of ${count(report.runs)} explored schedules end with ${prediction}`,
    '',
  ].join('\n');
}
