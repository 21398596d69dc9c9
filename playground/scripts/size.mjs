import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * The initial load of the built playground: index.html and the scripts, module preloads and
 * styles it references (the engine worker and TypeScript are loaded later, on the first Run),
 * each gzipped at level 9 as a static host would serve them.
 */
export function initialLoad(dist) {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\.\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const files = ['index.html', ...new Set(refs)].map((name) => {
    const bytes = readFileSync(path.join(dist, name));
    return { name, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  return { files, gzip: files.reduce((s, f) => s + f.gzip, 0), bytes: files.reduce((s, f) => s + f.bytes, 0) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  const load = initialLoad(dist);
  for (const f of load.files)
    console.log(`${f.name.padEnd(36)} ${String(f.bytes).padStart(9)} B  gzip ${String(f.gzip).padStart(8)} B`);
  console.log(
    `initial load: ${(load.gzip / 1024).toFixed(1)} KiB gzip (${(load.bytes / 1024).toFixed(1)} KiB raw); ` +
      'goal ≤ 400 KB',
  );
}
