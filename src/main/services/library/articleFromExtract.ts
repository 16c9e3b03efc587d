/**
 * An extracted article (typed blocks and metadata) as the library keeps it: paragraphs the
 * reader, anchoring and search already understand, each with its kind, and the pictures
 * between them. Images are only named here; their bytes are copied by the library.
 */
import type { Article, ArticleImage, BlockKind } from '../../../shared/types'
import type { ExtractedArticle } from '../import/types'
import { countWords, readingMinutes } from './wordCount'

/** A picture still to be copied in: where its bytes are, and the name it will have. */
export interface PendingImage {
  /** An absolute path (on disk or among a drop's files) or a `data:` URI. */
  src: string
  file: string
}

export function articleFromExtract(
  id: string,
  extracted: ExtractedArticle,
  added: string,
): { article: Article; images: PendingImage[] } {
  const paragraphs: string[] = []
  const blocks: BlockKind[] = []
  const headings: number[] = []
  const images: ArticleImage[] = []
  const pending: PendingImage[] = []
  /** The paragraph each block is at (or, for a picture or an empty block, the next one). */
  const paragraphAt: number[] = []
  for (const block of extracted.blocks) {
    paragraphAt.push(paragraphs.length)
    if (block.type === 'image') {
      const image: ArticleImage = { before: paragraphs.length, alt: block.alt.trim() }
      const copied = block.src && block.origin !== 'web'
      // A picture only on the web, with no words for it, would show nothing at all.
      if (!copied && !image.alt) continue
      if (copied) {
        const file = `images/${pending.length + 1}`
        pending.push({ src: block.src as string, file })
        image.file = file
      }
      images.push(image)
      continue
    }
    // A row's text is exactly its cells joined, as the reader draws them.
    const text = block.type === 'tableRow' ? block.cells.join(' | ') : block.text.trim()
    if (!text.trim()) continue
    if (block.type === 'heading') headings.push(paragraphs.length)
    paragraphs.push(block.type === 'code' ? block.text.replace(/^\n+|\s+$/g, '') : text)
    blocks.push(kindOf(block))
  }
  const last = Math.max(0, paragraphs.length - 1)
  const at = (block: number): number => Math.min(last, paragraphAt[block] ?? last)
  const outline = extracted.outline?.map((o) => ({
    title: o.title,
    paragraph: at(o.block),
    depth: o.depth,
  }))
  const sections = extracted.sections?.map((s) => ({ title: s.title, paragraph: at(s.block) }))
  const words = countWords(paragraphs)
  const article: Article = {
    id,
    title: extracted.title.trim() || 'Untitled',
    ...(extracted.author ? { author: extracted.author } : {}),
    ...(extracted.siteName ? { source: extracted.siteName } : {}),
    ...(extracted.published ? { date: extracted.published } : {}),
    ...(extracted.url ? { url: extracted.url } : {}),
    words,
    readingMinutes: readingMinutes(words),
    origin: 'imported',
    added,
    ...(extracted.language ? { language: extracted.language } : {}),
    direction: extracted.direction,
    format: extracted.format,
    ...(extracted.tags?.length ? { tags: extracted.tags } : {}),
    paragraphs,
    headings,
    blocks,
    images,
    ...(outline?.length ? { outline } : {}),
    ...(sections?.length ? { sections } : {}),
    ...(extracted.identifier ? { identifier: extracted.identifier } : {}),
  }
  return { article, images: pending }
}

function kindOf(block: Exclude<ExtractedArticle['blocks'][number], { type: 'image' }>): BlockKind {
  switch (block.type) {
    case 'heading':
      return { type: 'heading', level: block.level }
    case 'listItem':
      return { type: 'listItem', ordered: block.ordered, depth: block.depth }
    case 'code':
      return block.language ? { type: 'code', language: block.language } : { type: 'code' }
    case 'tableRow':
      return { type: 'tableRow', cells: block.cells, header: block.header }
    default:
      return { type: block.type }
  }
}
