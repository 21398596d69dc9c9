/// <reference lib="webworker" />
import { explore, type RunResult } from '../../../src/browser';
import { describeError } from '../../../src/scheduler/thread-errors';
import { formatValue } from './format-value';
import { LineTracker } from './line-tracker';
import { loadProgram, type PageProgram } from './load-program';
import type { ExploreView, PageRunOptions, PredictView, Reply, Request } from './protocol';
import { runOptionsOf, tracedRun } from './run-view';
import { PageStepSession } from './step-model';
import { SyntaxProblem } from './transpile';

// The engine of the playground: the page posts requests and shows the replies; a program that
// never yields blocks this worker, and the page then terminates it and starts another.
const post = (reply: Reply): void => self.postMessage(reply);
const lines = new LineTracker((thread, line) => post({ kind: 'spinning', thread, line }));
let compiled: { source: string; program: PageProgram } | null = null;
let session: PageStepSession | null = null;

async function programOf(source: string): Promise<PageProgram> {
  if (compiled?.source !== source) compiled = { source, program: await loadProgram(source, lines) };
  return compiled.program;
}

async function handle(id: number, req: Request): Promise<unknown> {
  // Compiled: from now on the page's watchdog allows only a short silence.
  if ('source' in req) await programOf(req.source);
  post({ id, kind: 'progress', runs: 0, budget: 0 });
  switch (req.kind) {
    case 'run':
      return tracedRun(await programOf(req.source), req.options, req.token, lines);
    case 'explore':
      return exploreView(id, await programOf(req.source), req.options, req.strategy, req.runs);
    case 'predict':
      return predict(id, await programOf(req.source), req.options, req.guess, req.runs);
    case 'step-start': {
      const program = await programOf(req.source);
      session = new PageStepSession(program, req.options, lines, req.challenge, req.token);
      if (req.token !== null) session.follow(tracedRun(program, req.options, req.token, lines).trace);
      return session.view();
    }
    case 'step-choose':
      return stepping().choose(req.number, req.toNextVisible)
        ? stepping().view()
        : Promise.reject(new Error(`${req.number} is not a choice now`));
    case 'step-undo':
      stepping().undo();
      return stepping().view();
    case 'step-finish':
      return stepping().finish();
  }
}

function stepping(): PageStepSession {
  if (session === null) throw new Error('No step session: press Step first');
  return session;
}

function progressEvery(id: number): (runs: number, budget: number) => void {
  let last = 0;
  return (runs, budget) => {
    const now = performance.now();
    if (now - last < 100 && runs < budget) return;
    last = now;
    post({ id, kind: 'progress', runs, budget });
  };
}

function exploreView(
  id: number,
  program: PageProgram,
  page: PageRunOptions,
  strategy: string,
  runs: number,
): ExploreView {
  const started = performance.now();
  const report = explore(program.main, {
    ...runOptionsOf(program, page),
    strategy: strategy as 'random' | 'pct' | 'exhaustive',
    runs,
    ...(program.check === undefined ? {} : { check: program.check as (r: RunResult) => boolean }),
    onProgress: progressEvery(id),
  });
  const elapsedMs = performance.now() - started;
  const f = report.firstFailure;
  return {
    runs: report.runs,
    failures: report.failures,
    distinct: report.distinct,
    outcomes: report.outcomes,
    firstFailure: f === null ? null : { schedule: f.schedule, shrunk: f.shrunk, output: f.result.output },
    elapsedMs,
  };
}

function predict(id: number, program: PageProgram, page: PageRunOptions, guess: string, runs: number): PredictView {
  const run = tracedRun(program, page, null, lines);
  let holds = 0;
  const wanted = guess.trim();
  explore(program.main, {
    ...runOptionsOf(program, page),
    strategy: 'random',
    runs,
    // Counts how often main returns the guess; never fails, so nothing is shrunk.
    check: (r) => {
      if (formatValue(r.value) === wanted || String(r.value) === wanted) holds++;
      return true;
    },
    onProgress: progressEvery(id),
  });
  return { value: run.value, guess: wanted, holds, runs, run };
}

self.onmessage = (e: MessageEvent<{ id: number; request: Request }>) => {
  const { id, request } = e.data;
  handle(id, request).then(
    (data) => post({ id, kind: 'done', data }),
    (err: unknown) => {
      const at = err instanceof SyntaxProblem ? { line: err.line, column: err.column } : { line: null, column: null };
      post({ id, kind: 'failed', message: err instanceof SyntaxProblem ? err.message : describeError(err), ...at });
    },
  );
};
