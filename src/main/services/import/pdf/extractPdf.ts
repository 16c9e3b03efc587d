/**
 * A PDF's text layer as an article: blocks rebuilt by layout.ts, metadata from the document
 * information dictionary and XMP. A PDF with no text at all (a scan) becomes an article that
 * says it needs text recognition, tagged so, rather than an empty one.
 */
import { basename, extname } from 'node:path'
import { isoDate } from '../dates'
import { directionOf } from '../direction'
import { blocksToText, ImportError, type Block, type ExtractedArticle } from '../types'
import { DEFAULT_RULES, layoutPages, type LayoutRules } from './layout'
import type { PdfContent, PdfMetadata } from './readPdf'

/** The tag a PDF without a text layer is imported with, so such PDFs can be found later. */
export const NEEDS_TEXT_RECOGNITION = 'needs text recognition'

export function extractPdf(
  content: PdfContent,
  options: { path?: string; url?: string; rules?: LayoutRules } = {},
): ExtractedArticle {
  const { metadata } = content
  const language = metadata.xmp['dc:language'] ?? metadata.info.Language
  const author = authorOf(metadata)
  const published = isoDate(metadata.xmp['dc:date']) ?? pdfDate(metadata.info.CreationDate)
  const common = {
    format: 'pdf',
    ...(author ? { author } : {}),
    ...(published ? { published } : {}),
    ...(options.url ? { url: options.url } : {}),
    ...(language ? { language } : {}),
  }
  const fileTitle = options.path ? basename(options.path, extname(options.path)) : undefined
  const hasText = content.pages.some((p) => p.runs.some((r) => r.text.trim()))
  if (!hasText) {
    const pages =
      content.pageCount === 1
        ? 'its page is a picture'
        : `its ${content.pageCount} pages are pictures`
    return {
      ...common,
      title: titleOf(metadata) ?? fileTitle ?? 'Scanned PDF',
      direction: 'ltr',
      tags: [NEEDS_TEXT_RECOGNITION],
      blocks: [
        {
          type: 'paragraph',
          text: `This PDF has no text layer: ${pages} of text, not text Lectern can read. It needs text recognition (OCR) first, for example with OCRmyPDF; import the recognised PDF again to read it here.`,
        },
      ],
    }
  }
  let { blocks } = layoutPages(content.pages, options.rules ?? DEFAULT_RULES)
  const title = titleOf(metadata) ?? firstHeading(blocks) ?? fileTitle ?? 'Untitled PDF'
  // The title printed at the top is shown as the title; it is not repeated as a heading.
  const top = blocks.findIndex((b) => b.type === 'heading')
  if (top >= 0 && top < 3 && sameWords((blocks[top] as { text: string }).text, title))
    blocks = blocks.filter((_, i) => i !== top)
  const text = blocksToText(blocks)
  if (!text.trim()) throw new ImportError('empty: the PDF has no text besides a title', 'empty')
  // Mostly scanned, with a few pages of text (a typed cover, say): the text, and a note first.
  const blank = content.pages.filter((p) => !p.runs.some((r) => r.text.trim())).length
  const partly = blank * 2 > content.pageCount
  if (partly)
    blocks = [
      {
        type: 'paragraph',
        text: `${blank} of this PDF's ${content.pageCount} pages have no text layer, so only the others are here. The PDF needs text recognition (OCR) first, for example with OCRmyPDF; import the recognised PDF again to read all of it.`,
      },
      ...blocks,
    ]
  return {
    ...common,
    title,
    direction: directionOf(undefined, language, text),
    ...(partly ? { tags: [NEEDS_TEXT_RECOGNITION] } : {}),
    blocks,
  }
}

const words = (s: string): string => (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')
const sameWords = (a: string, b: string): boolean => words(a) === words(b)

function firstHeading(blocks: Block[]): string | undefined {
  const top = blocks.slice(0, 5).find((b) => b.type === 'heading')
  return top?.type === 'heading' ? top.text : undefined
}

/**
 * A title worth showing: not a file name, a web address or a word processor's placeholder
 * (many tools write "Microsoft Word - report.docx" or "untitled").
 */
function titleOf(meta: PdfMetadata): string | undefined {
  for (const value of [meta.xmp['dc:title'], meta.info.Title]) {
    const t = value?.replace(/^Microsoft (Word|PowerPoint) - /, '').trim()
    if (!t || t.length > 300) continue
    if (/^(untitled|document\d*|about:blank)$/i.test(t)) continue
    if (/^[a-z]+:\/\//i.test(t) || /\.(docx?|odt|pdf|tex|dvi|indd|pages|rtf|html?)$/i.test(t))
      continue
    return t
  }
  return undefined
}

function authorOf(meta: PdfMetadata): string | undefined {
  const value = meta.xmp['dc:creator'] ?? meta.info.Author
  const a = value?.trim()
  return a && a.length <= 200 && /\p{L}/u.test(a) ? a : undefined
}

/** `D:20240315120000+01'00'` (the PDF date format) to `2024-03-15`. */
export function pdfDate(value: string | undefined): string | undefined {
  const m = value && /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value.trim())
  if (!m) return isoDate(value)
  const [, y, mo = '01', d = '01'] = m
  return isoDate(`${y}-${mo}-${d}`)
}
