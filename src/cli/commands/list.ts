import type { Command } from 'commander';
import { DEMOS } from '../demo-catalog';
import { colorsFor, type Terminal } from '../terminal';
import { toJson } from '../to-json';

/** `interleave list`: every demo with one line on what it teaches. */
export function listCommand(program: Command, term: Terminal, done: (code: number) => void): void {
  program
    .command('list')
    .description('list the demos, each with one line on what it teaches')
    .option('--json', 'print the list as JSON')
    .action((flags: { json?: boolean }) => {
      if (flags.json === true) {
        term.stdout.write(`${toJson(DEMOS)}\n`);
        return done(0);
      }
      const c = colorsFor(term, term.stdout, false);
      const pad = Math.max(...DEMOS.map((d) => d.name.length)) + 2;
      const lines = DEMOS.map((d) => `  ${c.bold(d.name.padEnd(pad))}${d.teaches}`);
      term.stdout.write(`Demos (run one with: interleave run NAME):\n${lines.join('\n')}\n`);
      done(0);
    });
}
