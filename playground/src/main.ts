import './style.css';
import { BLANK, PROGRAMS } from './demos';
import { ProgramEditor } from './editor';
import { EngineClient, EngineError, Stopped } from './engine-client';
import { drawHistogram } from './histogram';
import { readShareFragment, shareFragment } from './share';
import { drawTimeline } from './timeline';
import type { ExploreView, PageRunOptions, PredictView, Request, RunView, StepView } from './worker/protocol';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

const engine = new EngineClient(3000, 30000);
const editor = new ProgramEditor($('editor'), () => editor.showError(null));
let lastRun: RunView | null = null;

function pageOptions(): PageRunOptions {
  const si = $<HTMLInputElement>('switch-interval').value.trim();
  return {
    seed: $<HTMLInputElement>('seed').value.trim() || '0',
    strategy: $<HTMLSelectElement>('strategy').value as PageRunOptions['strategy'],
    switchInterval: si === '' ? null : Number(si),
  };
}

function say(text: string, error = false): void {
  $('message').textContent = text;
  $('message').classList.toggle('error', error);
}

/** Sends a request for the program in the editor; errors are shown (a syntax error at its line and column). */
async function ask<T>(request: Request, onProgress?: (runs: number, budget: number) => void): Promise<T | null> {
  say('');
  try {
    return await engine.request<T>(request, onProgress);
  } catch (e) {
    if (e instanceof EngineError && e.line !== null && e.column !== null) {
      editor.showError({ line: e.line, column: e.column, message: e.message });
      say(`Syntax error at line ${e.line}, column ${e.column}: ${e.message}`, true);
    } else if (e instanceof Stopped) say(e.message, true);
    else say(e instanceof Error ? e.message : String(e), true);
    return null;
  }
}

function showRun(view: RunView): void {
  lastRun = view;
  $('output').textContent = view.output;
  const rows: [string, string][] = [
    ['status', view.status],
    ['check', view.verdict ?? 'none exported'],
    ['main returned', view.value],
    ['steps', String(view.steps)],
    ['virtual time', `${view.time.toFixed(6)} s`],
    ['token', view.token],
  ];
  if (view.deadlock !== null) rows.push(['deadlock', view.deadlock]);
  for (const e of view.errors) rows.push(['error', e]);
  const dl = $('summary');
  dl.replaceChildren(
    ...rows.flatMap(([k, v]) => [
      Object.assign(document.createElement('dt'), { textContent: k }),
      Object.assign(document.createElement('dd'), { textContent: v, className: `summary-${k.replace(/ /g, '-')}` }),
    ]),
  );
  drawTimeline($('timeline'), $('tip'), view, (line) =>
    editor.mark([{ line, className: 'selected-line', label: `line ${line}` }], line),
  );
}

