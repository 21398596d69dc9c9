#!/usr/bin/env node
'use strict';
// Bundles sucrase (the transpiler the CLI loads `.ts` and ES-module programs with) into one
// minified file, dist/vendor/sucrase.js, with the licences of what it bundles beside it. Installing the package then
// pulls in no transpiler and none of its dependencies: see docs/packaging.md.
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const out = path.join(root, 'dist', 'vendor');
const sucrase = path.dirname(require.resolve('sucrase/package.json'));
const version = require('sucrase/package.json').version;

const result = esbuild.buildSync({
  entryPoints: [path.join(sucrase, 'dist', 'index.js')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  banner: { js: `/* sucrase ${version} and its dependencies, bundled by scripts/vendor-sucrase.js; licences: LICENSES.txt */` },
  metafile: true,
  outfile: path.join(out, 'sucrase.js'),
  logLevel: 'warning',
});
fs.writeFileSync(path.join(out, 'LICENSES.txt'), licences(Object.keys(result.metafile.inputs)));

/** The licence text of every package a bundled file came from, each under its name and version. */
function licences(inputs) {
  const packages = new Set();
  for (const input of inputs) {
    const m = /^(.*node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(path.resolve(root, input));
    if (m !== null) packages.add(m[1]);
  }
  return [...packages]
    .sort()
    .map((dir) => {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      const file = fs.readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
      if (file === undefined) throw new Error(`${pkg.name} has no licence file to ship with its bundled code`);
      return `${pkg.name} ${pkg.version} (${pkg.license})\n\n${fs.readFileSync(path.join(dir, file), 'utf8').trim()}\n`;
    })
    .join(`\n${'-'.repeat(72)}\n\n`);
}
