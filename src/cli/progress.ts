import { Presets, SingleBar } from 'cli-progress';
import { Eta, formatEta } from './eta';
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
export function progressBar(term: Terminal, label: string, now: () => number = Date.now): Progress {
  if (term.stderr.isTTY !== true) return SILENT;
  const bar = new SingleBar(
    {
      stream: term.stderr,
      // The ETA is our own, from a moving rate: cli-progress's jumps with every uneven stretch.
      format: `${label} {bar} {percentage}% | {value}/{total} runs | ETA {left}`,
      clearOnComplete: true,
      hideCursor: true,
      fps: 10,
    },
    Presets.shades_classic,
  );
  let started = false;
  const eta = new Eta(now);
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0, { left: formatEta(null) });
        started = true;
      }
      bar.update(done, { left: formatEta(eta.update(done, total)) });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
