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
