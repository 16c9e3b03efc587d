/**
 * Files that hold many articles: a read-it-later service's export. Each is read into items,
 * one per article, which the library import adds one by one (see libraryImport.ts), with the
 * reading state and highlights the service kept.
 */
import type { ExtractedArticle } from '../types'

export interface ImportedHighlight {
  /** The highlighted words, as the service kept them. */
  quote: string
  /** The reader's note on it (Markdown), possibly empty. */
  note: string
  labels: string[]
}

export interface ArchiveItem {
  /** Names the item in messages: its slug, or its row. */
  key: string
  extracted: ExtractedArticle
  /** Kept in the article's folder as `original.<ext>`; its hash is the article's id. */
  original: { ext: string; bytes: Uint8Array }
  /** When the reader saved it (ISO timestamp). */
  added?: string
  archived?: boolean
  /** How far the reader had read, 0 to 1. */
  progress?: number
  highlights: ImportedHighlight[]
}

export interface Archive {
  /** What the export came from, for messages: "Omnivore", "Pocket"… */
  service: string
  items: ArchiveItem[]
  /** Items left out, and why. */
  skipped: { key: string; reason: string }[]
}

/**
 * An article whose text the export does not carry: a "to read" entry that says so plainly.
 * Nothing is fetched; the address is there for the reader to open.
 */
export function linkOnly(
  service: string,
  entry: { title?: string; url: string; tags?: string[]; published?: string },
): ExtractedArticle {
  return {
    format: 'link',
    title: entry.title?.trim() || entry.url,
    url: entry.url,
    direction: 'ltr',
    ...(entry.tags?.length ? { tags: entry.tags } : {}),
    ...(entry.published ? { published: entry.published } : {}),
    blocks: [
      {
        type: 'paragraph',
        text: `To read: the text of this article is not available offline. ${service} kept only its address, and Lectern fetches nothing from the web.`,
      },
      { type: 'paragraph', text: `Its address: ${entry.url}` },
    ],
  }
}
