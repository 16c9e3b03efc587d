/** The article as one string, with where each paragraph sits in it. */
import { createHash } from 'node:crypto'
import type { PassagePosition } from '../../../shared/types'

/** What separates paragraphs in the article text that anchors are taken from. */
export const PARAGRAPH_SEPARATOR = '\n\n'

export function articleText(paragraphs: readonly string[]): string {
  return paragraphs.join(PARAGRAPH_SEPARATOR)
}

/**
 * An article's paragraphs are never changed once it is made, and the library hands out the same
 * array each time: each save of a bookmark need not join and hash a whole book again.
 */
const hashes = new WeakMap<readonly string[], { count: number; hash: string }>()
const layouts = new WeakMap<readonly string[], ArticleLayout>()

export function textHash(paragraphs: readonly string[]): string {
  const known = hashes.get(paragraphs)
  if (known?.count === paragraphs.length) return known.hash
  const hash = createHash('sha256').update(articleText(paragraphs), 'utf8').digest('hex')
  hashes.set(paragraphs, { count: paragraphs.length, hash })
  return hash
}

export interface ArticleLayout {
  paragraphs: readonly string[]
  text: string
  /** Offset in `text` where each paragraph starts. */
  starts: number[]
}

/** A paragraph-local range `[start, end)`. */
export interface ParagraphRange {
  paragraph: number
  start: number
  end: number
}

export function layoutOf(paragraphs: readonly string[]): ArticleLayout {
  const known = layouts.get(paragraphs)
  if (known?.starts.length === paragraphs.length) return known
  const layout = layoutFrom(paragraphs)
  layouts.set(paragraphs, layout)
  return layout
}

function layoutFrom(paragraphs: readonly string[]): ArticleLayout {
  const starts: number[] = []
  let offset = 0
  for (const paragraph of paragraphs) {
    starts.push(offset)
    offset += paragraph.length + PARAGRAPH_SEPARATOR.length
  }
  return { paragraphs, text: articleText(paragraphs), starts }
}

/** The last paragraph starting at or before `offset`; a separator belongs to the one before it. */
export function paragraphAt(layout: ArticleLayout, offset: number): number {
  const { starts } = layout
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if ((starts[mid] as number) <= offset) low = mid
    else high = mid - 1
  }
  return low
}

/** Where paragraph `paragraph` ends in the text (exclusive). */
export function paragraphEnd(layout: ArticleLayout, paragraph: number): number {
  return (layout.starts[paragraph] as number) + (layout.paragraphs[paragraph] as string).length
}

/**
 * Turns an article-text range into a paragraph-local one. A range that spills over a paragraph
 * break is cut down to the paragraph holding most of it (the earliest on a tie); null when it
 * holds no paragraph text at all.
 */
export function clipToParagraph(
  layout: ArticleLayout,
  start: number,
  end: number,
): ParagraphRange | null {
  let best: ParagraphRange | null = null
  let bestLength = 0
  for (let p = paragraphAt(layout, start); p < layout.starts.length; p++) {
    const from = layout.starts[p] as number
    if (from >= end) break
    const clippedStart = Math.max(start, from)
    const clippedEnd = Math.min(end, paragraphEnd(layout, p))
    if (clippedEnd - clippedStart > bestLength) {
      bestLength = clippedEnd - clippedStart
      best = { paragraph: p, start: clippedStart - from, end: clippedEnd - from }
    }
  }
  return best
}

/**
 * Turns an article-text range into a passage position that may run over several paragraphs;
 * an end that falls in a paragraph break is moved onto the paragraph text beside it.
 */
export function spanOf(layout: ArticleLayout, start: number, end: number): PassagePosition | null {
  const length = (p: number): number => (layout.paragraphs[p] as string).length
  let first = paragraphAt(layout, start)
  let from = start - (layout.starts[first] as number)
  if (from >= length(first)) {
    // It starts in the break after a paragraph: it starts with the next one.
    if (first + 1 >= layout.starts.length) return null
    first += 1
    from = 0
  }
  let last = paragraphAt(layout, end)
  let to = end - (layout.starts[last] as number)
  if (to <= 0 && last > first) {
    // It ends in the break before a paragraph: it ends with the one before.
    last -= 1
    to = length(last)
  }
  to = Math.min(to, length(last))
  if (last < first || (last === first && to <= from)) return null
  return { paragraph: first, start: from, end: to, ...(last > first ? { endParagraph: last } : {}) }
}
