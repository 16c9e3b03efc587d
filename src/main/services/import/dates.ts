/** Dates as pages write them, to ISO `YYYY-MM-DD`. */
import { writtenDates } from '../library/parseArticle'

const ISO_DATE = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T\s]|$)/

/**
 * The calendar date a value names. Machine dates (`2025-09-04T10:00:00-04:00`) keep the
 * day as written, not as in UTC: that is the day the page shows its readers.
 */
export function isoDate(value: string | undefined | null): string | undefined {
  if (!value) return undefined
  const text = value.trim()
  const iso = ISO_DATE.exec(text)
  if (iso) {
    const [, y, m, d] = iso
    if (Number(m) >= 1 && Number(m) <= 12 && Number(d) >= 1 && Number(d) <= 31)
      return `${y}-${m}-${d}`
    return undefined
  }
  if (text.length > 200) return undefined
  // Only dates written out: "today" or "3 days ago" meant when the page was saved.
  return writtenDates(text).dates.find((iso) => {
    const y = Number(iso.slice(0, 4))
    return y >= 1900 && y <= 2100
  })
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/**
 * Whether a text shows the ISO day `iso` as people write it: `March 3, 2024`, `Mar. 3rd 2024`,
 * `3 March 2024`, `03/03/2024`, `3.3.2024`, `2024-03-03`.
 */
export function showsDate(text: string, iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return false
  const [, y, mm, dd] = m as unknown as [string, string, string, string]
  const month = MONTH_NAMES[Number(mm) - 1]
  if (!month) return false
  const name = `(?:${month}|${month.slice(0, 3)}\\.?|${month.slice(0, 4)}\\.?)`
  const day = `0?${Number(dd)}`
  const nth = '(?:st|nd|rd|th)?'
  return [
    `\\b${name}\\s+${day}${nth},?\\s+${y}\\b`,
    `\\b${day}${nth}\\.?\\s+${name},?\\s+${y}\\b`,
    `\\b0?${Number(mm)}/${day}/${y}\\b`,
    `\\b${day}[./]0?${Number(mm)}[./]${y}\\b`,
    `\\b${y}-${mm}-${dd}\\b`,
  ].some((p) => new RegExp(p, 'i').test(text))
}

/**
 * The day a page's address names: `/2025/12/18/slug`, `/2025-12-18-slug`, `/2023/october/03/`.
 * Blogs file a post under the day it was published, in the writer's own calendar.
 */
export function urlDate(url: string | undefined): string | undefined {
  if (!url) return undefined
  let path: string
  try {
    // An address escaped whole (`https://example.org%2F2025%2F…`) is read unescaped.
    path = decodeURIComponent(
      new URL(/^https?%3A/i.test(url) || /%2F/i.test(url) ? decodeURIComponent(url) : url).pathname,
    )
  } catch {
    return undefined
  }
  const months = MONTH_NAMES.map((m) => m.toLowerCase())
  const m =
    /\/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2]|[a-z]+)[/-](0?[1-9]|[12]\d|3[01])(?=[/\-_+.]|$)/i.exec(
      path,
    )
  if (!m) return undefined
  const [, y, mm, dd] = m as unknown as [string, string, string, string]
  const month = /^\d+$/.test(mm)
    ? Number(mm)
    : months.findIndex(
        (name) => name === mm.toLowerCase() || name.slice(0, 3) === mm.toLowerCase(),
      ) + 1
  if (!month) return undefined
  return `${y}-${String(month).padStart(2, '0')}-${dd.padStart(2, '0')}`
}

/** Days from one ISO day to another. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000)
}
