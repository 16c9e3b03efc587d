/** Counting words the way a reader would: runs of letters or digits, apostrophes kept inside. */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu

/** Adult silent reading speed for non-fiction, words per minute. */
export const WORDS_PER_MINUTE = 230

export function countWords(paragraphs: readonly string[]): number {
  let n = 0
  for (const p of paragraphs) n += p.match(WORD)?.length ?? 0
  return n
}

export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE))
}
