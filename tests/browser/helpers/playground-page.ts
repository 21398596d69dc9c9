import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from './chromium';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'playground');

const { serveStatic } = require(path.join(ROOT, 'playground', 'scripts', 'static-server.cjs')) as {
  serveStatic: (root: string, port?: number) => Promise<{ server: Server; url: string }>;
};

/** The built playground served by a plain static server, and a headless Chromium to open it in. */
export interface Playground {
  url: string;
  /** A page in a fresh context (its own storage) that records page errors and console errors into `errors`. */
  open(hash?: string): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** Builds the playground (once per test run), serves playground/dist on 127.0.0.1 and launches Chromium. */
export async function startPlayground(executablePath: string): Promise<Playground> {
  execFileSync(process.execPath, [path.join(ROOT, 'playground', 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  // Served from a subfolder (/dist/) of a plain static server: the build's relative paths must hold.
  const served = await serveStatic(path.join(ROOT, 'playground'));
  const { server } = served;
  const url = `${served.url}dist/`;
  // launch() gives the browser a fresh temporary profile (user-data dir) of its own.
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    url,
    async open(hash = '') {
      const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
      contexts.push(context);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
      });
      await page.goto(url + hash);
      return { page, errors };
    },
    async close() {
      for (const c of contexts) await c.close();
      await browser.close();
      server.close();
    },
  };
}

/** Saves a screenshot of the page's view to test-artifacts/playground/NAME.png (gitignored). */
export async function screenshot(page: Page, name: string, file = path.join(ARTIFACTS, `${name}.png`)): Promise<void> {
  await page.screenshot({ path: file, fullPage: true });
}

/** Replaces the editor's program with `text`, as a paste would. */
export async function setProgram(page: Page, text: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}
