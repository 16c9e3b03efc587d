/**
 * Text analysis shared by indexing and querying: Unicode folding that serves every script,
 * then English stop words and Porter stemming for Latin words only, irregular verbs brought
 * to their base form first (a question asks "meet", the report says "met"). A hyphenated or
 * alphanumeric word (Il-20, F-16, COVID-19, de-confliction, Su24) is a term whole as well
 * as by its parts, so that searching for it prefers where it is written whole.
 */
import { stemmer } from 'stemmer'
import { eng } from 'stopword'
import irregularVerbs from 'english-verbs-irregular/dist/verbs.json'

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
for (const [verb, forms] of Object.entries(irregularVerbs as Record<string, string[][]>)) {
  for (const form of forms.flat()) if (form !== verb && !VERB_OF.has(form)) VERB_OF.set(form, verb)
}

function analysedTerm(surface: string): string | null {
  if (surface.length === 0 || STOP_WORDS.has(surface)) return null
  // A plural of a name with a number in it: "F-16s" is the F-16.
  if (PLURAL_NUMBERED.test(surface)) return surface.slice(0, -1)
  if (!LATIN.test(surface) || surface.length <= 2) return surface
  return stemmer(VERB_OF.get(surface) ?? surface)
}

/** Hyphens that join the parts of one word (not dashes, which separate words). */
const HYPHEN = /^[-\u2010\u2011]$/
/** Where letters meet digits inside a word: Su24 is "su" and "24". */
const DIGIT = /[0-9\p{Nd}]/u
const LETTERS_DIGITS = /(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u
/** Longer chains (a-b-c-d-e…) are phrases written with hyphens, not names. */
const MAX_PARTS = 4

/** Splits text into tokens, keeping their offsets for highlighting. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let run: Token[] = []
  const closeRun = (): void => {
    if (run.length > 1 && run.length <= MAX_PARTS) {
      const surface = run.map((t) => t.surface).join('')
      const first = run[0] as Token
      const last = run[run.length - 1] as Token
      tokens.push({
        surface,
        term: termOf(surface),
        start: first.start,
        end: last.end,
        compound: true,
      })
    }
    run = []
  }
  for (const m of text.matchAll(WORD)) {
    const surface = fold(m[0])
    if (!surface) continue
    const start = m.index
    const end = start + m[0].length
    const prev = run[run.length - 1]
    if (!prev || start - prev.end !== 1 || !HYPHEN.test(text[prev.end] as string)) closeRun()
    // Most words are letters alone: the dearer split only for words with a digit in them.
    const pieces = DIGIT.test(m[0]) ? m[0].split(LETTERS_DIGITS) : [m[0]]
    if (pieces.length > 1 && pieces.length <= MAX_PARTS) {
      // Each piece a token of its own, the word whole after them.
      let at = start
      const parts = pieces.map((piece) => {
        const part = fold(piece)
        const token: Token = {
          surface: part,
          term: termOf(part),
          start: at,
          end: at + piece.length,
        }
        at += piece.length
        return token
      })
      tokens.push(...parts)
      if (run.length === 0) {
        tokens.push({ surface, term: termOf(surface), start, end, compound: true })
      }
      run.push({ surface, term: null, start, end })
      continue
    }
    const token: Token = { surface, term: termOf(surface), start, end }
    tokens.push(token)
    run.push(token)
  }
  closeRun()
  return tokens
}

/**
 * A text's index terms (repeats kept) and its length in words: a compound's whole is a term
 * but not another word, so hyphenated text is not counted longer than it is.
 */
export function indexTerms(text: string, wholes = true): { terms: string[]; length: number } {
  const terms: string[] = []
  let length = 0
  for (const t of tokenize(text)) {
    if (!t.term || (t.compound && !wholes)) continue
    terms.push(t.term)
    if (!t.compound) length++
  }
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
