/**
 * Re-finding a bookmarked passage in the current text of its article, in the manner of
 * Hypothesis's anchoring: at its saved position if the words there are unchanged, else by its
 * exact quote (picked out by context), else by a fuzzy match; otherwise it is orphaned.
 */
import type { Anchor, ResolvedAnchor } from '../../../shared/types'
import { clipToParagraph, layoutOf, type ArticleLayout } from './articleLayout'
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
  if (position && paragraphs[position.paragraph]?.slice(position.start, position.end) === exact) {
    return { ...position, method: 'position' }
  }

  const layout = getLayout()
  const hint = position ? oldOffset(layout, position) : undefined
  const exactMatch = findExactQuote(layout, quote, hint)
  if (exactMatch) return placed(layout, exactMatch, 'quote')

  const home = position && position.paragraph < paragraphs.length ? position.paragraph : undefined
  const fuzzyMatch = findFuzzyQuote({ layout, quote, hint, home })
  return fuzzyMatch && placed(layout, fuzzyMatch, 'fuzzy')
}

function validPosition(position: Anchor['position'] | undefined): Anchor['position'] | null {
  if (!position) return null
  const { paragraph, start, end } = position
  const whole = [paragraph, start, end].every((n) => Number.isInteger(n))
  return whole && paragraph >= 0 && start >= 0 && start < end ? { paragraph, start, end } : null
}

/** Where the passage would start in the current text had nothing before it changed. */
function oldOffset(layout: ArticleLayout, position: Anchor['position']): number {
  const paragraphStart = layout.starts[position.paragraph]
  if (paragraphStart === undefined) return layout.text.length
  return Math.min(paragraphStart + position.start, layout.text.length)
}

function placed(
  layout: ArticleLayout,
  match: { start: number; end: number },
  method: ResolvedAnchor['method'],
): ResolvedAnchor | null {
  const range = clipToParagraph(layout, match.start, match.end)
  return range && { ...range, method }
}
