import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { HeartbeatView, heartbeatBuffer, type StallSite } from '../parallel/heartbeat';
import { DEFAULT_WATCHDOG_SECONDS, stallMessage, Watchdog } from '../parallel/watchdog';
import type { CommandJob, CommandMessage, StreamShape } from './worker-main';

/** The commands that run a program, and so may hang in a loop that never yields. */
const WATCHED = new Set(['run', 'explore', 'replay', 'step', 'trace']);

/**
 * The `interleave` command. A command that runs a program runs in a worker thread under a
 * watchdog: JavaScript cannot interrupt a thread body that loops without yielding, but this
 * thread can end the worker when its steps stop (`--watchdog SECONDS`, 0 turns it off and runs
 * in this thread). Everything else (list, help) runs here.
 */
export async function launch(argv: readonly string[]): Promise<number> {
  const seconds = watchdogSeconds(argv);
  const command = argv[2] ?? '';
  const help = argv.slice(3).some((a) => a === '--help' || a === '-h');
  if (!WATCHED.has(command) || seconds === 0 || help) {
    const { main } = require('./main') as typeof import('./main');
    return main(argv);
  }
  const stdin: Buffer[] = [];
  // Only the commands that read stdin get it: a worker that waits for input would keep this process alive.
  const readsInput = command === 'step' || (command === 'run' && argv.includes('--predict'));
  const first = await runWorker(argv, null, readsInput ? { record: stdin } : null, seconds);
  if (first.kind === 'done') return first.code;
  if (first.kind !== 'stalled') return 1;
  // The program is deterministic: run it again, quietly, to learn where it hung.
  const again = await runWorker(argv, first.beats, { replay: stdin }, Math.max(seconds, 10) * 2);
  const site = again.kind === 'located' ? again.site : null;
  process.stderr.write(`interleave: ${stallMessage(seconds, site, (f) => path.relative(process.cwd(), f) || f)}`);
  return 1;
}

type Outcome =
  | { kind: 'done'; code: number }
  | { kind: 'stalled'; beats: number }
  | { kind: 'located'; site: StallSite };
type Input = { record: Buffer[] } | { replay: Buffer[] } | null;

/** `--watchdog S` or `--watchdog=S` as typed; the command itself rejects a bad value (exit 2). */
export function watchdogSeconds(argv: readonly string[]): number {
  let value: string | undefined;
  argv.forEach((a, i) => {
    if (a === '--watchdog') value = argv[i + 1];
    else if (a.startsWith('--watchdog=')) value = a.slice('--watchdog='.length);
  });
  const n = value === undefined ? NaN : Number(value);
  return Number.isFinite(n) && n >= 0 && value!.trim() !== '' ? n : DEFAULT_WATCHDOG_SECONDS;
}

/**
 * Runs the command in a worker. The first run prints; a diagnostic re-run (`locateAt`) prints
 * nothing, replays the first run's input, and ends as soon as it has located the hung step.
 */
function runWorker(argv: readonly string[], locateAt: number | null, input: Input, seconds: number): Promise<Outcome> {
  const heartbeat = heartbeatBuffer();
  const quiet = locateAt !== null;
  const job: CommandJob = {
    argv,
    heartbeat,
    readsInput: input !== null,
    locateAt,
    tty: { stdout: shape(process.stdout), stderr: shape(process.stderr), stdin: process.stdin.isTTY === true },
  };
  const worker = startWorker(job, { stdin: input !== null, quiet });
  return new Promise<Outcome>((resolve) => {
    let outcome: Outcome | null = null;
    const settle = (o: Outcome): void => {
      outcome ??= o;
    };
    const dog = new Watchdog(new HeartbeatView(heartbeat), seconds, (beats) => {
      settle({ kind: 'stalled', beats });
      void worker.terminate();
    }).start();
    const stopInput = connectInput(worker, input);
    worker.on('message', (m: CommandMessage) => {
      if (m.kind === 'done') settle({ kind: 'done', code: m.code });
      else if (m.kind === 'located') {
        settle({ kind: 'located', site: m.site });
        void worker.terminate();
      } else {
        process.stderr.write(`interleave: internal error: ${m.stack}\n`);
        settle({ kind: 'done', code: 1 });
      }
    });
    worker.on('error', (e) => {
      if (!quiet) process.stderr.write(`interleave: internal error: ${e.stack ?? String(e)}\n`);
      settle({ kind: 'done', code: 1 });
    });
    worker.on('exit', () => {
      dog.stop();
      stopInput();
      resolve(outcome ?? { kind: 'done', code: 1 });
    });
  });
}

function shape(stream: NodeJS.WriteStream): StreamShape {
  return { isTTY: stream.isTTY === true, columns: stream.isTTY === true ? stream.columns : undefined };
}

/** A worker running the command: the built JavaScript, or the TypeScript sources through tsx. */
function startWorker(job: CommandJob, io: { stdin: boolean; quiet: boolean }): Worker {
  const options = { workerData: job, stdin: io.stdin, stdout: io.quiet, stderr: io.quiet };
  const entry = path.join(__dirname, `worker-main${path.extname(__filename)}`);
  const worker = __filename.endsWith('.ts')
    ? new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(entry)});`, { ...options, eval: true })
    : new Worker(entry, options);
  // A diagnostic re-run's output is the first run's again: drop it.
  if (io.quiet) {
    worker.stdout.resume();
    worker.stderr.resume();
  }
  return worker;
}

/** Feeds the worker this process's stdin (recording it), or a recording; returns how to stop. */
function connectInput(worker: Worker, input: Input): () => void {
  if (input === null || worker.stdin === null) return () => undefined;
  const sink = worker.stdin;
  if ('replay' in input) {
    for (const chunk of input.replay) sink.write(chunk);
    sink.end();
    return () => undefined;
  }
  const record = (chunk: Buffer): void => {
    input.record.push(chunk);
  };
  process.stdin.on('data', record);
  process.stdin.pipe(sink);
  return () => {
    process.stdin.off('data', record);
    process.stdin.unpipe(sink);
    // The command is over: input the user did not type yet must not keep this process waiting.
    process.stdin.destroy();
  };
}
