/**
 * "Did you mean": the vocabulary word nearest to one that matches nothing, as FlexSearch's
 * and MiniSearch's fuzzy search allow — one edit for a short word, two for a longer one, an
 * edit being a letter added, dropped, changed, or two neighbours swapped.
 */

/** Words shorter than this are not corrected: too many words are one edit away. */
const MIN_LENGTH = 3

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
  let before = new Array<number>(width).fill(0)
  let previous = Array.from({ length: width }, (_, j) => j)
  let current = new Array<number>(width).fill(0)
  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    let rowBest = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      )
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (before[j - 2] as number) + 1)
      }
      current[j] = d
      if (d < rowBest) rowBest = d
    }
    if (rowBest > max) return max + 1
    ;[before, previous, current] = [previous, current, before]
  }
  return Math.min(previous[b.length] as number, max + 1)
}

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
  const max = editsAllowed(word.length)
  if (max === 0) return null
  let best: Correction | null = null
  for (const [candidate, uses] of words) {
    if (candidate === word || uses === 0) continue
    const distance = editDistance(word, candidate, best ? best.distance : max)
    if (distance > max) continue
    best = better(best, { word: candidate, distance, uses })
  }
  return best
}
