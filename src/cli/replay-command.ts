import { shellArg } from './format';

/** The exact command line that replays a run of `spec` (a demo name or the path as typed). */
export function replayCommand(spec: string, token: string): string {
  return `interleave replay ${shellArg(spec)} ${token}`;
}
