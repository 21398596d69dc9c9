import { buildPlayground } from './build.mjs';
import { serveStatic } from './static-server.cjs';

/** `npm run playground [-- --port N]`: builds the playground and serves it on localhost. */
function portFrom(argv, env) {
  const i = argv.indexOf('--port');
  const given = i >= 0 ? argv[i + 1] : (argv.find((a) => a.startsWith('--port='))?.slice(7) ?? env.PORT ?? '5173');
  const port = Number(given);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(
      `error: --port must be a port number from 0 to 65535, got '${given}'\nhint: npm run playground -- --port 8080`,
    );
    process.exit(2);
  }
  return port;
}

const port = portFrom(process.argv.slice(2), process.env);
const root = await buildPlayground();
try {
  const { url } = await serveStatic(root, port);
  console.log(`interleave playground: ${url}  (Ctrl-C stops it)`);
} catch (e) {
  console.error(`error: cannot serve on port ${port}: ${e.message}\nhint: pick another with --port N or PORT=N`);
  process.exit(1);
}
