/** Under an article's title: archive it, mark it finished, or (one the reader imported) remove it. */
import type { Article } from '../../../shared/types'

interface Props {
  article: Article
  archived: boolean
  finished: boolean
  onMark: (mark: 'archived' | 'finished', on: boolean) => void
  onRemove: () => void
}

export function ArticleActions({ article, archived, finished, onMark, onRemove }: Props) {
  return (
    <div className="article-actions" role="group" aria-label="This article">
      <button
        type="button"
        className="small-button"
        aria-pressed={finished}
        onClick={() => onMark('finished', !finished)}
      >
        {finished ? 'Finished ✓' : 'Mark finished'}
      </button>
      <button
        type="button"
        className="small-button"
        aria-pressed={archived}
        onClick={() => onMark('archived', !archived)}
      >
        {archived ? 'Archived ✓' : 'Archive'}
      </button>
      {article.origin === 'imported' && (
        <button
          type="button"
          className="small-button"
          title="Move to the trash with its bookmarks and notes (restorable)"
          onClick={onRemove}
        >
          Remove
        </button>
      )}
      {article.url && (
        <span className="article-source" title={article.url}>
          {hostOf(article.url)}
        </span>
      )}
    </div>
  )
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.replace(/^www\./, '')
  } catch {
    return url
  }
}

/** The end of an article: mark it finished, and go on to the next one not yet read. */
export function ArticleEnding({
  finished,
  next,
  onFinished,
  onNext,
}: {
  finished: boolean
  next: { id: string; title: string } | null
  onFinished: () => void
  onNext: (id: string) => void
}) {
  return (
    <section className="article-ending" aria-label="End of article">
      <p className="ending-mark" aria-hidden="true">
        ❧
      </p>
      <div className="ending-actions">
        {finished ? (
          <span className="ending-done">Finished ✓</span>
        ) : (
          <button type="button" className="small-button" onClick={onFinished}>
            Mark finished
          </button>
        )}
        {next && (
          <button
            type="button"
            className="small-button ending-next"
            onClick={() => onNext(next.id)}
            title={next.title}
          >
            Next unread: {next.title} →
          </button>
        )}
      </div>
    </section>
  )
}
