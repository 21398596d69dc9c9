/*
 * Prints the bug table of docs/exploring.md: for each program of the bug suite (tests/bugs/catalog.ts),
 * the runs each strategy needs to find the bug (seed 0, explore's defaults, at most CAP runs) and the
 * preemptions of the shrunk schedule. `--docs` also writes the table into docs/exploring.md between
 * its bug-table markers.
 *
 *   npx tsx bench/bug-table.ts [--docs]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { explore, type ExploreReport } from '../src/index';
import { BUGS } from '../tests/bugs/catalog';

const CAP = 10_000;
const START = '<!-- bug-table:start -->';
const END = '<!-- bug-table:end -->';

function cell(r: ExploreReport): string {
  return r.firstFailure === null ? `not in ${CAP.toLocaleString('en-US')}` : String(r.firstFailure.run + 1);
}

function shrunk(reports: ExploreReport[]): string {
  return reports.map((r) => (r.firstFailure === null ? '–' : String(r.firstFailure.preemptions))).join(' / ');
}

export function bugTable(): string {
  const rows = [
    '| bug | what goes wrong | fewest preemptions | random | PCT | exhaustive | shrunk to (random / PCT / exhaustive) |',
    '|---|---|---:|---:|---:|---:|---|',
  ];
  for (const bug of BUGS) {
    const o = { runs: CAP, stopOnFailure: true, check: bug.check };
    const reports = [
      explore(bug.main, o),
      explore(bug.main, { ...o, strategy: 'pct' }),
      explore(bug.main, { ...o, strategy: 'exhaustive' }),
    ];
    rows.push(
      `| \`${bug.name}\` | ${bug.title} | ${bug.preemptions} | ${reports.map(cell).join(' | ')} | ${shrunk(reports)} |`,
    );
  }
  return rows.join('\n');
}

if (require.main === module) {
  const table = bugTable();
  process.stdout.write(`${table}\n`);
  if (process.argv.includes('--docs')) {
    const file = path.join(__dirname, '..', 'docs', 'exploring.md');
    const text = readFileSync(file, 'utf8');
    const from = text.indexOf(START);
    const to = text.indexOf(END);
    if (from < 0 || to < from) throw new Error(`${file} has no ${START} ... ${END} markers`);
    writeFileSync(file, `${text.slice(0, from + START.length)}\n${table}\n${text.slice(to)}`);
    process.stdout.write(`${file} updated\n`);
  }
}
