/** Finding a quote word for word somewhere else in the article. */
import type { Anchor } from '../../../shared/types'
import { CONTEXT_LENGTH } from './describePassage'
import { PARAGRAPH_SEPARATOR, paragraphAt, paragraphEnd, type ArticleLayout } from './articleLayout'

/**
 * The occurrence of the exact quote (within one paragraph unless it spans several), whose surroundings agree most with
 * the saved prefix and suffix (counted in characters outward from the quote), then the one
 * nearest `hint` (where the passage used to start), then the earliest.
 *
 * Context cut short by the start or end of the article says the passage was that close to it,
 * so an occurrence the same distance from that end scores one more.
 */
export function findExactQuote(
  layout: ArticleLayout,
  quote: Anchor['quote'],
  hint: number | undefined,
): { start: number; end: number } | null {
  const { text } = layout
  const { exact, prefix, suffix } = quote
  let best: { start: number; end: number } | null = null
  let bestContext = -1
  let bestDistance = Infinity
  // A passage saved across paragraphs holds their breaks; one saved within a paragraph must
  // be found within one.
  const spans = exact.includes(PARAGRAPH_SEPARATOR)
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    const end = at + exact.length
    if (!spans && end > paragraphEnd(layout, paragraphAt(layout, at))) continue
    const context = sharedBefore(text, at, prefix) + sharedAfter(text, end, suffix)
    const distance = hint === undefined ? 0 : Math.abs(at - hint)
    if (context > bestContext || (context === bestContext && distance < bestDistance)) {
      best = { start: at, end }
      bestContext = context
      bestDistance = distance
    }
  }
  return best
}

/** How many characters of `prefix`, read backwards from its end, precede `offset` in `text`. */
function sharedBefore(text: string, offset: number, prefix: string): number {
  let n = 0
  while (
    n < prefix.length &&
    n < offset &&
    text[offset - 1 - n] === prefix[prefix.length - 1 - n]
  ) {
    n++
  }
  return n === prefix.length && n < CONTEXT_LENGTH && n === offset ? n + 1 : n
}

/** How many characters of `suffix`, from its start, follow `offset` in `text`. */
function sharedAfter(text: string, offset: number, suffix: string): number {
  let n = 0
  while (n < suffix.length && text[offset + n] === suffix[n]) n++
  return n === suffix.length && n < CONTEXT_LENGTH && offset + n === text.length ? n + 1 : n
}
