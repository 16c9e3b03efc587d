/**
 * "Did you mean": the vocabulary word nearest to one that matches nothing, as FlexSearch's
 * and MiniSearch's fuzzy search allow — one edit for a short word, two for a longer one, an
 * edit being a letter added, dropped, changed, or two neighbours swapped.
 */

/** Words shorter than this are not corrected: too many words are one edit away. */
const MIN_LENGTH = 3

/** Corrections remembered per list: a few kilobytes each hundred. */
const MAX_ANSWERS = 4_096

/** How many edits a word of this length may be from what the reader meant. */
export function editsAllowed(length: number): number {
  if (length < MIN_LENGTH) return 0
  return length <= 4 ? 1 : 2
}

/**
 * Edit distance with adjacent swaps (optimal string alignment), or `max + 1` as soon as it
 * must exceed `max`: most vocabulary words are far, and are given up on early.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  const width = b.length + 1
  // Three rows, reused between calls: a search compares a word with thousands.
  if (rows.length < 3 * width) rows = new Int32Array(6 * width)
  let before = 0
  let previous = width
  let current = 2 * width
  for (let j = 0; j < width; j++) rows[previous + j] = j
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1)
    rows[current] = i
    let rowBest = i
    for (let j = 1; j <= b.length; j++) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1
      let d = Math.min(
        (rows[previous + j] as number) + 1,
        (rows[current + j - 1] as number) + 1,
        (rows[previous + j - 1] as number) + cost,
      )
      if (
        i > 1 &&
        j > 1 &&
        ai === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        d = Math.min(d, (rows[before + j - 2] as number) + 1)
      }
      rows[current + j] = d
      if (d < rowBest) rowBest = d
    }
    if (rowBest > max) return max + 1
    const oldest = before
    before = previous
    previous = current
    current = oldest
  }
  return Math.min(rows[previous + b.length] as number, max + 1)
}
let rows = new Int32Array(96)

export interface Correction {
  word: string
  distance: number
  /** How many passages use it: the commonest of the nearest words wins. */
  uses: number
}

/** The better of two corrections: fewer edits, then more uses, then the first in order. */
export function better(a: Correction | null, b: Correction | null): Correction | null {
  if (!a || !b) return a ?? b
  if (a.distance !== b.distance) return a.distance < b.distance ? a : b
  if (a.uses !== b.uses) return a.uses > b.uses ? a : b
  return a.word <= b.word ? a : b
}

/** The nearest of `words` (each with its uses) to `word`, or null if none is near enough. */
export function nearest(
  word: string,
  words: Iterable<[word: string, uses: number]>,
): Correction | null {
  return new SpellingVocabulary(words).nearest(word)
}

/**
 * A vocabulary made ready for `nearest`, to keep between questions: the words by length, so
 * that only those of a length within reach are looked at, each with the set of its letters
 * as bits, so that most of those are ruled out without counting edits — an edit takes at
 * most one letter away and brings at most one.
 */
export class SpellingVocabulary {
  private readonly words: string[] = []
  private readonly uses: number[] = []
  private readonly letters: number[] = []
  /** Where the words of each length begin in the arrays (sorted by length). */
  private readonly byLength: number[] = [0]
  /**
   * Answers already found: the list never changes, and a misspelt word tends to recur (in a
   * question, and as it is asked again), while finding its neighbours reads every word of
   * about its length.
   */
  private readonly answers = new Map<string, Correction | null>()

  constructor(words: Iterable<[word: string, uses: number]>) {
    const all = [...words].filter(([, uses]) => uses > 0).sort((a, b) => a[0].length - b[0].length)
    for (const [word, uses] of all) {
      while (this.byLength.length <= word.length) this.byLength.push(this.words.length)
      this.words.push(word)
      this.uses.push(uses)
      this.letters.push(lettersOf(word))
    }
    this.byLength.push(this.words.length)
  }

  /** The nearest word to `word`, or null if none is near enough. */
  nearest(word: string): Correction | null {
    let answer = this.answers.get(word)
    if (answer === undefined) {
      answer = this.search(word)
      if (this.answers.size >= MAX_ANSWERS) this.answers.clear()
      this.answers.set(word, answer)
    }
    return answer
  }

  private search(word: string): Correction | null {
    const max = editsAllowed(word.length)
    if (max === 0) return null
    const mine = lettersOf(word)
    let best: Correction | null = null
    const last = this.byLength.length - 1
    const from = this.byLength[Math.min(last, Math.max(0, word.length - max))] as number
    const to = this.byLength[Math.min(last, word.length + max + 1)] as number
    for (let i = from; i < to; i++) {
      const candidate = this.words[i] as string
      const bound = best ? best.distance : max
      const theirs = this.letters[i] as number
      if (bitCount(mine & ~theirs) > bound || bitCount(theirs & ~mine) > bound) continue
      if (candidate === word) continue
      const distance = editDistance(word, candidate, bound)
      if (distance > max) continue
      best = better(best, { word: candidate, distance, uses: this.uses[i] as number })
    }
    return best
  }
}

/** The letters a word uses as bits: a–z their own, any other character one of six more. */
function lettersOf(word: string): number {
  let bits = 0
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i)
    bits |= c >= 97 && c <= 122 ? 1 << (c - 97) : 1 << (26 + (c % 6))
  }
  return bits
}

function bitCount(n: number): number {
  n -= (n >>> 1) & 0x55555555
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333)
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}
