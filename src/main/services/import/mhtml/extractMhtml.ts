/**
 * A single-file web archive (`.mht`, `.mhtml`) to an article: its page is read as any saved
 * page is (Readability, then Lectern's blocks), and the pictures it carries are shown,
 * found by the address each part was saved under. Runs in the import worker.
 */
import { TextDecoder, labelToName } from '@exodus/bytes/encoding.js'
import { decodeHtml } from '../decode'
import { extractHtml } from '../html/extractHtml'
import { ImportError, type ExtractedArticle } from '../types'
import { readMime, type MimePart } from './mime'

const PICTURE = /^image\/(png|jpe?g|gif|webp|avif|svg\+xml|bmp)$/

function partText(part: MimePart): string {
  const label = part.params.get('charset')
  const name = label ? labelToName(label) : null
  // A part that names no charset (or one unknown) is sniffed as a saved page is.
  return name
    ? new TextDecoder(name).decode(part.body).replace(/^\uFEFF/, '')
    : decodeHtml(part.body)
}

/** The part's addresses: where it was saved from, and its `cid:` name. */
function addressesOf(part: MimePart, base: string | undefined): string[] {
  const out: string[] = []
  const location = part.headers.get('content-location')
  if (location) {
    out.push(location)
    try {
      out.push(new URL(location, base).href)
    } catch {
      // a relative location with no base: its text as given is all there is
    }
  }
  const id = part.headers.get('content-id')?.replace(/^<|>$/g, '')
  if (id) out.push(`cid:${id}`)
  return out
}

export function extractMhtml(bytes: Uint8Array, url?: string): ExtractedArticle {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1')
  if (!/^(mime-version|content-type|from|subject|date|snapshot-content-location)\s*:/im.test(head))
    throw new ImportError('not a web archive despite its name: no MIME headers', 'wrong-format')
  const { headers, parts } = readMime(bytes)
  const snapshot = headers.get('snapshot-content-location')
  const page =
    parts.find(
      (p) => p.type === 'text/html' && snapshot && p.headers.get('content-location') === snapshot,
    ) ?? parts.find((p) => p.type === 'text/html' || p.type === 'application/xhtml+xml')
  if (!page) throw new ImportError('empty: the web archive holds no page', 'empty')
  const base = url ?? snapshot ?? page.headers.get('content-location')
  const pictures = new Map<string, Uint8Array>()
  for (const part of parts)
    if (part !== page && PICTURE.test(part.type))
      for (const address of addressesOf(part, base)) pictures.set(address, part.body)
  const article = extractHtml({
    html: partText(page),
    ...(base && /^https?:/i.test(base) ? { url: base } : {}),
    inside: new Set(pictures.keys()),
  })
  // Only the pictures the article shows travel on.
  const files = new Map<string, Uint8Array>()
  for (const block of article.blocks)
    if (
      block.type === 'image' &&
      block.origin === 'embedded' &&
      block.src &&
      pictures.has(block.src)
    )
      files.set(block.src, pictures.get(block.src) as Uint8Array)
  return { ...article, format: 'mhtml', ...(files.size ? { files } : {}) }
}
