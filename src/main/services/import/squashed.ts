/** Text as a reader sees it on one line: each run of white space one space, none at the ends. */
export const squashed = (text: string | null | undefined): string =>
  (text ?? '').replace(/\s+/g, ' ').trim()
