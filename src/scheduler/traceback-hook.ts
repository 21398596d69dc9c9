/**
 * How a run with `traceback: true` formats a thrown value's traceback. Reading a program's
 * source lines needs the file system, which the engine must not import (it also runs in a
 * browser), so the Node entry points install the formatter; without one a traceback is empty.
 */
let formatter: ((error: unknown) => string) | null = null;

/** Installs the traceback formatter (the package root and the CLI do, with the file-reading one). */
export function setTracebackFormatter(format: (error: unknown) => string): void {
  formatter = format;
}

/** The traceback of `error` as the installed formatter writes it, or '' when none is installed. */
export function tracebackOf(error: unknown): string {
  return formatter === null ? '' : formatter(error);
}
