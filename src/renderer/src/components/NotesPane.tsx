import { useEffect, useMemo, useState } from 'react'
import { COLORS, type Article, type Color, type PlacedBookmark } from '../../../shared/types'
import { BookmarkCard, NoteCard } from '../annotations/AnnotationCards'
import type { Annotations } from '../annotations/useAnnotations'
import { formatDate } from '../format'
import { readingTime } from '../../../shared/readingTime'

interface Props {
  article: Article | null
  annotations: Annotations
  focusedBookmark: string | null
  /** Id of a note just created, to open in its editor. */
  newNoteId: string | null
  /** The paragraph at the top of the reader's view: the card of the passage there is marked. */
  readingParagraph?: number
  /** Id of a bookmark just saved, to open its note for typing. */
  newBookmarkId?: string | null
  onJump: (paragraph: number) => void
  onJumpToBookmark: (b: PlacedBookmark) => void
  onAddNote: () => void
  /** Drawn over the article (a narrow window) rather than beside it. */
  drawer?: boolean
}

function ArticleDetails({
  article,
  onJump,
}: {
  article: Article
  onJump: (paragraph: number) => void
}) {
  const facts: [string, string | undefined][] = [
    ['Author', article.author],
    ['Source', article.source],
    ['Date', formatDate(article.date)],
    ['Length', `${article.words.toLocaleString()} words`],
    ['Reading time', readingTime(article.readingMinutes)],
    ['Paragraphs', String(article.paragraphs.length - article.headings.length)],
  ]
  // A book's own table of contents when it has one; else the article's headings. Only real
  // sections make an outline: a list of every paragraph's first words is no help.
  const book = Boolean(article.outline?.length)
  const outline = article.outline?.length
    ? article.outline.map((o) => ({ i: o.paragraph, label: o.title, depth: o.depth }))
    : article.headings.map((i) => ({ i, label: article.paragraphs[i] ?? '', depth: 0 }))
  return (
    <details className="about" open>
      <summary>About this article</summary>
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
      {outline.length > 0 && (
        <nav aria-label="Outline" className={`outline${book ? ' book-contents' : ''}`}>
          <h3>{book ? 'Contents' : 'Sections'}</h3>
          <ol>
            {outline.map(({ i, label, depth }, k) => (
              <li key={k} style={{ paddingInlineStart: `${Math.min(depth, 4)}rem` }}>
                <button type="button" onClick={() => onJump(i)}>
                  {label}
                </button>
              </li>
            ))}
          </ol>
        </nav>
      )}
    </details>
  )
}

