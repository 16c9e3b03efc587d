/** Reads what a person typed into the search box. */
import { tokenize, wordsOf } from './analyzer'

export interface ParsedQuery {
  /** Whole-word index terms (stop words dropped), each once; a compound's parts among them. */
  terms: string[]
  /** The wholes of hyphenated or alphanumeric words (Il-20 → il20), matched beside their parts. */
  wholes: string[]
  /**
   * The folded last word when it may still be being typed; matched as a prefix. For a
   * compound (Il-20), its whole.
   */
  prefix: string | null
  /** The prefix is a compound's whole (the reader typed "il-2"). */
  compoundPrefix: boolean
  /** Quoted phrases, as sequences of folded words, that a passage must contain. */
  phrases: string[][]
}

/** A prefix shorter than this matches too much of the vocabulary to be useful. */
export const MIN_PREFIX = 2

export function parseQuery(input: string): ParsedQuery {
  const phrases: string[][] = []
  // Quoted phrases; an unclosed quote still counts as a phrase.
  const unquoted = input.replace(/["“”„«»]([^"“”„«»]*)(["“”„«»]|$)/g, (_, inner: string) => {
    const words = wordsOf(inner)
    if (words.length > 1) phrases.push(words)
    return ` ${inner} `
  })
  const tokens = tokenize(unquoted)
  const last = tokens.at(-1)
  // The last word is a prefix only while it is being typed (no space or quote after it).
  const typing =
    last !== undefined && last.end === unquoted.trimEnd().length && !/[\s"“”„«»]$/.test(input)
  const prefix = typing && last.surface.length >= MIN_PREFIX ? last.surface : null

  const terms = new Set<string>()
  const wholes = new Set<string>()
  for (const t of tokens) if (t.term) (t.compound ? wholes : terms).add(t.term)
  return {
    terms: [...terms],
    wholes: [...wholes].filter((t) => !terms.has(t)),
    prefix,
    compoundPrefix: prefix !== null && last?.compound === true,
    phrases,
  }
}
