/** Counting words the way a reader would: runs of letters or digits, apostrophes kept inside. */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu

/**
 * Chinese and Japanese are written without spaces, so a whole sentence is one run of letters.
 * Runs that hold Han or kana are split by ICU's dictionary word breaker instead, which is what
 * a reader of those languages counts as words (吾輩|は|猫|で|ある).
 */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
const unspacedWords = new Intl.Segmenter('ja', { granularity: 'word' })

/** Adult silent reading speed for non-fiction, words per minute. */
export const WORDS_PER_MINUTE = 230

export function countWords(paragraphs: readonly string[]): number {
  let n = 0
  for (const p of paragraphs) {
    // Most paragraphs hold no Han or kana at all: one test of the paragraph spares one per word.
    if (!UNSPACED_SCRIPT.test(p)) n += p.match(WORD)?.length ?? 0
    else
      for (const run of p.match(WORD) ?? [])
        n += UNSPACED_SCRIPT.test(run) ? wordsOfUnspaced(run) : 1
  }
  return n
}

function wordsOfUnspaced(run: string): number {
  let n = 0
  for (const s of unspacedWords.segment(run)) if (s.isWordLike) n++
  return n
}

export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE))
}
