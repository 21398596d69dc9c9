import { shellArg } from './format';

/** The exact command line that replays a run of a program (the demo name or the path as typed). */
export function replayCommandLine(program: { spec: string; exportName: string | null }, token: string): string {
  const main = program.exportName === null ? '' : ` --main ${shellArg(program.exportName)}`;
  return `interleave replay ${shellArg(program.spec)} ${token}${main}`;
}
