#!/usr/bin/env node
'use strict';
// The `interleave` command: a thin shell over the built CLI (dist/, made by `npm run build`; the
// package is built when packed). In a checkout without a build, it runs the TypeScript sources
// through tsx (a development dependency) instead, so the command works while developing.
const fs = require('node:fs');
const path = require('node:path');

// launch() runs a program's command in a worker thread under the watchdog (see src/cli/launch.ts).
const built = path.join(__dirname, '..', 'dist', 'src', 'cli', 'launch.js');
let cli;
if (fs.existsSync(built)) {
  cli = require(built);
} else {
  require('tsx/cjs/api').register();
  cli = require(path.join(__dirname, '..', 'src', 'cli', 'launch.ts'));
}
cli.launch(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`interleave: internal error: ${err?.stack ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
