import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** The playground's source folder and the folder `npm run build:playground` writes. */
export const PLAYGROUND = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = path.join(PLAYGROUND, 'dist');

/** Builds the static playground into playground/dist (quietly unless `verbose`). */
export async function buildPlayground({ verbose = false } = {}) {
  await build({ configFile: path.join(PLAYGROUND, 'vite.config.mts'), logLevel: verbose ? 'info' : 'warn' });
  return OUT_DIR;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildPlayground({ verbose: true });
  console.log(
    `The playground is in ${path.relative(process.cwd(), OUT_DIR) || '.'}/: serve that folder from any static host.`,
  );
}
