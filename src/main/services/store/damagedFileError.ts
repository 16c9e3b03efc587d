/** A data or backup file that exists but cannot be used: unreadable, not JSON, or misshapen. */
export class DamagedFileError extends Error {
  constructor(
    /** What is wrong, in words for the reader, e.g. "not valid JSON (truncated?)". */
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(problem, options)
    this.name = 'DamagedFileError'
  }
}
