/**
 * Omnivore's export (the zip it gave every reader before it shut down):
 *
 *   metadata_<from>_to_<to>.json  [{ id, slug, title, description, author, url, state,
 *                                    readingProgress (0–100), labels, savedAt, publishedAt, … }]
 *   content/<slug>.html           the article as Omnivore showed it
 *   highlights/<slug>.md          its highlights, each `> quote`, then `#label`s, then the note
 *
 * Each article is read as a saved page is; its labels become tags, its state and progress
 * the reader's, its highlights Lectern bookmarks (placed by the library import).
 */
import { isoDate } from '../dates'
import { ImportError, type ExtractedArticle } from '../types'
import { readZip } from '../zip/safeZip'
import { linkOnly, type Archive, type ArchiveItem, type ImportedHighlight } from './archive'

const METADATA = /^(?:[^/]*\/)?metadata_\d+_to_\d+\.json$/
const SLUG = /^[^/\\]{1,300}$/

interface OmnivoreEntry {
  slug?: string
  title?: string
  author?: string
  url?: string
  state?: string
  readingProgress?: number
  labels?: (string | { name?: string })[]
  savedAt?: string
  publishedAt?: string
}

/** Whether a zip's names are an Omnivore export's. */
export function isOmnivoreExport(names: Iterable<string>): boolean {
  for (const name of names) if (METADATA.test(name)) return true
  return false
}

/**
 * The highlights file: entries separated by blank lines; a highlight starts with `> `, its
 * quote runs on over `> ` lines, then come its `#labels` and its note.
 */
export function parseHighlights(markdown: string): ImportedHighlight[] {
  const out: ImportedHighlight[] = []
  let current: ImportedHighlight | undefined
  for (const block of markdown.replace(/\r\n/g, '\n').split(/\n{2,}/)) {
    const text = block.trim()
    if (!text) continue
    if (text.startsWith('>')) {
      const quote = text
        .split('\n')
        .map((line) => line.replace(/^>\s?/, '').trim())
        .filter(Boolean)
        .join('\n\n')
      current = { quote, note: '', labels: [] }
      out.push(current)
    } else if (current && !current.note && /^(#[^\s#]+\s*)+$/.test(text)) {
      current.labels.push(...text.split(/\s+/).map((l) => l.slice(1)))
    } else if (current) {
      current.note = current.note ? `${current.note}\n\n${text}` : text
    }
  }
  return out.filter((h) => h.quote)
}

const labelName = (l: string | { name?: string }): string =>
  (typeof l === 'string' ? l : (l?.name ?? '')).trim()

export async function readOmnivore(
  bytes: Uint8Array,
  readPage: (name: string, bytes: Uint8Array, url?: string) => Promise<ExtractedArticle>,
): Promise<Archive> {
  const files = readZip(bytes, 'zip file', (name) => /\.(json|html|md)$/i.test(name))
  const metadata = [...files.keys()].find((n) => METADATA.test(n))
  if (!metadata)
    throw new ImportError(
      'unsupported: a zip file, but not an Omnivore export (it has no metadata_*.json)',
      'unsupported',
    )
  const root = metadata.replace(/metadata_[^/]*$/, '')
  const entries: OmnivoreEntry[] = []
  for (const [name, data] of [...files].filter(([n]) => METADATA.test(n)).sort()) {
    let list: unknown
    try {
      list = JSON.parse(new TextDecoder().decode(data))
    } catch (error) {
      throw new ImportError(
        `unreadable: ${name} in the Omnivore export is not JSON (${(error as Error).message})`,
        'unreadable',
      )
    }
    if (!Array.isArray(list))
      throw new ImportError(
        `unreadable: ${name} in the Omnivore export is not a list`,
        'unreadable',
      )
    entries.push(...(list as OmnivoreEntry[]))
  }
  const text = (name: string): string | undefined => {
    const data = files.get(`${root}${name}`)
    return data && new TextDecoder().decode(data)
  }
  const items: ArchiveItem[] = []
  const skipped: Archive['skipped'] = []
  for (const entry of entries) {
    const slug = typeof entry.slug === 'string' && SLUG.test(entry.slug) ? entry.slug : undefined
    const key = slug ?? entry.title ?? entry.url ?? '(untitled)'
    if (/^deleted$/i.test(entry.state ?? '')) {
      skipped.push({ key, reason: 'deleted in Omnivore' })
      continue
    }
    const url =
      typeof entry.url === 'string' && /^https?:\/\//i.test(entry.url) ? entry.url : undefined
    const labels = [...new Set((entry.labels ?? []).map(labelName).filter(Boolean))]
    const published = isoDate(entry.publishedAt)
    const content = slug ? files.get(`${root}content/${slug}.html`) : undefined
    let extracted: ExtractedArticle
    let original: ArchiveItem['original']
    try {
      if (content?.byteLength) {
        extracted = await readPage(`${slug}.html`, content, url)
        original = { ext: 'html', bytes: content }
      } else if (url) {
        extracted = linkOnly('Omnivore', { url })
        original = {
          ext: 'url',
          bytes: new TextEncoder().encode(`[InternetShortcut]\r\nURL=${url}\r\n`),
        }
      } else {
        skipped.push({ key, reason: 'neither text nor address' })
        continue
      }
    } catch (error) {
      skipped.push({ key, reason: error instanceof Error ? error.message : String(error) })
      continue
    }
    // What Omnivore knew of the article is better than what its cleaned page still says.
    const title = entry.title?.trim()
    extracted = {
      ...extracted,
      format: extracted.format === 'link' ? 'link' : 'omnivore',
      ...(title ? { title } : {}),
      ...(entry.author?.trim() ? { author: entry.author.trim() } : {}),
      ...(url ? { url } : {}),
      ...(published ? { published } : {}),
      ...(labels.length ? { tags: labels } : {}),
    }
    const progress = Number(entry.readingProgress)
    const highlights = slug ? text(`highlights/${slug}.md`) : undefined
    items.push({
      key,
      extracted,
      original,
      ...(entry.savedAt && !Number.isNaN(Date.parse(entry.savedAt))
        ? { added: new Date(entry.savedAt).toISOString() }
        : {}),
      archived: /^archived$/i.test(entry.state ?? ''),
      ...(Number.isFinite(progress) && progress > 0
        ? { progress: Math.min(1, progress / 100) }
        : {}),
      highlights: highlights ? parseHighlights(highlights) : [],
    })
  }
  return { service: 'Omnivore', items, skipped }
}
