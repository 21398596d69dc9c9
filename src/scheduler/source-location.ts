import { parseStack } from '../_internal/stack-frames';
import type { SourceLocation } from '../types';

/*
 * Where in the program an op was called, for the teaching views: the first frame of a V8 stack
 * that is not the library's own. Captured only with the run option `locations: true`.
 *
 * The positions are those the `Error` stack shows: a `.ts` file loaded through a loader that maps
 * positions back (the CLI's, or Node with source maps enabled) shows its own lines.
 */
export type { SourceLocation };

/** Frames deeper than this are not looked at (the user's frame is near the top). */
const FRAMES = 40;

/**
 * The folder that holds the library's own modules (src/ or dist/src/), found from this file's
 * own frame; frames under it are skipped. Empty when it cannot be told (then none are skipped).
 */
const LIBRARY_ROOT = libraryRoot();

/**
 * When the library is bundled (a browser page), no frame names its folder: its code shares one
 * file with the page's, and that file (this module's own frame) is the library's. Empty otherwise.
 */
const BUNDLE_FILE = LIBRARY_ROOT === '' ? (framesOf(new Error().stack)[0]?.file ?? '') : '';

function libraryRoot(): string {
  const frame = framesOf(new Error().stack).find((f) => /[\\/]scheduler[\\/]source-location\.[cm]?[jt]s$/.test(f.file));
  return frame === undefined ? '' : frame.file.replace(/[\\/]scheduler[\\/]source-location\.[cm]?[jt]s$/, '');
}

function framesOf(stack: string | undefined): SourceLocation[] {
  return stack === undefined ? [] : parseStack(stack).map(({ file, line, column }) => ({ file, line, column }));
}

/** True for a frame of the library itself or of the host (`node:`, native code). */
function isLibraryFrame(file: string): boolean {
  if (file.startsWith('node:') || file === '<anonymous>' || file === 'native') return true;
  if (BUNDLE_FILE !== '' && file === BUNDLE_FILE) return true;
  return LIBRARY_ROOT !== '' && file.startsWith(LIBRARY_ROOT) && /^[\\/]/.test(file.slice(LIBRARY_ROOT.length));
}

/**
 * The program's frame that called into the library, from a stack captured now; null when
 * every frame is the library's (an op called by the library itself, such as main's start).
 */
export function captureLocation(): SourceLocation | null {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = FRAMES;
  const stack = new Error().stack;
  Error.stackTraceLimit = limit;
  return userFrame(stack);
}

/** The first frame of `stack` that is not the library's, or null. */
export function userFrame(stack: string | undefined): SourceLocation | null {
  for (const f of framesOf(stack)) if (!isLibraryFrame(f.file)) return f;
  return null;
}

/** `race.ts:21`: the file's base name and the line. */
export function shortLocation(at: SourceLocation): string {
  const base = at.file.split(/[\\/]/).pop() ?? at.file;
  return `${base.replace(/^file:\/\//, '')}:${at.line}`;
}
