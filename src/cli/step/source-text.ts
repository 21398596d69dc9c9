import { readFileSync } from 'node:fs';
import type { SourceLocation } from '../../scheduler/source-location';

/** The lines of program files, read once each; a file that cannot be read has none. */
export class SourceText {
  readonly #files = new Map<string, readonly string[]>();

  /** Line `n` (1-based) of `file`, or null when it cannot be read. */
  line(file: string, n: number): string | null {
    return this.lines(file)[n - 1] ?? null;
  }

  lines(file: string): readonly string[] {
    let lines = this.#files.get(file);
    if (lines === undefined) {
      try {
        lines = readFileSync(file.replace(/^file:\/\//, ''), 'utf8').split(/\r?\n/);
      } catch {
        lines = [];
      }
      this.#files.set(file, lines);
    }
    return lines;
  }

  /** `race.ts:21 · yield* count.update(...)`: where, and the code there. */
  codeAt(at: SourceLocation): string | null {
    return this.line(at.file, at.line)?.trim() ?? null;
  }
}
