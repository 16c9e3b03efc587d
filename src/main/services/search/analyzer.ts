/**
 * Text analysis shared by indexing and querying: Unicode folding that serves every script,
 * then English stop words and Porter stemming for Latin words only.
 */
import { stemmer } from 'stemmer'
import { eng } from 'stopword'

/** A word as found in the original text, with its place there. */
export interface Token {
  /** Folded surface form: lower case, no diacritics. */
  surface: string
  /** Index term: the stem for Latin words, the surface otherwise; null for a stop word. */
  term: string | null
  start: number
  end: number
}

const STOP_WORDS = new Set([...eng, 's', 't', 'd', 'll', 're', 've', 'm'])

// Letters or digits, with the combining marks that belong to them (Hebrew points, Arabic harakat).
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu
const MARKS = /\p{M}+/gu
const LATIN = /^[a-z]+$/

/** Arabic letter variants that readers treat as the same letter when searching. */
const LETTER_VARIANTS: Record<string, string> = {
  ى: 'ي', // alef maksura
  ی: 'ي', // Farsi yeh
  ک: 'ك', // Farsi keheh
  ة: 'ه', // ta marbuta
  ـ: '', // tatweel (elongation)
}
const VARIANT = /[ىیکةـ]/g

const ASCII = /^[a-zA-Z0-9]*$/

/** Case- and diacritic-insensitive form of a word. */
export function fold(word: string): string {
  // Plain ASCII has nothing to decompose: the common case, kept cheap.
  if (ASCII.test(word)) return word.toLowerCase()
  return word
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(VARIANT, (c) => LETTER_VARIANTS[c] ?? c)
}

export function isStopWord(surface: string): boolean {
  return STOP_WORDS.has(surface)
}

/** Stems of words seen before: stemming is the dearest step, and text repeats its words. */
const stems = new Map<string, string>()
const MAX_STEMS = 200_000

/** The index term for a folded word, or null when it carries no meaning for search. */
export function termOf(surface: string): string | null {
  if (surface.length === 0 || STOP_WORDS.has(surface)) return null
  if (!LATIN.test(surface) || surface.length <= 2) return surface
  let stem = stems.get(surface)
  if (stem === undefined) {
    stem = stemmer(surface)
    if (stems.size >= MAX_STEMS) stems.clear()
    stems.set(surface, stem)
  }
  return stem
}

/** Splits text into tokens, keeping their offsets for highlighting. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const m of text.matchAll(WORD)) {
    const surface = fold(m[0])
    if (!surface) continue
    tokens.push({ surface, term: termOf(surface), start: m.index, end: m.index + m[0].length })
  }
  return tokens
}

/** The index terms of a text, stop words dropped, in order (repeats kept). */
export function termsOf(text: string): string[] {
  const out: string[] = []
  for (const t of tokenize(text)) if (t.term) out.push(t.term)
  return out
}