/** The right pane: the open article's notes and bookmarks in reading order, then its details. */
export function NotesPane({
  article,
  annotations,
  focusedBookmark,
  newNoteId,
  newBookmarkId,
  readingParagraph,
  onJump,
  onJumpToBookmark,
  onAddNote,
  drawer = false,
}: Props) {
  const { list, user } = annotations
  const [colors, setColors] = useState<ReadonlySet<Color>>(new Set())
  const [tag, setTag] = useState<string>('')

  // Each article's notes start at the top, with their header in view.
  useEffect(() => {
    setColors(new Set())
    setTag('')
    document.getElementById('pane-notes')?.scrollTo({ top: 0 })
  }, [article?.id])

  // The focused bookmark's card comes into view.
  useEffect(() => {
    if (!focusedBookmark) return
    document
      .querySelector(`[data-bookmark-id="${CSS.escape(focusedBookmark)}"]`)
      ?.scrollIntoView({ block: 'nearest' })
  }, [focusedBookmark, list])

  const mine = useMemo(
    () => ({
      bookmarks: (list?.bookmarks ?? []).filter((b) => b.articleId === article?.id),
      notes: (list?.notes ?? []).filter((n) => n.articleId === article?.id),
    }),
    [list, article?.id],
  )
  const allTags = useMemo(
    () => [...new Set([...mine.bookmarks, ...mine.notes].flatMap((x) => x.tags))].sort(),
    [mine],
  )
  /**
   * The bookmark at the reading position, as Zotero's sidebar marks it: the last one that
   * starts at or above the paragraph in view.
   */
  const here = useMemo(() => {
    if (readingParagraph === undefined) return null
    let found: string | null = null
    for (const b of mine.bookmarks)
      if (b.placed && b.placed.paragraph <= readingParagraph) found = b.id
    return found
  }, [mine.bookmarks, readingParagraph])
  // Its card comes into view, unless the reader is working in the pane.
  useEffect(() => {
    const pane = document.getElementById('pane-notes')
    if (!here || !pane || pane.contains(document.activeElement)) return
    pane
      .querySelector(`[data-bookmark-id="${CSS.escape(here)}"]`)
      ?.scrollIntoView({ block: 'nearest' })
  }, [here])

  const bookmarks = mine.bookmarks.filter(
    (b) => (colors.size === 0 || colors.has(b.color)) && (!tag || b.tags.includes(tag)),
  )
  const notes = mine.notes.filter((n) => colors.size === 0 && (!tag || n.tags.includes(tag)))
  const palette = user?.palette
  const paneProps = {
    className: `pane notes-pane${drawer ? ' drawer' : ''}`,
    id: 'pane-notes',
    'aria-label': 'Notes',
    tabIndex: -1,
  }

  if (!article || !palette) {
    return (
      <aside {...paneProps}>
        <header className="pane-header">
          <h2>Notes</h2>
        </header>
        <div className="state">
          <p className="state-detail">The open article's bookmarks and notes appear here.</p>
        </div>
      </aside>
    )
  }

  const total = mine.bookmarks.length + mine.notes.length
  const filtered = colors.size > 0 || tag !== ''
  return (
    <aside {...paneProps}>
      <header className="pane-header">
        <h2>Notes</h2>
        <button
          type="button"
          className="small-button"
          onClick={onAddNote}
          title="New note on this article (N)"
        >
          + Note
        </button>
      </header>
      {total > 0 && (
        <div className="filters" role="group" aria-label="Filter bookmarks">
          {COLORS.map((c) => (
            <button
              key={c}
              type="button"
              className={`swatch small swatch-${c}`}
              aria-pressed={colors.has(c)}
              aria-label={`Only ${palette[c].name} (${c})`}
              title={palette[c].name}
              onClick={() =>
                setColors((s) => {
                  const next = new Set(s)
                  if (!next.delete(c)) next.add(c)
                  return next
                })
              }
            />
          ))}
          {allTags.length > 0 && (
            <select value={tag} onChange={(e) => setTag(e.target.value)} aria-label="Only with tag">
              <option value="">All tags</option>
              {allTags.map((t) => (
                <option key={t} value={t}>
                  #{t}
                </option>
              ))}
            </select>
          )}
          {filtered && (
            <button
              type="button"
              className="link"
              onClick={() => (setColors(new Set()), setTag(''))}
            >
              Clear
            </button>
          )}
        </div>
      )}
      <div className="cards">
        {notes.map((n) => (
          <NoteCard key={n.id} note={n} annotations={annotations} autoEdit={n.id === newNoteId} />
        ))}
        {bookmarks.map((b) => (
          <BookmarkCard
            key={b.id}
            bookmark={b}
            palette={palette}
            focused={b.id === focusedBookmark}
            atReadingPosition={b.id === here}
            autoEdit={b.id === newBookmarkId}
            annotations={annotations}
            onJump={onJumpToBookmark}
          />
        ))}
        {total === 0 && (
          <div className="state hint">
            <p>No bookmarks or notes yet.</p>
            <p className="state-detail">
              Select words in the article and pick a colour (or press <kbd>B</kbd>), or use the
              marker in a paragraph's margin. <kbd>N</kbd> starts a note on the whole article.
            </p>
          </div>
        )}
        {total > 0 && bookmarks.length + notes.length === 0 && (
          <p className="state-detail pad">Nothing matches the filter.</p>
        )}
      </div>
      <ArticleDetails article={article} onJump={onJump} />
    </aside>
  )
}
