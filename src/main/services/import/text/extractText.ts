/**
 * Plain text, read with the rules the bundled articles use (parseArticle): a title line,
 * a header of dates, senders and bylines, then paragraphs between blank lines.
 */
import { parseArticle } from '../../library/parseArticle'
import { assertText, decodeText } from '../decode'
import { directionOf } from '../direction'
import {
  blocksToText,
  ImportError,
  type Block,
  type ExtractedArticle,
  type ExtractInput,
  type Extractor,
} from '../types'

export function extractText({ bytes, url }: ExtractInput): ExtractedArticle {
  assertText(bytes, 'text')
  const raw = decodeText(bytes)
  if (!raw.trim()) throw new ImportError('empty: the file has no text', 'empty')
  const article = parseArticle('text', raw)
  const headings = new Set(article.headings)
  const blocks: Block[] = article.paragraphs.map((text, i) =>
    headings.has(i) ? { type: 'heading', level: 2, text } : { type: 'paragraph', text },
  )
  const text = blocksToText(blocks)
  if (!text.trim()) throw new ImportError('empty: the file has no text besides a title', 'empty')
  return {
    format: 'text',
    title: article.title,
    ...(article.author ? { author: article.author } : {}),
    ...(article.source ? { siteName: article.source } : {}),
    ...(article.date ? { published: article.date } : {}),
    ...(url ? { url } : {}),
    direction: directionOf(undefined, undefined, text),
    blocks,
  }
}

export const textExtractor: Extractor = {
  format: 'text',
  extensions: ['txt', 'text'],
  extract: async (input) => extractText(input),
}
