/** Dates as pages write them, to ISO `YYYY-MM-DD`. */
import * as chrono from 'chrono-node'

const ISO_DATE = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T\s]|$)/

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

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
  for (const { start } of chrono.parse(text)) {
    if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) continue
    const y = start.get('year') ?? 0
    if (y < 1900 || y > 2100) continue
    return `${pad(y, 4)}-${pad(start.get('month') ?? 0)}-${pad(start.get('day') ?? 0)}`
  }
  return undefined
}
