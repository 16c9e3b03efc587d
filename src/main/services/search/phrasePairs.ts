/**
 * Which pairs of adjacent words a passage holds, as a small Bloom filter per passage: a
 * quoted phrase is looked for only in passages that may hold each of its word pairs, so
 * that most passages without the phrase are ruled out before their text is read (a read
 * from disk, in a large library).
 *
 * The words are a text's words as a phrase is matched against them (`wordsOf`), stop words
 * included: "what you see is what you get" has one word that is not a stop word. Each word
 * that is not a stop word is kept with the word before it, whatever that is ("you see"), so
 * that a passage's filter is sized by its length in index terms (`bodyLength`), one pair per
 * term; a phrase is tested for its pairs of that kind. A filter may say a pair is there when
 * it is not (about one time in twenty), never the reverse: a passage holding a phrase always
 * passes.
 *
 * The hashes are part of the snapshot's format: changing them needs a new `SNAPSHOT_VERSION`.
 */

/** Filter bits per word of a passage that is not a stop word, i.e. per pair kept. */
const BITS_PER_TERM = 6
/** Bits set per pair: the best for the bits per pair (m / n · ln 2, rounded). */
const PROBES = Math.round(BITS_PER_TERM * Math.LN2)

/** 32-bit words of filter for a passage of `terms` index terms (its `bodyLength`). */
export function filterWords(terms: number): number {
  return Math.ceil((terms * BITS_PER_TERM) / 32)
}

/** FNV-1a of a word's UTF-16 code units. */
export function wordHash(word: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193)
  return h | 0
}

/** Murmur3's finaliser: every bit of the input moves every bit of the output. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) | 0
}

/** The hash of an ordered pair of words, from their `wordHash`es. */
export function pairHash(first: number, second: number): number {
  return mix(Math.imul(first, 0x9e3779b1) ^ second)
}

/** A 32-bit hash scaled to [0, m): its high bits, without a division. */
const scaled = (h: number, m: number): number => Math.floor((h >>> 0) * m * 2 ** -32)

/** Sets a pair's bits in the filter at `bits[start, start + words)`. */
function setPair(bits: Int32Array, start: number, words: number, pair: number): void {
  const m = words * 32
  const step = mix(pair ^ 0x5bd1e995) | 1
  for (let i = 0; i < PROBES; i++) {
    const bit = scaled(pair + Math.imul(i, step), m)
    bits[start + (bit >>> 5)] = (bits[start + (bit >>> 5)] as number) | (1 << (bit & 31))
  }
}

/** Whether the filter at `bits[start, start + words)` may hold the pair. */
function mayHoldPair(bits: Int32Array, start: number, words: number, pair: number): boolean {
  if (words === 0) return false
  const m = words * 32
  const step = mix(pair ^ 0x5bd1e995) | 1
  for (let i = 0; i < PROBES; i++) {
    const bit = scaled(pair + Math.imul(i, step), m)
    if (!(((bits[start + (bit >>> 5)] as number) >>> (bit & 31)) & 1)) return false
  }
  return true
}

/**
 * Collects a text's pairs as its words come (in `wordsOf` order, compounds' wholes left out),
 * then writes them as a filter.
 */
export class PairCollector {
  /** The pairs so far, in a buffer kept between texts (a number array would box most hashes). */
  private pairs = new Int32Array(256)
  private count = 0
  private previous = 0
  private started = false

  /** The next word of the text; `stop` when it is a stop word (its term is null). */
  word(surface: string, stop: boolean): void {
    const h = wordHash(surface)
    if (this.started && !stop) {
      if (this.count === this.pairs.length) {
        const grown = new Int32Array(2 * this.count)
        grown.set(this.pairs)
        this.pairs = grown
      }
      this.pairs[this.count++] = pairHash(this.previous, h)
    }
    this.previous = h
    this.started = true
  }

  /** The filter of the pairs seen, for a text of `terms` index terms; ready for the next text. */
  filter(terms: number): Int32Array {
    const words = filterWords(terms)
    const bits = new Int32Array(words)
    if (words) for (let i = 0; i < this.count; i++) setPair(bits, 0, words, this.pairs[i] as number)
    this.count = 0
    this.started = false
    return bits
  }
}

/**
 * The pairs a passage must hold to hold every phrase (each phrase as its folded words, stop
 * words included): each word after the first that is not a stop word, with the word before.
 */
export function phrasePairs(phrases: string[][], isStop: (word: string) => boolean): number[] {
  const pairs = new Set<number>()
  for (const phrase of phrases) {
    for (let i = 1; i < phrase.length; i++) {
      const a = phrase[i - 1] as string
      const b = phrase[i] as string
      if (isStop(b)) continue
      pairs.add(pairHash(wordHash(a), wordHash(b)))
    }
  }
  return [...pairs]
}

/** Whether the filter at `bits[start, start + words)` may hold every pair. */
export function mayHoldPairs(
  bits: Int32Array,
  start: number,
  words: number,
  pairs: number[],
): boolean {
  for (const pair of pairs) if (!mayHoldPair(bits, start, words, pair)) return false
  return true
}
