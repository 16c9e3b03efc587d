import { useEffect, useRef } from 'react'
import type { Article } from '../../../shared/types'
import { bylineParts, minutes } from '../format'
import { clearHighlight, findRanges, setHighlight } from '../highlights'
import { FindBar } from './FindBar'

/** Where to take the reader once the article is shown: a paragraph and the words to light up. */
export interface ReadingTarget {
  articleId: string
  paragraph: number
  words: string[]
  /** A new object each time, so the same hit can be visited twice. */
  nonce: number
}

interface Props {
  article: Article | null
  loading: boolean
  error: string | null
  target: ReadingTarget | null
  findOpen: boolean
  onCloseFind: () => void
  onRetry: () => void
}

export function ArticleView({
  article,
  loading,
  error,
  target,
  findOpen,
  onCloseFind,
  onRetry,
}: Props) {
  const scroller = useRef<HTMLElement>(null)
  const body = useRef<HTMLElement>(null)

  // A new article starts at the top, unless a search hit says where to go.
  useEffect(() => {
    if (!article || !scroller.current) return
    clearHighlight('search-hit')
    if (target && target.articleId !== article.id) return // its article is still loading
    const el = target
      ? body.current?.querySelector<HTMLElement>(`[data-paragraph="${target.paragraph}"]`)
      : null
    if (!target || !el) {
      scroller.current.scrollTop = 0
      return
    }
    el.scrollIntoView({ block: 'center', behavior: 'instant' })
    const ranges = target.words.flatMap((w) => findRanges(el, w, true))
    setHighlight('search-hit', ranges)
    el.classList.remove('flash')
    void el.offsetWidth // restart the animation
    el.classList.add('flash')
  }, [article, target])

  if (error) {
    return (
      <main className="pane reader-pane" aria-label="Article">
        <div className="state state-error" role="alert">
          <p>This article could not be opened.</p>
          <p className="state-detail">{error}</p>
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        </div>
      </main>
    )
  }
  if (!article) {
    return (
      <main className="pane reader-pane" aria-label="Article" aria-busy={loading}>
        <div className="state">
          {loading ? <p>Opening…</p> : <p>Choose an article from the library to start reading.</p>}
          <p className="state-detail">
            Search everything with <kbd>Ctrl</kbd> <kbd>K</kbd> or <kbd>/</kbd>.
          </p>
        </div>
      </main>
    )
  }

  const headings = new Set(article.headings)
  return (
    <main
      className="pane reader-pane"
      aria-label="Article"
      ref={scroller}
      tabIndex={-1}
      aria-busy={loading}
    >
      {findOpen && <FindBar scope={body} contentKey={article.id} onClose={onCloseFind} />}
      <article className="reading-column" ref={body} lang="en">
        <header className="article-header">
          <h1 id="article-title">{article.title}</h1>
          <p className="byline">
            {[...bylineParts(article), minutes(article)].map((part, i) => (
              <span key={i}>{part}</span>
            ))}
          </p>
        </header>
        {article.paragraphs.map((text, i) =>
          headings.has(i) ? (
            <h2 key={i} id={`p-${i}`} data-paragraph={i} className="section-heading">
              {text}
            </h2>
          ) : (
            <p key={i} id={`p-${i}`} data-paragraph={i} dir="auto">
              {text}
            </p>
          ),
        )}
        {article.paragraphs.length === 0 && (
          <p className="state-detail">This article has no text.</p>
        )}
      </article>
    </main>
  )
}
