import { existsSync } from 'node:fs';

/** Where the browser tests look for a Chromium: CHROMIUM_PATH, then Debian's and Ubuntu's paths. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => p !== undefined && p !== '' && existsSync(p)) ?? null;
}

/** The one line `npm test` prints when no Chromium is found. */
export const SKIPPED_LINE =
  'Browser tests skipped: no Chromium found (install one with `sudo apt-get install -y chromium`, or set CHROMIUM_PATH)';

/** True when a missing browser must fail the tests (set by .ci/browser-setup for CI). */
export function browserRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.INTERLEAVE_REQUIRE_BROWSER === '1';
}

/** Headless flags for a sandboxless container with no network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
