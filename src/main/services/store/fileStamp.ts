/**
 * Timestamps for file names: ISO 8601 with the colons replaced, since Windows forbids them.
 * They sort in time order as plain strings.
 */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/:/g, '-')
}

/** The time a stamp stands for, or NaN when the text is not one. */
export function parseFileStamp(stamp: string): number {
  return Date.parse(stamp.replace(/T(\d\d)-(\d\d)-(\d\d)/, 'T$1:$2:$3'))
}

export const FILE_STAMP_PATTERN = String.raw`\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z`
