/**
 * Text analysis shared by indexing and querying: Unicode folding that serves every script,
 * then English stop words and Porter stemming for Latin words only, irregular verbs brought
 * to their base form first (a question asks "meet", the report says "met"). A hyphenated or
 * alphanumeric word (Il-20, F-16, COVID-19, de-confliction, Su24) is a term whole as well
 * as by its parts, so that searching for it prefers where it is written whole.
 */
import { stemmer } from 'stemmer'
import { eng } from 'stopword'
import { createRequire } from 'node:module'

/** A word as found in the original text, with its place there. */
export interface Token {
  /** Folded surface form: lower case, no diacritics. */
  surface: string
  /** Index term: the stem for Latin words, the surface otherwise; null for a stop word. */
  term: string | null
  start: number
  end: number
  /** The whole of a hyphenated or alphanumeric word; its parts come just before it. */
  compound?: true
}

// The list has "do", "did" and "have" but not these forms of them; and the ends of contractions.
const STOP_WORDS = new Set([
  ...eng,
  'does',
  'doing',
  'having',
  's',
  't',
  'd',
  'll',
  're',
  've',
  'm',
])

// Letters or digits, with the combining marks that belong to them (Hebrew points, Arabic harakat).
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu
const MARKS = /\p{M}+/gu
const LATIN = /^[a-z]+$/
const PLURAL_NUMBERED = /^[a-z0-9]*[0-9]s$/

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

/** Terms of words seen before: stemming is the dearest step, and text repeats its words. */
const terms = new Map<string, string | null>()
const MAX_TERMS = 200_000

/** The index term for a folded word, or null when it carries no meaning for search. */
export function termOf(surface: string): string | null {
  let term = terms.get(surface)
  if (term === undefined) {
    term = analysedTerm(surface)
    if (terms.size >= MAX_TERMS) terms.clear()
    terms.set(surface, term)
  }
  return term
}

/** Past forms of irregular verbs → the verb ("given", "gave" → "give"): Porter leaves them apart. */
const VERB_OF = new Map<string, string>()
// Read as data with require: JSON modules need import attributes that not every loader keeps.
const irregularVerbs = createRequire(import.meta.url)(
  'english-verbs-irregular/dist/verbs.json',
) as Record<string, string[][]>
for (const [verb, forms] of Object.entries(irregularVerbs)) {
  for (const form of forms.flat()) if (form !== verb && !VERB_OF.has(form)) VERB_OF.set(form, verb)
}

function analysedTerm(surface: string): string | null {
  if (surface.length === 0 || STOP_WORDS.has(surface)) return null
  // A plural of a name with a number in it: "F-16s" is the F-16.
  if (PLURAL_NUMBERED.test(surface)) return surface.slice(0, -1)
  if (!LATIN.test(surface) || surface.length <= 2) return surface
  return stemmer(VERB_OF.get(surface) ?? surface)
}

/** Hyphens join the parts of one word (not dashes, which separate words). */
/** Where letters meet digits inside a word: Su24 is "su" and "24". */
const DIGIT = /[0-9\p{Nd}]/u
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/
const LETTERS_DIGITS = /(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u
/** Longer chains (a-b-c-d-e…) are phrases written with hyphens, not names. */
const MAX_PARTS = 4

const isHyphen = (code: number): boolean => code === 0x2d || code === 0x2010 || code === 0x2011

/** Receives each word of a text: its folded form, its term, where it is, and if a compound. */
export type WordSink = (
  surface: string,
  term: string | null,
  start: number,
  end: number,
  compound: boolean,
) => void

/**
 * Every word of a text in order, a compound's parts before its whole, without building a
 * token per word (indexing a large library calls this for every paragraph).
 */
export function scan(text: string, sink: WordSink): void {
  let run = ''
  let parts = 0
  let runStart = 0
  let runEnd = 0
  const closeRun = (): void => {
    if (parts > 1 && parts <= MAX_PARTS) sink(run, termOf(run), runStart, runEnd, true)
    run = ''
    parts = 0
  }
  const onWord = (word: string, surface: string, start: number, hasDigit: boolean): void => {
    if (!surface) return
    const end = start + word.length
    if (parts && (start - runEnd !== 1 || !isHyphen(text.charCodeAt(runEnd)))) closeRun()
    if (!parts) runStart = start
    const pieces = hasDigit ? word.split(LETTERS_DIGITS) : undefined
    if (pieces && pieces.length > 1 && pieces.length <= MAX_PARTS) {
      let at = start
      for (const piece of pieces) {
        const part = fold(piece)
        sink(part, termOf(part), at, at + piece.length, false)
        at += piece.length
      }
      // Standing alone, the word is a compound of its own; in a hyphen chain, the chain is.
      if (!parts) sink(surface, termOf(surface), start, end, true)
    } else {
      sink(surface, termOf(surface), start, end, false)
    }
    // Most words stand alone: a run is made a string of its own only from its second part.
    run = parts ? run + surface : surface
    parts++
    runEnd = end
  }
  if (NON_ASCII.test(text)) {
    const words = new RegExp(WORD)
    for (let m = words.exec(text); m; m = words.exec(text)) {
      onWord(m[0], fold(m[0]), m.index, DIGIT.test(m[0]))
    }
  } else {
    // Plain ASCII, most text: words are runs of letters and digits, read without a regex.
    let start = -1
    let hasDigit = false
    let hasUpper = false
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 0
      const digit = c >= 48 && c <= 57
      const upper = c >= 65 && c <= 90
      if (digit || upper || (c >= 97 && c <= 122)) {
        if (start < 0) start = i
        hasDigit ||= digit
        hasUpper ||= upper
      } else if (start >= 0) {
        const word = text.slice(start, i)
        onWord(word, hasUpper ? word.toLowerCase() : word, start, hasDigit)
        start = -1
        hasDigit = false
        hasUpper = false
      }
    }
  }
  closeRun()
}

/** Splits text into tokens, keeping their offsets for highlighting. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  scan(text, (surface, term, start, end, compound) => {
    tokens.push(compound ? { surface, term, start, end, compound } : { surface, term, start, end })
  })
  return tokens
}

/**
 * A text's index terms (repeats kept) and its length in words: a compound's whole is a term
 * but not another word, so hyphenated text is not counted longer than it is.
 */
export function indexTerms(text: string, wholes = true): { terms: string[]; length: number } {
  const terms: string[] = []
  let length = 0
  scan(text, (_surface, term, _start, _end, compound) => {
    if (!term || (compound && !wholes)) return
    terms.push(term)
    if (!compound) length++
  })
  return { terms, length }
}

/** The words of a text as written, without the wholes of compounds (for phrases). */
export function wordsOf(text: string): string[] {
  const out: string[] = []
  for (const t of tokenize(text)) if (!t.compound) out.push(t.surface)
  return out
}

/** The index terms of a text, stop words dropped, in order (repeats kept). */
export function termsOf(text: string): string[] {
  const out: string[] = []
  for (const t of tokenize(text)) if (t.term) out.push(t.term)
  return out
}
