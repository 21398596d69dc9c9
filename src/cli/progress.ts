import { Presets, SingleBar } from 'cli-progress';
import type { Terminal } from './terminal';

/** Reports progress of long work; a no-op when nobody watches. */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

/**
 * A progress bar on stderr, only when stderr is a terminal (never in a pipe or a log file, so
 * output stays clean and byte-stable). cli-progress redraws at most 10 times a second and
 * redraws synchronously, which a search that never yields to the event loop needs.
 */
export function progressBar(term: Terminal, label: string): Progress {
  if (term.stderr.isTTY !== true) return SILENT;
  const bar = new SingleBar(
    {
      stream: term.stderr,
      format: `${label} {bar} {percentage}% | {value}/{total} runs | ETA {eta_formatted}`,
      clearOnComplete: true,
      hideCursor: true,
      fps: 10,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
