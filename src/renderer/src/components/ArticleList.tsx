import { useRef, type KeyboardEvent } from 'react'
import type { ArticleCounts, ArticleSummary } from '../../../shared/types'
import { formatDate, minutes } from '../format'

interface Props {
  articles: ArticleSummary[] | null
  error: string | null
  openId: string | null
  counts: Record<string, ArticleCounts>
  /** How far the reader got in each article, 0 to 1. */
  progress: Record<string, number>
  onOpen: (id: string) => void
  onRetry: () => void
}

/** The library: one row per article; arrow keys move, Enter opens. */
export function ArticleList({ articles, error, openId, counts, progress, onOpen, onRetry }: Props) {
  const listRef = useRef<HTMLOListElement>(null)

  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>): void => {
    const buttons = [
      ...(listRef.current?.querySelectorAll<HTMLButtonElement>('button.article-row') ?? []),
    ]
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement)
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      Home: 0,
      End: buttons.length - 1,
    }
    const next = moves[event.key]
    if (next === undefined || buttons.length === 0) return
    event.preventDefault()
    buttons[Math.max(0, Math.min(buttons.length - 1, next))]?.focus()
  }

  return (
    <nav className="pane list-pane" aria-label="Articles">
      <header className="pane-header">
        <h2>Library</h2>
        {articles && <span className="count">{articles.length} articles</span>}
      </header>
      {error ? (
        <div className="state state-error" role="alert">
          <p>The library could not be loaded.</p>
          <p className="state-detail">{error}</p>
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        </div>
      ) : !articles ? (
        <ul className="skeleton" aria-busy="true" aria-label="Loading articles">
          {[0, 1, 2, 3].map((i) => (
            <li key={i} />
          ))}
        </ul>
      ) : articles.length === 0 ? (
        <div className="state">
          <p>No articles yet.</p>
          <p className="state-detail">Lectern reads the articles bundled in its seeds folder.</p>
        </div>
      ) : (
        <ol className="article-list" ref={listRef} onKeyDown={onKeyDown}>
          {articles.map((a) => {
            const open = a.id === openId
            const marks = counts[a.id]?.bookmarks ?? 0
            const notes = counts[a.id]?.notes ?? 0
            const read = Math.round((progress[a.id] ?? 0) * 100)
            return (
              <li key={a.id}>
                <button
                  type="button"
                  className="article-row"
                  aria-current={open ? 'true' : undefined}
                  tabIndex={open || (!openId && a === articles[0]) ? 0 : -1}
                  onClick={() => onOpen(a.id)}
                  data-article-id={a.id}
                >
                  <span className="row-title">{a.title}</span>
                  <span className="row-meta">
                    {[a.source, formatDate(a.date), minutes(a)].filter(Boolean).map((part) => (
                      <span key={part}>{part}</span>
                    ))}
                  </span>
                  {(marks > 0 || notes > 0 || read > 0) && (
                    <span className="row-state">
                      {marks > 0 && (
                        <span className="badge">
                          {marks} {marks === 1 ? 'bookmark' : 'bookmarks'}
                        </span>
                      )}
                      {notes > 0 && (
                        <span className="badge">
                          {notes} {notes === 1 ? 'note' : 'notes'}
                        </span>
                      )}
                      {read > 0 && (
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
              </li>
            )
          })}
        </ol>
      )}
    </nav>
  )
}
