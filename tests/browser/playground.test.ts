import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { interleave } from '../cli/helpers/cli';
import { browserTestPlan, findChromium, MISSING_REQUIRED, SKIPPED_LINE } from './helpers/chromium';
import { nodeExploreRate } from './helpers/node-rate';
import { ARTIFACTS, type Playground, ROOT, screenshot, setProgram, startPlayground } from './helpers/playground-page';

const chromiumPath = findChromium();
const plan = browserTestPlan(chromiumPath);
const describeInBrowser = plan === 'run' ? describe : describe.skip;

if (plan !== 'run') {
  it('runs the browser tests only where a Chromium is found', () => {
    if (plan === 'fail') throw new Error(MISSING_REQUIRED);
    process.stdout.write(`${SKIPPED_LINE}\n`);
  });
}

const SERVE = path.join(ROOT, 'playground', 'scripts', 'serve.mjs');
const FINAL = /Final count: (\d+) \(expected 10\)\n$/;

let pg: Playground;
let page: Page | undefined;
let errors: string[] = [];

async function open(hash = ''): Promise<Page> {
  const opened = await pg.open(hash);
  ({ page, errors } = opened);
  return opened.page;
}

const output = (p: Page) => p.getByRole('region', { name: 'Output' });
const button = (p: Page, name: string) => p.getByRole('button', { name, exact: true });

/** Clicks Run and waits for the summary of the new run. */
async function run(p: Page): Promise<void> {
  await p.locator('#summary').evaluate((e) => e.replaceChildren());
  await button(p, 'Run').click();
  await p.locator('#summary .summary-token').waitFor();
}

