import { existsSync } from 'node:fs';

/** Where the browser tests look for a Chromium: CHROMIUM_PATH, then Debian's and Ubuntu's paths. */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  system = ['/usr/bin/chromium', '/usr/bin/chromium-browser'],
): string | null {
  const candidates = [env.CHROMIUM_PATH, ...system];
  return candidates.find((p): p is string => p !== undefined && p !== '' && existsSync(p)) ?? null;
}

/** The one line `npm test` prints when no Chromium is found. */
export const SKIPPED_LINE =
  'Browser tests skipped: no Chromium found ' +
  '(install one with `sudo apt-get install -y chromium`, or set CHROMIUM_PATH)';

/** Why the browser tests fail when CI requires them and no browser is there. */
export const MISSING_REQUIRED =
  'INTERLEAVE_REQUIRE_BROWSER=1 but no Chromium was found: ' +
  "run .ci/browser-setup (it installs Debian's chromium) or set CHROMIUM_PATH";

/** Run the browser tests, skip them (one line says so), or fail: when CI requires a browser (.ci/browser-setup). */
export function browserTestPlan(
  chromium: string | null,
  env: NodeJS.ProcessEnv = process.env,
): 'run' | 'skip' | 'fail' {
  if (chromium !== null) return 'run';
  return env.INTERLEAVE_REQUIRE_BROWSER === '1' ? 'fail' : 'skip';
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
