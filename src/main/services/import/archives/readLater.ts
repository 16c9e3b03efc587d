/**
 * Pocket, Instapaper and Readwise Reader CSV exports: lists of saved links, no text. Each
 * row becomes a "to read" entry (title, address, tags, date saved) that says the text is not
 * available offline. The service is recognised by the columns its export has.
 */
import { parse } from 'csv-parse/sync'
import { decodeText } from '../decode'
import { isoDate } from '../dates'
import { ImportError } from '../types'
import { linkOnly, type Archive, type ArchiveItem } from './archive'

const MAX_ROWS = 100_000

interface Columns {
  service: string
  title: string
  url: string
  tags: string
  saved: string
  /** How tags are separated in the cell. */
  tagSplit: RegExp
}

/** Each service's columns, matched on the header row (in lower case). */
const SERVICES: Columns[] = [
  {
    service: 'Pocket',
    title: 'title',
    url: 'url',
    tags: 'tags',
    saved: 'time_added',
    tagSplit: /[|,]/,
  },
  {
    service: 'Instapaper',
    title: 'title',
    url: 'url',
    tags: 'tags',
    saved: 'timestamp',
    tagSplit: /,/,
  },
  {
    service: 'Readwise Reader',
    title: 'title',
    url: 'url',
    tags: 'document tags',
    saved: 'saved date',
    tagSplit: /,/,
  },
]

/** A saved date: Unix seconds (Pocket, Instapaper) or a date as written (Readwise). */
function savedAt(value: string | undefined): string | undefined {
  const v = value?.trim()
  if (!v) return undefined
  if (/^\d{9,11}$/.test(v)) return new Date(Number(v) * 1000).toISOString()
  const day = isoDate(v)
  return day ? `${day}T00:00:00.000Z` : undefined
}

/** Instapaper writes tags as a JSON list (`["a","b"]`), Readwise as a Python-like one (`['a', 'b']`). */
function tagsOf(cell: string | undefined, split: RegExp): string[] {
  const raw = (cell ?? '').trim()
  if (!raw || raw === '[]') return []
  const listed = /^\[.*\]$/s.test(raw)
    ? raw
        .slice(1, -1)
        .split(',')
        .map((t) => t.trim().replace(/^["']|["']$/g, ''))
    : raw.split(split)
  return [...new Set(listed.map((t) => t.trim()).filter(Boolean))]
}

/** Whether a CSV file's header names a read-it-later export Lectern knows. */
export function readLaterService(bytes: Uint8Array): string | undefined {
  const header = decodeText(bytes.subarray(0, 4096)).split(/\r?\n/)[0]?.toLowerCase() ?? ''
  const cells = header.split(',').map((c) => c.trim().replace(/^"|"$/g, ''))
  return SERVICES.find((s) => [s.title, s.url, s.saved].every((c) => cells.includes(c)))?.service
}

export function readLaterCsv(bytes: Uint8Array): Archive {
  let rows: Record<string, string>[]
  try {
    rows = parse(decodeText(bytes), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      relax_column_count: true,
      to: MAX_ROWS,
    })
  } catch (error) {
    throw new ImportError(
      `unreadable: not a CSV file Lectern can read (${error instanceof Error ? error.message : String(error)})`,
      'unreadable',
    )
  }
  const header = Object.keys(rows[0] ?? {})
  const columns = SERVICES.find((s) => [s.title, s.url, s.saved].every((c) => header.includes(c)))
  if (!columns)
    throw new ImportError(
      'unsupported: a CSV file, but not a Pocket, Instapaper or Readwise Reader export',
      'unsupported',
    )
  const items: ArchiveItem[] = []
  const skipped: Archive['skipped'] = []
  rows.forEach((row, i) => {
    const key = `row ${i + 2}`
    const url = row[columns.url]?.trim() ?? ''
    if (!/^https?:\/\/\S+$/i.test(url)) {
      skipped.push({ key, reason: 'no web address' })
      return
    }
    const added = savedAt(row[columns.saved])
    const extracted = linkOnly(columns.service, {
      url,
      ...(row[columns.title] ? { title: row[columns.title] } : {}),
      tags: tagsOf(row[columns.tags], columns.tagSplit),
    })
    items.push({
      key,
      extracted,
      // The address is what identifies a link: saved twice, it is one article.
      original: {
        ext: 'url',
        bytes: new TextEncoder().encode(`[InternetShortcut]\r\nURL=${url}\r\n`),
      },
      ...(added ? { added } : {}),
      archived: /^archive/i.test(row.status ?? row.folder ?? row.location ?? ''),
      highlights: [],
    })
  })
  return { service: columns.service, items, skipped }
}
