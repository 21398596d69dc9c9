import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const BIN = path.join(ROOT, 'bin', 'interleave.js');
const DIST_MAIN = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');
const DIST_SUCRASE = path.join(ROOT, 'dist', 'vendor', 'sucrase.js');
const STAMP = path.join(ROOT, 'dist', '.build-stamp');
const LOCK = path.join(ROOT, 'dist', '.build-lock');

/** What one spawn of the command left. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds dist/ when a source is newer than the last build, so the tests run the real binary on
 * the current code. Test files run in parallel workers: a lock directory makes one build.
 */
export function ensureBuilt(): void {
  const sourcesAt = Math.max(
    newest(path.join(ROOT, 'src')),
    newest(path.join(ROOT, 'demos')),
    statSync(path.join(ROOT, 'tsconfig.json')).mtimeMs,
  );
  const fresh = (): boolean =>
    existsSync(STAMP) && existsSync(DIST_MAIN) && existsSync(DIST_SUCRASE) && statSync(STAMP).mtimeMs >= sourcesAt;
  if (fresh()) return;
  mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      sleepMs(200);
      if (fresh()) return;
    }
  }
  try {
    if (fresh()) return;
    const started = Date.now();
    // Type errors elsewhere in a tree under development still emit JavaScript; only a missing build fails.
    spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
      { cwd: ROOT, stdio: 'ignore' },
    );
    if (!existsSync(DIST_MAIN)) throw new Error('npm run build did not produce dist/src/cli/main.js');
    // The build's second step: the transpiler the command loads .ts programs with.
    if (!existsSync(DIST_SUCRASE))
      spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'vendor-sucrase.js')], { cwd: ROOT, stdio: 'ignore' });
    if (!existsSync(DIST_SUCRASE)) throw new Error('npm run build did not produce dist/vendor/sucrase.js');
    writeFileSync(STAMP, String(started));
  } finally {
    rmdirSync(LOCK);
  }
}

function childEnv(env: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, ...env };
  // Colors must come from the flags under test, not from the terminal that runs jest.
  if (env?.FORCE_COLOR === undefined) delete e.FORCE_COLOR;
  if (env?.NO_COLOR === undefined) delete e.NO_COLOR;
  return e;
}

/** Runs `interleave ARGS` through bin/interleave.js, synchronously. */
export function interleave(
  args: readonly string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    env: childEnv(options.env),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs several command lines, at most `parallel` at a time (the machine has few cores). */
export async function interleaveAll(commands: readonly (readonly string[])[], parallel = 2): Promise<CliRun[]> {
  const results: CliRun[] = new Array(commands.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < commands.length) {
      const i = next++;
      results[i] = await new Promise<CliRun>((resolve) => {
        const child = spawn(process.execPath, [BIN, ...commands[i]!], {
          cwd: ROOT,
          env: childEnv(undefined),
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}
