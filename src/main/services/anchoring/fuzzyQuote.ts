/**
 * Finding a quote whose words were edited: approximate matches ranked as in Hypothesis's
 * matchQuote (client src/annotator/anchoring/match-quote.ts), by how alike the quote, the text
 * before and the text after are to the saved ones, and by nearness to the old position.
 */
import search from 'approx-string-match'
import type { Anchor } from '../../../shared/types'
import { paragraphEnd, type ArticleLayout } from './articleLayout'
import { alignedErrors, textMatchScore } from './similarity'

/** Shorter quotes are too likely to match by chance once edits are allowed. */
export const MIN_FUZZY_LENGTH = 8
/** approx-string-match slows with the number of errors allowed; Hypothesis caps it here too. */
const MAX_ERRORS = 256
/** Quotes longer than this are found by their two ends (see findLongQuote). */
const LONG_QUOTE = 256
/** How much of each end of a long quote is searched for. */
const END_LENGTH = 64
const WEIGHT = { quote: 50, prefix: 20, suffix: 20, position: 2 }
const MIN_QUOTE_SIMILARITY = 0.75

interface Match {
  start: number
  end: number
  errors: number
}

interface Context {
  layout: ArticleLayout
  quote: Anchor['quote']
  /** Where the passage used to start in the article text, when known. */
  hint: number | undefined
  /** The paragraph it used to be in, when it still exists. */
  home: number | undefined
}

export function findFuzzyQuote(context: Context): { start: number; end: number } | null {
  const { exact } = context.quote
  if (exact.length < MIN_FUZZY_LENGTH) return null
  const candidates =
    exact.length > LONG_QUOTE
      ? findLongQuote(context)
      : approximateMatches(context, exact, Math.min(MAX_ERRORS, Math.floor(exact.length / 4)))
  let best: { match: Match; score: number } | null = null
  // Candidates come in text order, so a strict comparison keeps the earliest on a tie.
  for (const match of candidates.sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (1 - match.errors / exact.length < MIN_QUOTE_SIMILARITY) continue
    const score = scoreMatch(context, match)
    if (!best || score > best.score) best = { match, score }
  }
  return best && { start: best.match.start, end: best.match.end }
}

function scoreMatch({ layout, quote, hint }: Context, match: Match): number {
  const { text } = layout
  const quoteScore = 1 - match.errors / quote.exact.length
  const before = text.slice(Math.max(0, match.start - quote.prefix.length), match.start)
  const after = text.slice(match.end, match.end + quote.suffix.length)
  // No saved context (the passage began or ended the article) counts as agreement.
  const prefixScore = quote.prefix ? textMatchScore(before, quote.prefix) : 1
  const suffixScore = quote.suffix ? textMatchScore(after, quote.suffix) : 1
  const positionScore =
    hint === undefined ? 1 : 1 - Math.abs(match.start - hint) / Math.max(1, text.length)
  return (
    WEIGHT.quote * quoteScore +
    WEIGHT.prefix * prefixScore +
    WEIGHT.suffix * suffixScore +
    WEIGHT.position * positionScore
  )
}

/**
 * approx-string-match reports only the matches with the fewest errors in the whole text, so a
 * look-alike elsewhere could hide the edited passage itself; searching its old paragraph (and
 * the ones either side) as well puts that candidate in the ranking.
 */
function approximateMatches(context: Context, pattern: string, maxErrors: number): Match[] {
  const { layout, home } = context
  const matches = search(layout.text, pattern, maxErrors)
  if (home !== undefined) {
    const first = Math.max(0, home - 1)
    const last = Math.min(layout.starts.length - 1, home + 1)
    const from = layout.starts[first] as number
    const nearby = layout.text.slice(from, paragraphEnd(layout, last))
    for (const m of search(nearby, pattern, maxErrors)) {
      matches.push({ start: m.start + from, end: m.end + from, errors: m.errors })
    }
  }
  const unique = new Map(matches.map((m) => [`${m.start}:${m.end}`, m]))
  return [...unique.values()]
}

/**
 * Quotes longer than LONG_QUOTE would need more errors than approx-string-match allows (and get
 * slow), so their first and last END_LENGTH characters are found separately and the text
 * between a first-part match and a later last-part match is the candidate, provided its length
 * is within a quarter of the quote's. Its edits are then counted piece by piece (alignedErrors).
 */
function findLongQuote(context: Context): Match[] {
  const { exact } = context.quote
  const endErrors = Math.floor(END_LENGTH / 4)
  const hint = context.hint ?? 0
  const heads = nearest(approximateMatches(context, exact.slice(0, END_LENGTH), endErrors), hint)
  const tails = nearest(
    approximateMatches(context, exact.slice(-END_LENGTH), endErrors),
    hint + exact.length - END_LENGTH,
  )
  const slack = Math.floor(exact.length / 4)
  const spans: Match[] = []
  for (const head of heads) {
    for (const tail of tails) {
      const length = tail.end - head.start
      if (tail.start < head.end || Math.abs(length - exact.length) > slack) continue
      const span = context.layout.text.slice(head.start, tail.end)
      spans.push({ start: head.start, end: tail.end, errors: alignedErrors(span, exact) })
    }
  }
  return spans
}

/** The few matches starting nearest `offset`: enough to pair up, few enough to stay quick. */
function nearest(matches: Match[], offset: number): Match[] {
  return matches
    .sort((a, b) => Math.abs(a.start - offset) - Math.abs(b.start - offset))
    .slice(0, 16)
}
