import type { Article } from '../../../shared/types'
import { formatDate } from '../format'

interface Props {
  article: Article | null
  onJump: (paragraph: number) => void
}

/** First words of a paragraph, for an outline of articles without headings. */
function lead(text: string, words = 8): string {
  const parts = text.split(/\s+/)
  return parts.length > words ? `${parts.slice(0, words).join(' ')}…` : text
}

/** The right pane: facts about the open article and a way to jump around in it. */
export function DetailsPane({ article, onJump }: Props) {
  if (!article) {
    return (
      <aside className="pane notes-pane" aria-label="Notes">
        <header className="pane-header">
          <h2>Notes</h2>
        </header>
        <div className="state">
          <p className="state-detail">Details of the open article appear here.</p>
        </div>
      </aside>
    )
  }
  const facts: [string, string | undefined][] = [
    ['Author', article.author],
    ['Source', article.source],
    ['Date', formatDate(article.date)],
    ['Length', `${article.words.toLocaleString()} words`],
    ['Reading time', `${article.readingMinutes} min`],
    ['Paragraphs', String(article.paragraphs.length - article.headings.length)],
  ]
  const outline = article.headings.length
    ? article.headings.map((i) => ({ i, label: article.paragraphs[i] ?? '' }))
    : article.paragraphs.map((p, i) => ({ i, label: lead(p) }))

  return (
    <aside className="pane notes-pane" aria-label="Notes">
      <header className="pane-header">
        <h2>About this article</h2>
      </header>
      <dl className="facts">
        {facts
          .filter((f): f is [string, string] => !!f[1])
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      <nav aria-label="Outline" className="outline">
        <h3>{article.headings.length ? 'Sections' : 'Outline'}</h3>
        <ol>
          {outline.map(({ i, label }) => (
            <li key={i}>
              <button type="button" onClick={() => onJump(i)}>
                {label}
              </button>
            </li>
          ))}
        </ol>
      </nav>
    </aside>
  )
}