describeInBrowser('the playground in Chromium', () => {
  beforeAll(async () => {
    pg = await startPlayground(chromiumPath!);
  }, 120_000);

  afterAll(async () => {
    await pg?.close();
  });

  afterEach(async () => {
    const name =
      expect
        .getState()
        .currentTestName?.replace(/^the playground in Chromium /, '')
        .replace(/[^a-z0-9]+/gi, '-') ?? 'test';
    if (page !== undefined) await screenshot(page, name);
    await page?.context().close();
    const seen = errors;
    page = undefined;
    errors = [];
    // A JavaScript error in the page fails the test it happened in.
    expect(seen).toEqual([]);
  });

  it('runs race: output ends with a final count below 10, the summary has a token, the timeline 11 lanes', async () => {
    const page = await open();
    const demos = await page.getByLabel('Demo').locator('option').allTextContents();
    expect(demos).toHaveLength(20);
    expect(demos.slice(-2)).toEqual(['lost-wakeup', 'blank']);
    await page.getByLabel('Demo').selectOption('race');
    await run(page);
    const text = await page.locator('#output').textContent();
    expect(Number(FINAL.exec(text ?? '')?.[1])).toBeLessThan(10);
    await expect(output(page).locator('.summary-token').textContent()).resolves.toMatch(
      /^il1\.[A-Za-z0-9_-]+\.[0-9a-z]{4}$/,
    );
    await expect(output(page).locator('.summary-check').textContent()).resolves.toBe('fails');
    const timeline = page.getByRole('region', { name: 'Timeline' });
    expect(await timeline.locator('g.lane').count()).toBe(11);
    // Hovering a write tells its step, line and value; clicking it marks that line in the editor.
    const write = timeline.locator('.mark.write').first();
    await write.hover();
    await expect(page.locator('#tip').textContent()).resolves.toMatch(
      /^step \d+ · line 22 · Thread-\d+ writes count = \d+$/,
    );
    await write.click();
    await expect(page.locator('.cm-line.selected-line').textContent()).resolves.toContain('count.update');
    if (process.env.INTERLEAVE_UPDATE_SCREENSHOT === '1')
      await screenshot(page, 'readme', path.join(ROOT, 'docs', 'playground.png'));
  }, 60_000);

  it('steps race: three choices, then undo one', async () => {
    const page = await open();
    await button(page, 'Step').click();
    const step = page.getByRole('region', { name: 'Step' });
    const threads = step.getByRole('group', { name: 'Runnable threads' }).getByRole('button');
    for (const pick of [2, 3, 1]) {
      const before = await step.getAttribute('data-choices');
      await threads.nth(pick - 1).click();
      await page.locator(`#step-region[data-choices="${Number(before) + 1}"]`).waitFor();
    }
    expect(await step.getAttribute('data-choices')).toBe('3');
    await expect(page.locator('#state').textContent()).resolves.toContain('count (shared): 0');
    // Each thread's current line is coloured in the editor.
    expect(await page.locator('.cm-line[data-threads]').count()).toBeGreaterThan(0);
    await button(page, 'Undo').click();
    await page.locator('#step-region[data-choices="2"]').waitFor();
    // From the keyboard: a thread's number runs it, u undoes.
    await page.keyboard.press('2');
    await page.locator('#step-region[data-choices="3"]').waitFor();
    await page.keyboard.press('u');
    await page.locator('#step-region[data-choices="2"]').waitFor();
  }, 60_000);

  it('steps race as `interleave step` does: + runs a thread up to its read, said with its value and line', async () => {
    const page = await open();
    await button(page, 'Step').click();
    await page.locator('#step-region[data-choices="0"]').waitFor();
    const step = page.getByRole('region', { name: 'Step' });
    const threads = step.getByRole('group', { name: 'Runnable threads' }).getByRole('button');
    await expect(threads.nth(1).textContent()).resolves.toBe('2. Thread-1: starts: runs its own code');
    // The + box: Thread-1 runs its own code up to its first visible op, the read of count.
    await page.getByLabel('+ to the next visible op').check();
    await threads.nth(1).click();
    await page.locator('#step-region[data-choices="1"]').waitFor();
    await expect(threads.nth(1).textContent()).resolves.toBe('2. Thread-1: reads count (now 0) · line 21');
    await expect(page.locator('#state').textContent()).resolves.toBe('count (shared): 0');
    await expect(page.locator('#happened').textContent()).resolves.toMatch(
      /^Thread-1 · ran its own code \(\d+ steps\)$/,
    );
    // Shift+2 (the box unticked): the read happens, at the line the program's source map gives the model's location.
    await page.getByLabel('+ to the next visible op').uncheck();
    await page.locator('#state').click();
    await page.keyboard.press('Shift+Digit2');
    await page.locator('#step-region[data-choices="2"]').waitFor();
    await expect(page.locator('#happened').textContent()).resolves.toBe('Thread-1 · line 21 · read count → 0');
    await expect(threads.nth(1).textContent()).resolves.toBe("2. Thread-1: prints 'Count is 0' · line 21");
    await expect(page.locator('#threads').textContent()).resolves.toContain(
      'MainThread · line 26 · next: joins Thread-1',
    );
    await button(page, 'Undo').click();
    await page.locator('#step-region[data-choices="1"]').waitFor();
    await expect(threads.nth(1).textContent()).resolves.toBe('2. Thread-1: reads count (now 0) · line 21');
  }, 60_000);

  it('steps in challenge mode: finishing the run says whether the check failed, as the summary does', async () => {
    const page = await open();
    await page.getByLabel('Challenge: make the check fail').check();
    await button(page, 'Step').click();
    await page.locator('#step-region[data-choices="0"]').waitFor();
    await expect(page.locator('#challenge-text').textContent()).resolves.toBe(
      'Challenge: make the check fail by choosing who runs.',
    );
    await button(page, 'Finish run').click();
    await page.locator('#summary .summary-token').waitFor();
    const verdict = await page.locator('.summary-check').textContent();
    const said = await page.locator('#challenge-text').textContent();
    expect(said).toBe(
      verdict === 'fails'
        ? 'Challenge won: your schedule makes the check fail.'
        : 'The check held: undo and try another order.',
    );
  }, 60_000);

  it('explores race: finds a failure, and loading the shrunk schedule reproduces its output', async () => {
    const page = await open();
    await button(page, 'Explore').click();
    const outcomes = page.getByRole('region', { name: 'Outcomes' });
    await outcomes.getByText(/failing/).waitFor({ timeout: 60_000 });
    expect(Number(/(\d+) failing/.exec((await outcomes.textContent()) ?? '')?.[1])).toBeGreaterThan(0);
    expect(await outcomes.locator('.outcome').count()).toBeGreaterThan(1);
    const shrunkOutput = await page.locator('#failure-output').textContent();
    await page.locator('#summary').evaluate((e) => e.replaceChildren());
    await button(page, 'Load shrunk schedule').click();
    await page.locator('#summary .summary-token').waitFor();
    expect(await page.locator('#output').textContent()).toBe(shrunkOutput);
    expect(await page.locator('.summary-token').textContent()).toBe(await page.locator('#shrunk-token').textContent());
    expect(Number(FINAL.exec(shrunkOutput ?? '')?.[1])).toBeLessThan(10);
    // The step view follows the loaded schedule to its end; Undo walks back through its choices.
    await page.locator('#message', { hasText: 'The run is over.' }).waitFor();
    expect(Number(await page.getByRole('region', { name: 'Step' }).getAttribute('data-choices'))).toBeGreaterThan(0);
  }, 90_000);

  it('shares a run: the link reopens it byte for byte in a fresh page, and the CLI replays its token', async () => {
    let page = await open();
    await page.getByLabel('Seed').fill('teach');
    await page.getByLabel('Strategy', { exact: true }).selectOption('random');
    await run(page);
    const made = {
      output: await page.locator('#output').textContent(),
      token: await page.locator('.summary-token').textContent(),
    };
    await button(page, 'Share').click();
    const url = await page.getByLabel('Link').inputValue();
    await page.context().close();
    page = await open(url.slice(url.indexOf('#')));
    await page.locator('#summary .summary-token').waitFor();
    expect({
      output: await page.locator('#output').textContent(),
      token: await page.locator('.summary-token').textContent(),
    }).toEqual(made);
    const cli = interleave(['replay', path.join(ROOT, 'demos', 'race.ts'), made.token!]);
    expect(cli.stdout.startsWith(made.output!)).toBe(true);
  }, 90_000);

  it('shows a syntax error at its line and column', async () => {
    const page = await open();
    await setProgram(
      page,
      "import { print } from 'interleave-threads';\nexport default function* main() {\n  const x = (1 + ;\n}\n",
    );
    await button(page, 'Run').click();
    await expect(page.getByRole('status').first().textContent()).resolves.toBe(''); // cleared at once
    await page.locator('#message.error').waitFor();
    expect(await page.locator('#message').textContent()).toMatch(
      /^Syntax error at line 3, column 18: Expression expected\.$/,
    );
    await page.locator('.cm-lintRange-error').waitFor();
  }, 60_000);

  it('stops a loop that never yields, names the thread and the fix, and runs again afterwards', async () => {
    const page = await open();
    const spin = [
      "import { sleep, Thread } from 'interleave-threads';",
      'export default function* main() {',
      '  let flag = false;',
      '  const t = new Thread({ target: function* () {',
      '    while (!flag) {}',
      '  } });',
      '  t.start();',
      '  yield* sleep(1);',
      '  flag = true;',
      '  yield* t.join();',
      '}',
      '',
    ].join('\n');
    await setProgram(page, spin);
    await button(page, 'Run').click();
    await page.locator('#message.error').waitFor({ timeout: 30_000 });
    expect(await page.locator('#message').textContent()).toMatch(
      /^Stopped after 3 s: Thread-1 \(line 5\) never yields.*Put `yield` inside the loop/,
    );
    await page.getByLabel('Demo').selectOption('lock');
    await run(page);
    expect(await page.locator('#output').textContent()).toMatch(/Final count: 10 \(expected 10\)\n$/);
  }, 60_000);

  it('explores race in the Web Worker at a rate compared with Node (reported, not asserted)', async () => {
    const runs = 1000;
    const page = await open();
    await page.getByLabel('Runs').fill(String(runs));
    const rates: { page: number; node: number }[] = [];
    // Page and Node take turns, so a machine loaded by others weighs on both alike.
    for (let round = 0; round < 2; round++) {
      await page.locator('#explore-summary').evaluate((e) => (e.textContent = ''));
      await button(page, 'Explore').click();
      await page
        .locator('#explore-summary')
        .getByText(/failing/)
        .waitFor({ timeout: 60_000 });
      const inPage = Number(await page.locator('#explore-summary').getAttribute('data-runs-per-second'));
      rates.push({ page: inPage, node: nodeExploreRate(runs, 2) });
    }
    const best = { page: Math.max(...rates.map((r) => r.page)), node: Math.max(...rates.map((r) => r.node)) };
    const ratio = best.page / best.node;
    const line =
      `Exploration of race (random, ${runs} runs): Web Worker ${Math.round(best.page)} runs/s, ` +
      `Node ${Math.round(best.node)} runs/s, ratio ${(ratio * 100).toFixed(0)} % (goal ≥ 50 %)`;
    process.stdout.write(`${line}\n`);
    require('node:fs').writeFileSync(path.join(ARTIFACTS, 'worker-vs-node.txt'), `${line}\n`);
    expect(ratio).toBeGreaterThan(0);
  }, 120_000);

  it('predicts: the guess is compared with the run and counted over explored schedules', async () => {
    const page = await open();
    await page.getByLabel('What will main return?').fill('10');
    await button(page, 'Predict').click();
    const result = page.locator('#predict-result');
    await result.getByText(/explored schedules/).waitFor({ timeout: 60_000 });
    const m = /main returned (\d+) .*Over 500 explored schedules your guess held in (\d+) \(/.exec(
      (await result.textContent()) ?? '',
    );
    expect(Number(m?.[1])).toBeLessThan(10);
    expect(Number(m?.[2])).toBeGreaterThanOrEqual(0);
    expect(Number(m?.[2])).toBeLessThan(500);
  }, 60_000);

  it('loads at most 400 KB gzip before the first Run (HTML, JS, CSS; the worker and TypeScript come later)', () => {
    const out = spawnSync(process.execPath, [path.join(ROOT, 'playground', 'scripts', 'size.mjs')], {
      encoding: 'utf8',
    });
    const kib = Number(/initial load: ([\d.]+) KiB gzip/.exec(out.stdout)?.[1]);
    process.stdout.write(`Playground ${out.stdout.split('\n').find((l) => l.startsWith('initial load'))}\n`);
    expect(kib * 1024).toBeLessThanOrEqual(400_000);
  });

  it('npm run playground builds, serves the page on localhost, prints its URL; a bad --port is refused', async () => {
    const bad = spawnSync(process.execPath, [SERVE, '--port', 'eighty'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^error: --port must be a port number from 0 to 65535, got 'eighty'\nhint: /);
    const server = spawn(process.execPath, [SERVE, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /interleave playground: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m !== null) resolve(m[1]!);
        });
        server.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${out}`)));
      });
      const html = await (await fetch(url)).text();
      expect(html).toContain('<title>interleave playground</title>');
      const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)![1]!;
      expect((await fetch(url + script)).status).toBe(200);
    } finally {
      server.kill();
    }
  }, 90_000);
});
