/**
 * Bad usage of the command line: an unknown demo or command, a bad option value, a missing
 * token. The CLI prints it as one line on stderr (the reason, then a hint) and exits with 2.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    /** What to try instead, shown after the reason. */
    readonly hint: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }

  /** The one line printed on stderr. */
  line(): string {
    return `interleave: ${this.message} (${this.hint})`;
  }
}

/** Exit codes fixed by CLI.md. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
