import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureBuilt, ROOT } from '../../cli/helpers/cli';

/**
 * Runs per second of `explore` on the race demo (random strategy, seed '0') in a Node process of
 * its own, on the built library as the CLI runs it: the best of `rounds` searches of `runs` runs.
 */
export function nodeExploreRate(runs: number, rounds = 2): number {
  ensureBuilt();
  const lib = JSON.stringify(path.join(ROOT, 'dist', 'src', 'index.js'));
  const race = JSON.stringify(path.join(ROOT, 'dist', 'demos', 'race.js'));
  const script = `
    const { explore } = require(${lib});
    const race = require(${race});
    let best = 0;
    for (let i = 0; i < ${rounds}; i++) {
      const t = performance.now();
      explore(race.default, { ...race.options, strategy: 'random', runs: ${runs}, seed: '0', check: race.check });
      best = Math.max(best, ${runs} / ((performance.now() - t) / 1000));
    }
    process.stdout.write(String(best));`;
  const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`the Node exploration failed: ${out.stderr}`);
  return Number(out.stdout);
}
