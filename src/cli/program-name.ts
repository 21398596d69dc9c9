import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeToken } from '../scheduler/schedule-token';
import { DEMO_DIRS, type Program } from './load-program';

/**
 * What names a program in its tokens (RunOptions.program): a demo's name, or a short hash of a
 * file's source (so a token of an edited file is told apart), with `:export` under `--main`.
 */
export function programName(program: Program): string {
  const base = DEMO_DIRS.includes(path.dirname(program.file))
    ? program.spec
    : `#${createHash('sha256').update(readFileSync(program.file)).digest('hex').slice(0, 8)}`;
  return program.exportName === null ? base : `${base}:${program.exportName}`;
}

/**
 * A one-line warning when `token` names another program than `program`, or null. The replay goes
 * on all the same: a fixed program must still replay the token of its old failure, and a token
 * whose schedule does not fit fails on its own.
 */
export function foreignTokenWarning(program: Program, token: string): string | null {
  let made: string | undefined;
  try {
    made = decodeToken(token).program;
  } catch {
    return null; // the replay reports a bad token itself
  }
  const now = programName(program);
  if (made === undefined || made === now) return null;
  const what = (name: string): string =>
    name.startsWith('#') ? `a file with source hash ${name.slice(1)}` : `'${name}'`;
  const edited = made.startsWith('#') && now.startsWith('#');
  return edited
    ? `interleave: warning: this token was made with another version of ${program.spec} (source hash ${made.slice(1)}, now ${now.slice(1)}); replaying its schedule anyway`
    : `interleave: warning: this token was made with ${what(made)}, not ${what(now)}; replaying its schedule anyway`;
}
