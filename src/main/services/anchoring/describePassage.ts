/** Builds the anchor a bookmark saves: the passage's words, their context and their position. */
import { LecternError } from '../../../shared/reply'
import { lastParagraphOf, type Anchor, type PassagePosition } from '../../../shared/types'
import { PARAGRAPH_SEPARATOR, layoutOf, textHash } from './articleLayout'

/**
 * A copy holding only its own characters. A slice of the article's text would keep the whole
 * text alive for as long as the bookmark is in memory: one copy of the article per bookmark.
 */
const ownCopy = (s: string): string => Buffer.from(s, 'utf16le').toString('utf16le')

/** How much context is kept either side of the quote; enough to tell repeated phrases apart. */
export const CONTEXT_LENGTH = 32

export function describePassage(paragraphs: readonly string[], position: PassagePosition): Anchor {
  const { paragraph, start, end } = position
  const last = lastParagraphOf(position)
  const count = paragraphs.length
  for (const p of [paragraph, last]) {
    if (!Number.isInteger(p) || paragraphs[p] === undefined) {
      throw invalid(`There is no paragraph ${String(p)}: the article has ${count}.`)
    }
  }
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw invalid(
      `A passage's start and end must be whole numbers, not ${String(start)} and ${String(end)}.`,
    )
  }
  const first = paragraphs[paragraph] as string
  const lastText = paragraphs[last] as string
  const where =
    last === paragraph
      ? `paragraph ${paragraph} (${first.length} characters)`
      : `paragraphs ${paragraph} (${first.length} characters) to ${last} (${lastText.length})`
  const ordered = last > paragraph || (last === paragraph && start < end)
  if (start < 0 || end < 0 || start > first.length || end > lastText.length || !ordered) {
    throw invalid(`The passage [${start}, ${end}) is not a non-empty range within ${where}.`)
  }
  const layout = layoutOf(paragraphs)
  const exact = layout.text.slice(
    (layout.starts[paragraph] as number) + start,
    (layout.starts[last] as number) + end,
  )
  if (exact.trim() === '') throw invalid('The passage is only whitespace; choose some words.')
  return {
    quote: {
      exact: ownCopy(exact),
      prefix: ownCopy(textBefore(paragraphs, paragraph, start)),
      suffix: ownCopy(textAfter(paragraphs, last, end)),
    },
    position: { paragraph, start, end, ...(last > paragraph ? { endParagraph: last } : {}) },
    textHash: textHash(paragraphs),
  }
}

function invalid(message: string): LecternError {
  return new LecternError('invalid-argument', message)
}

/** Up to CONTEXT_LENGTH characters of article text before the passage, across paragraph breaks. */
function textBefore(paragraphs: readonly string[], paragraph: number, offset: number): string {
  let before = (paragraphs[paragraph] as string).slice(Math.max(0, offset - CONTEXT_LENGTH), offset)
  for (let p = paragraph - 1; p >= 0 && before.length < CONTEXT_LENGTH; p--) {
    before = (paragraphs[p] as string).slice(-CONTEXT_LENGTH) + PARAGRAPH_SEPARATOR + before
  }
  before = before.slice(-CONTEXT_LENGTH)
  // Never keep half of a surrogate pair (an emoji cut in two).
  return isLowSurrogate(before.charCodeAt(0)) ? before.slice(1) : before
}

/** Up to CONTEXT_LENGTH characters of article text after the passage, across paragraph breaks. */
function textAfter(paragraphs: readonly string[], paragraph: number, offset: number): string {
  let after = (paragraphs[paragraph] as string).slice(offset, offset + CONTEXT_LENGTH)
  for (let p = paragraph + 1; p < paragraphs.length && after.length < CONTEXT_LENGTH; p++) {
    after += PARAGRAPH_SEPARATOR + (paragraphs[p] as string).slice(0, CONTEXT_LENGTH)
  }
  after = after.slice(0, CONTEXT_LENGTH)
  return isHighSurrogate(after.charCodeAt(after.length - 1)) ? after.slice(0, -1) : after
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff
