import { parentPort, workerData } from 'node:worker_threads';
import { Heartbeat } from '../parallel/heartbeat';
import { installStepWatch } from '../scheduler/step-watch';
import type { Terminal } from './terminal';

/** What the launcher sends the worker that runs a command. */
export interface CommandJob {
  readonly argv: readonly string[];
  readonly heartbeat: SharedArrayBuffer;
  /** The command reads the launcher's stdin (step). */
  readonly readsInput: boolean;
  /** In a diagnostic re-run: the step count at which the first run stalled. */
  readonly locateAt: number | null;
  /** The launcher's streams as the command must see them (a worker's own are pipes). */
  readonly tty: { stdout: StreamShape; stderr: StreamShape; stdin: boolean };
}

/** Whether a stream is a terminal, and how wide. */
export interface StreamShape {
  readonly isTTY: boolean;
  readonly columns: number | undefined;
}

/** What the worker tells the launcher. */
export type CommandMessage =
  | { kind: 'done'; code: number }
  | { kind: 'crash'; stack: string }
  | { kind: 'located'; site: import('../parallel/heartbeat').StallSite };

/** The worker's streams, dressed as the launcher's: colors, widths and the progress bar depend on it. */
function workerTerminal(tty: CommandJob['tty']): Terminal {
  const dress = <S extends object>(stream: S, shape: StreamShape): S =>
    Object.assign(stream, { isTTY: shape.isTTY, columns: shape.columns });
  return {
    stdout: dress(process.stdout, tty.stdout),
    stderr: dress(process.stderr, tty.stderr),
    stdin: Object.assign(process.stdin, { isTTY: tty.stdin }),
    env: process.env,
  };
}

function post(m: CommandMessage): void {
  parentPort!.postMessage(m);
}

const job = workerData as CommandJob;
// A diagnostic re-run maps the hung thread's position back to the program's own source lines.
if (job.locateAt !== null) process.setSourceMapsEnabled(true);
installStepWatch(new Heartbeat(job.heartbeat, job.locateAt, (site) => post({ kind: 'located', site })));
// Loaded after the watch is installed, and only in the worker: the launcher stays small.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { main } = require('./main') as typeof import('./main');
main(job.argv, workerTerminal(job.tty))
  .then(
    (code) => post({ kind: 'done', code }),
    (err: unknown) =>
      post({ kind: 'crash', stack: err instanceof Error && err.stack !== undefined ? err.stack : String(err) }),
  )
  // Input left unread (a step session that quit) keeps the worker's stdin port open: end the
  // thread once the command is done (what it wrote has been posted to the launcher already).
  .finally(() => {
    if (job.readsInput) process.exit(0);
  });
