import type { ArticleCounts, ArticleSummary } from '../../../shared/types'
import { formatDate, minutes } from '../format'

interface Props {
  article: ArticleSummary
  open: boolean
  /** The one row of the list that Tab reaches. */
  tabbable: boolean
  counts: ArticleCounts | undefined
  /** How far the reader got, 0 to 1. */
  progress: number
  finished?: boolean
  archived?: boolean
  /** `byKeyboard`: opened with Enter or Space, so reading goes on from the keyboard. */
  onOpen: (id: string, byKeyboard: boolean) => void
  'data-pane-start'?: string
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

/** One article in the library: title, source, date, length, and how far the reader got. */
export function ArticleRow({
  article: a,
  open,
  tabbable,
  counts,
  progress,
  finished,
  archived,
  onOpen,
  ...rest
}: Props) {
  const marks = counts?.bookmarks ?? 0
  const notes = counts?.notes ?? 0
  const read = Math.round(progress * 100)
  return (
    <button
      type="button"
      className="article-row"
      aria-current={open ? 'true' : undefined}
      tabIndex={tabbable ? 0 : -1}
      // A click from the keyboard (Enter, Space) has no pointer: `detail` is 0.
      onClick={(e) => onOpen(a.id, e.detail === 0)}
      data-article-id={a.id}
      {...rest}
    >
      <span className="row-title">{a.title}</span>
      <span className="row-meta dotted">
        {[a.source, formatDate(a.date), minutes(a)].filter(Boolean).map((part) => (
          <span key={part}>{part}</span>
        ))}
      </span>
      {(marks > 0 || notes > 0 || read > 0 || finished || archived) && (
        <span className="row-state">
          {finished && <span className="badge badge-done">Finished</span>}
          {archived && <span className="badge">Archived</span>}
          {marks > 0 && <span className="badge">{plural(marks, 'bookmark', 'bookmarks')}</span>}
          {notes > 0 && <span className="badge">{plural(notes, 'note', 'notes')}</span>}
          {read > 0 && !finished && (
            <span
              className="progress"
              role="img"
              aria-label={`${read}% read`}
              title={`${read}% read`}
            >
              <span style={{ width: `${read}%` }} />
            </span>
          )}
        </span>
      )}
    </button>
  )
}
