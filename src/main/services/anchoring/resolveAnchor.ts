/**
 * Re-finding a bookmarked passage in the current text of its article, in the manner of
 * Hypothesis's anchoring: at its saved position if the words there are unchanged, else by its
 * exact quote (picked out by context), else by a fuzzy match; otherwise it is orphaned.
 */
import {
  lastParagraphOf,
  type Anchor,
  type PassagePosition,
  type ResolvedAnchor,
} from '../../../shared/types'
import {
  PARAGRAPH_SEPARATOR,
  clipToParagraph,
  layoutOf,
  spanOf,
  type ArticleLayout,
} from './articleLayout'
import { findExactQuote } from './exactQuote'
import { findFuzzyQuote } from './fuzzyQuote'

export function resolveAnchor(
  paragraphs: readonly string[],
  anchor: Anchor,
): ResolvedAnchor | null {
  return resolveAnchors(paragraphs, [anchor])[0] ?? null
}

export function resolveAnchors(
  paragraphs: readonly string[],
  anchors: readonly Anchor[],
): (ResolvedAnchor | null)[] {
  // Most passages are still where they were, so the joined text is only built when one is not.
  let layout: ArticleLayout | undefined
  const getLayout = (): ArticleLayout => (layout ??= layoutOf(paragraphs))
  return anchors.map((anchor) => resolveOne(paragraphs, getLayout, anchor))
}

function resolveOne(
  paragraphs: readonly string[],
  getLayout: () => ArticleLayout,
  anchor: Anchor,
): ResolvedAnchor | null {
  // Saved data may predate a schema change or be damaged: such an anchor is orphaned, not fatal.
  const exact = anchor?.quote?.exact
  if (typeof exact !== 'string' || exact.length === 0) return null
  const quote = {
    exact,
    prefix: typeof anchor.quote.prefix === 'string' ? anchor.quote.prefix : '',
    suffix: typeof anchor.quote.suffix === 'string' ? anchor.quote.suffix : '',
  }
  const position = validPosition(anchor.position)
  if (position && textAt(paragraphs, getLayout, position) === exact) {
    return { ...position, method: 'position' }
  }

  const layout = getLayout()
  const hint = position ? oldOffset(layout, position) : undefined
  const exactMatch = findExactQuote(layout, quote, hint)
  if (exactMatch) return placed(layout, exactMatch, exact, 'quote')

  const home = position && position.paragraph < paragraphs.length ? position.paragraph : undefined
  const fuzzyMatch = findFuzzyQuote({ layout, quote, hint, home })
  return fuzzyMatch && placed(layout, fuzzyMatch, exact, 'fuzzy')
}

/** The words at a saved position in the current text (joined by breaks across paragraphs). */
function textAt(
  paragraphs: readonly string[],
  getLayout: () => ArticleLayout,
  position: PassagePosition,
): string | undefined {
  const { paragraph, start, end } = position
  const last = lastParagraphOf(position)
  if (last === paragraph) return paragraphs[paragraph]?.slice(start, end)
  if (last >= paragraphs.length) return undefined
  const layout = getLayout()
  return layout.text.slice(
    (layout.starts[paragraph] as number) + start,
    (layout.starts[last] as number) + end,
  )
}

function validPosition(position: Anchor['position'] | undefined): PassagePosition | null {
  if (!position) return null
  const { paragraph, start, end, endParagraph } = position
  const last = endParagraph ?? paragraph
  const whole = [paragraph, start, end, last].every((n) => Number.isInteger(n))
  if (!whole || paragraph < 0 || start < 0 || end < 0) return null
  if (last > paragraph) return { paragraph, start, end, endParagraph: last }
  return last === paragraph && start < end ? { paragraph, start, end } : null
}

/** Where the passage would start in the current text had nothing before it changed. */
function oldOffset(layout: ArticleLayout, position: Anchor['position']): number {
  const paragraphStart = layout.starts[position.paragraph]
  if (paragraphStart === undefined) return layout.text.length
  return Math.min(paragraphStart + position.start, layout.text.length)
}

/**
 * Where a match is as paragraph offsets. A passage saved within one paragraph stays within one
 * (a fuzzy match spilling over a break is cut to the paragraph holding most of it); one saved
 * across paragraphs is placed across them.
 */
function placed(
  layout: ArticleLayout,
  match: { start: number; end: number },
  exact: string,
  method: ResolvedAnchor['method'],
): ResolvedAnchor | null {
  const range = exact.includes(PARAGRAPH_SEPARATOR)
    ? spanOf(layout, match.start, match.end)
    : clipToParagraph(layout, match.start, match.end)
  return range && { ...range, method }
}
