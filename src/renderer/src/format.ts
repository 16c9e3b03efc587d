import { readingTime } from '../../shared/readingTime'
import type { ArticleSummary } from '../../shared/types'

const dateFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
})

/** `2015-11-30` → `30 Nov 2015` in the reader's locale. */
export function formatDate(iso: string | undefined): string | undefined {
  if (!iso) return undefined
  const d = new Date(`${iso}T00:00:00Z`)
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d)
}

export const minutes = (a: ArticleSummary): string => `${readingTime(a.readingMinutes)} read`

/** The pieces of an article's byline that the text states, in reading order. */
export function bylineParts(a: ArticleSummary): string[] {
  return [a.author, a.source, formatDate(a.date)].filter((x): x is string => !!x)
}

const whenFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
})

/** An ISO instant as the reader's clock shows it: `30 Nov 2026, 14:05`. */
export function formatWhen(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : whenFormat.format(d)
}