async function runProgram(token: string | null = null): Promise<void> {
  const view = await ask<RunView>({ kind: 'run', source: editor.text, options: pageOptions(), token });
  if (view !== null) showRun(view);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The text of an element made here (textContent only: program output and names are never HTML). */
function element(tag: string, text: string, className = ''): HTMLElement {
  return Object.assign(document.createElement(tag), { textContent: text, className });
}

function lineText(line: number | null): string {
  return line === null ? '' : ` · line ${line}`;
}

/** The threads, as `interleave step` lists them: number, name, line, and next step or what blocks it. */
function threadItems(view: StepView, colour: Map<string, string>): HTMLElement[] {
  return view.threads.map((t) => {
    const doing =
      t.state === 'runnable' ? `next: ${t.doing}` : t.state === 'blocked' ? `blocked: ${t.doing}` : t.doing;
    const num = t.number === null ? '' : `${t.number}. `;
    const text = `${num}${t.thread}${lineText(t.line)} · ${doing}`;
    return element('li', text, `${colour.get(t.thread) ?? ''} ${t.state}`);
  });
}

/** The state panel: every shared cell with its value, every lock with its holder, queues, events, waiters. */
function stateItems(view: StepView): HTMLElement[] {
  return view.state.map((s) => {
    const waiting = s.waiters.length > 0 ? `; waiting: ${s.waiters.join(', ')}` : '';
    return element('li', `${s.name} (${s.kind}): ${s.value}${waiting}`);
  });
}

function runnableButtons(view: StepView, colour: Map<string, string>): HTMLElement[] {
  return view.runnable.map((c) => {
    const b = element('button', `${c.number}. ${c.thread}: ${c.next}${lineText(c.line)}`, colour.get(c.thread) ?? '');
    b.setAttribute('type', 'button');
    b.addEventListener('click', () => void choose(c.number));
    return b;
  });
}

/** Runs thread `number`: one step, or up to its next visible op when the `+` box is ticked (or Shift is held). */
function choose(number: number, plus = false): Promise<void> {
  const toNextVisible = plus || $<HTMLInputElement>('to-next-visible').checked;
  return stepAsk({ kind: 'step-choose', number, toNextVisible });
}

function showStep(view: StepView, showOutput = true): void {
  $('step-region').hidden = false;
  if (showOutput) $('output').textContent = view.output;
  $('challenge-text').textContent = view.challenge ?? '';
  const colour = new Map<string, string>();
  const marks = view.threads.flatMap((t, i) => {
    colour.set(t.thread, `t${i % 8}`);
    return t.line === null ? [] : [{ line: t.line, className: `t${i % 8}`, label: t.thread }];
  });
  editor.mark(marks);
  const happened = view.happened.map((e) => element('li', `${e.thread}${lineText(e.line)} · ${e.text}`));
  $('happened').replaceChildren(...happened);
  $('runnable').replaceChildren(...runnableButtons(view, colour));
  $('threads').replaceChildren(...threadItems(view, colour));
  $('state').replaceChildren(...stateItems(view));
  $('step-region').dataset.choices = String(view.choices);
  say(
    view.finished === null
      ? `Step ${view.steps}, ${plural(view.choices, 'choice')} made, ${plural(view.preemptions, 'preemption')}: ` +
          'pick the thread that runs next.'
      : 'The run is over.',
  );
  if (view.finished !== null && showOutput) showRun(view.finished);
}

async function stepAsk(request: Request): Promise<void> {
  const view = await ask<StepView>(request);
  if (view !== null) showStep(view);
}

async function exploreProgram(): Promise<void> {
  const progress = $<HTMLProgressElement>('progress');
  progress.value = 0;
  const runs = Number($<HTMLInputElement>('runs').value) || 1000;
  const strategy = $<HTMLSelectElement>('explore-strategy').value;
  const view = await ask<ExploreView>(
    { kind: 'explore', source: editor.text, options: pageOptions(), strategy, runs },
    (done, budget) => {
      progress.value = done / budget;
    },
  );
  if (view === null) return;
  progress.value = 1;
  const rate = view.runs / Math.max(view.elapsedMs / 1000, 1e-9);
  const summary = $('explore-summary');
  const counts = `${view.runs} runs, ${view.failures} failing, ${view.distinct} distinct schedules`;
  summary.textContent = `${counts} (${Math.round(rate)} runs/s).`;
  summary.dataset.runsPerSecond = String(rate);
  drawHistogram($('histogram'), view.outcomes, view.runs);
  $('failure').hidden = view.firstFailure === null;
  if (view.firstFailure !== null) {
    $('first-token').textContent = view.firstFailure.schedule;
    $('shrunk-token').textContent = view.firstFailure.shrunk;
    $('failure-output').textContent = view.firstFailure.output;
  }
}

/** Loads a failure's token into the Output, the Timeline and the step view. */
async function loadToken(token: string): Promise<void> {
  await runProgram(token);
  const view = await ask<StepView>({
    kind: 'step-start',
    source: editor.text,
    options: pageOptions(),
    challenge: false,
    token,
  });
  // The step view stands at the end of the loaded run: Undo walks back through its choices.
  if (view !== null) showStep(view, false);
}

function share(): void {
  if (lastRun === null) {
    say('Run the program first: a link shares a run.', true);
    return;
  }
  const demo = $<HTMLSelectElement>('demo').value;
  const fragment = shareFragment({ source: editor.text, options: pageOptions(), token: lastRun.token, demo });
  const url = `${location.href.split('#')[0]}${fragment}`;
  $('share-box').hidden = false;
  $<HTMLInputElement>('share-url').value = url;
  $('share-cli').textContent = `npx interleave replay program.ts ${lastRun.token}`;
  void navigator.clipboard?.writeText(url).catch(() => {});
  say('Link ready (copied when the browser allows it).');
}

async function predict(): Promise<void> {
  const guess = $<HTMLInputElement>('guess').value;
  if (guess.trim() === '') {
    say('Type your guess of what main returns first.', true);
    return;
  }
  const view = await ask<PredictView>({
    kind: 'predict',
    source: editor.text,
    options: pageOptions(),
    guess,
    runs: 500,
  });
  if (view === null) return;
  showRun(view.run);
  const pct = ((view.holds / view.runs) * 100).toFixed(1);
  const compared = view.value === view.guess ? 'as you guessed' : `you guessed ${view.guess}`;
  $('predict-result').textContent =
    `This run: main returned ${view.value} (${compared}). ` +
    `Over ${view.runs} explored schedules your guess held in ${view.holds} (${pct} %).`;
}

function pickDemo(name: string): void {
  const p = PROGRAMS.find((d) => d.name === name) ?? BLANK;
  $<HTMLSelectElement>('demo').value = p.name;
  $('teaches').textContent = p.teaches;
  editor.text = p.source;
}

/**
 * In the step view, the keys 1-9 run that thread (Shift+digit: up to its next visible op, like `2+` in
 * `interleave step`) and u undoes (not while typing).
 */
function stepKeys(e: KeyboardEvent): void {
  const target = e.target as HTMLElement;
  if ($('step-region').hidden || target.closest('input, select, .cm-editor') !== null || e.ctrlKey || e.metaKey) return;
  const digit = /^Digit([1-9])$/.exec(e.code)?.[1] ?? (/^[1-9]$/.test(e.key) ? e.key : null);
  if (e.key === 'u') void stepAsk({ kind: 'step-undo' });
  else if (digit !== null && Number(digit) <= $('runnable').childElementCount) void choose(Number(digit), e.shiftKey);
}

function init(): void {
  document.addEventListener('keydown', stepKeys);
  const select = $<HTMLSelectElement>('demo');
  for (const p of PROGRAMS) select.append(new Option(p.name, p.name));
  select.addEventListener('change', () => pickDemo(select.value));
  $('run').addEventListener('click', () => void runProgram());
  $('step').addEventListener(
    'click',
    () =>
      void stepAsk({
        kind: 'step-start',
        source: editor.text,
        options: pageOptions(),
        challenge: $<HTMLInputElement>('challenge').checked,
        token: null,
      }),
  );
  $('undo').addEventListener('click', () => void stepAsk({ kind: 'step-undo' }));
  $('finish').addEventListener('click', () => void stepAsk({ kind: 'step-finish' }));
  $('explore').addEventListener('click', () => void exploreProgram());
  $('share').addEventListener('click', share);
  $('predict').addEventListener('click', () => void predict());
  $('load-first').addEventListener('click', () => void loadToken($('first-token').textContent ?? ''));
  $('load-shrunk').addEventListener('click', () => void loadToken($('shrunk-token').textContent ?? ''));
  const shared = readShareFragment(location.hash);
  if (shared === null) return pickDemo('race');
  pickDemo(shared.demo);
  editor.text = shared.source;
  $<HTMLInputElement>('seed').value = shared.options.seed;
  $<HTMLSelectElement>('strategy').value = shared.options.strategy;
  $<HTMLInputElement>('switch-interval').value =
    shared.options.switchInterval === null ? '' : String(shared.options.switchInterval);
  void runProgram(shared.token);
}

init();
