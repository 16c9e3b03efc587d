import {
  Fragment,
  memo,
  startTransition,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react'
import {
  COLORS,
  type Article,
  type Color,
  type Palette,
  type PlacedBookmark,
} from '../../../shared/types'
import {
  passageHolds,
  passageRanges,
  pointPosition,
  selectedPosition,
  selectionRect,
  type Position,
} from '../annotations/passages'
import { MarkdownInline } from '../annotations/MarkdownView'
import { SelectionPopover } from '../annotations/SelectionPopover'
import { bylineParts, minutes } from '../format'
import { clearHighlight, findRanges, setHighlight } from '../highlights'
import { BlockText, Figure, listNumbers } from './ArticleBlocks'
import { BookmarkSummary, bookmarksByParagraph } from './BookmarkSummary'
import { FindBar } from './FindBar'

/** Where to take the reader once the article is shown: a paragraph and the words to light up. */
export interface ReadingTarget {
  articleId: string
  paragraph: number
  words: string[]
  /** Restoring a reading position is quiet: no flash, the paragraph at the top. */
  quiet?: boolean
  /** A new object each time, so the same hit can be visited twice. */
  nonce: number
}

interface Props {
  article: Article | null
  loading: boolean
  error: string | null
  target: ReadingTarget | null
  findOpen: boolean
  bookmarks: PlacedBookmark[]
  palette: Palette
  focusedBookmark: string | null
  /** Set to ask the view to bookmark the current selection (the `B` shortcut). */
  bookmarkRequest: number
  onBookmark: (position: Position, color: Color) => void
  onFocusBookmark: (id: string) => void
  onProgress: (progress: number, paragraph: number) => void
  onCloseFind: () => void
  onRetry: () => void
  /** Under the byline: what the reader can do with the article. */
  actions?: ReactNode
  /** After the last paragraph: what to do now the article is read. */
  ending?: ReactNode
}

const HIGHLIGHTS = [...COLORS.map((c) => `bm-${c}`), 'bm-focus']

/**
 * A book's first paragraphs are drawn at once and the rest just after, in the background: a
 * thousand pages open on their first page in a moment instead of after all are built.
 */
const FIRST_PARAGRAPHS = 120

export function ArticleView(props: Props) {
  const { article, loading, error, target, findOpen, bookmarks, palette, focusedBookmark } = props
  const { onBookmark, onFocusBookmark, onProgress } = props
  const scroller = useRef<HTMLElement>(null)
  const body = useRef<HTMLElement>(null)
  const [selection, setSelection] = useState<{ position: Position; rect: DOMRect } | null>(null)
  const [hover, setHover] = useState<{ bookmark: PlacedBookmark; x: number; y: number } | null>(
    null,
  )
  const [drawnAll, setDrawnAll] = useState<string | null>(null)
  const total = article?.paragraphs.length ?? 0
  // A target deep in the book is drawn with the first paint, so it can be scrolled to at once.
  const targetNeeds =
    article && target?.articleId === article.id ? target.paragraph + FIRST_PARAGRAPHS : 0
  const drawn =
    article && drawnAll === article.id
      ? total
      : Math.min(total, Math.max(FIRST_PARAGRAPHS, targetNeeds))
  // Until the whole text is there, how far the reader is cannot be told.
  const partial = useRef(false)
  partial.current = drawn < total
  useEffect(() => {
    if (!article || drawn >= article.paragraphs.length) return
    const timer = setTimeout(() => startTransition(() => setDrawnAll(article.id)))
    return () => clearTimeout(timer)
  }, [article, drawn])

  // A new article starts at the top, unless a target says where to go.
  useEffect(() => {
    if (!article || !scroller.current) return
    clearHighlight('search-hit')
    setSelection(null)
    if (target && target.articleId !== article.id) return // its article is still loading
    const el = target
      ? body.current?.querySelector<HTMLElement>(`[data-paragraph="${target.paragraph}"]`)
      : null
    if (!target || !el) {
      scroller.current.scrollTop = 0
      return
    }
    el.scrollIntoView({ block: target.quiet ? 'start' : 'center', behavior: 'instant' })
    if (target.quiet) return
    setHighlight(
      'search-hit',
      target.words.flatMap((w) => findRanges(el, w, true)),
    )
    el.classList.remove('flash')
    void el.offsetWidth // restart the animation
    el.classList.add('flash')
  }, [article, target])

  // Bookmarks are painted over the text by colour, never by rewriting it.
  useEffect(() => {
    const root = body.current
    if (!root || !article) return
    const byColor = new Map<string, Range[]>()
    for (const b of bookmarks) {
      if (!b.placed || b.articleId !== article.id) continue
      const ranges = passageRanges(root, b.placed)
      if (ranges.length === 0) continue
      const name = `bm-${b.color}`
      byColor.set(name, [...(byColor.get(name) ?? []), ...ranges])
      if (b.id === focusedBookmark) byColor.set('bm-focus', ranges)
    }
    for (const name of HIGHLIGHTS) setHighlight(name, byColor.get(name) ?? [])
    return () => HIGHLIGHTS.forEach(clearHighlight)
  }, [article, bookmarks, focusedBookmark, drawn])

  const readSelection = useCallback(() => {
    const root = body.current
    const position = root ? selectedPosition(root) : null
    const range = position ? window.getSelection()?.getRangeAt(0) : null
    setSelection(position && range ? { position, rect: selectionRect(range) } : null)
  }, [])

  // The bar stays with the selection as the article scrolls (a scroll can land after the
  // mouseup that showed it), and goes only once the selection itself is gone.
  const followSelection = useCallback(() => {
    setSelection((current) => {
      if (!current) return current
      const sel = window.getSelection()
      if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null
      return { ...current, rect: selectionRect(sel.getRangeAt(0)) }
    })
  }, [])

  const save = useCallback(
    (color: Color) => {
      if (!selection) return
      onBookmark(selection.position, color)
      window.getSelection()?.removeAllRanges()
      setSelection(null)
    },
    [selection, onBookmark],
  )

  // `B` with a selection bookmarks it in the first colour.
  useEffect(() => {
    if (props.bookmarkRequest === 0) return
    const root = body.current
    const position = root ? selectedPosition(root) : null
    if (position) {
      onBookmark(position, 'yellow')
      window.getSelection()?.removeAllRanges()
      setSelection(null)
    }
    // Only a new request should act, not a change of the callbacks.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.bookmarkRequest])

  const bookmarkAt = (x: number, y: number): PlacedBookmark | undefined => {
    const point = pointPosition(x, y)
    if (!point) return undefined
    const paragraph = Number(point.el.dataset.paragraph)
    return bookmarks.find((b) => b.placed && passageHolds(b.placed, paragraph, point.offset))
  }

  const onMouseMove = (e: MouseEvent): void => {
    const b = bookmarkAt(e.clientX, e.clientY)
    setHover(b ? { bookmark: b, x: e.clientX, y: e.clientY } : null)
  }

  const onClick = (e: MouseEvent): void => {
    if (!window.getSelection()?.isCollapsed) return
    const b = bookmarkAt(e.clientX, e.clientY)
    if (b) onFocusBookmark(b.id)
  }

  // Measured at most once a frame; the first paragraph still in view is found by bisection,
  // so a long article costs a few layout reads per frame, not one per paragraph.
  const scrollFrame = useRef(0)
  /** The one margin marker Tab reaches: the last focused, or the paragraph at the top of the view. */
  const markStop = useRef<HTMLElement | null>(null)
  const rove = useCallback((mark: HTMLElement | null | undefined): void => {
    if (!mark || mark === markStop.current) return
    if (markStop.current) markStop.current.tabIndex = -1
    mark.tabIndex = 0
    markStop.current = mark
  }, [])

  // A new article: until the reader scrolls, its first marker is the tab stop.
  useEffect(() => {
    if (!markStop.current?.isConnected) markStop.current = null
    if (!markStop.current) rove(body.current?.querySelector<HTMLElement>('.margin-mark'))
  }, [article?.id, rove])

  const marked = useMemo(
    () => (article ? bookmarksByParagraph(bookmarks, article.id) : new Map()),
    [article, bookmarks],
  )

  const measureScroll = (): void => {
    scrollFrame.current = 0
    const el = scroller.current
    const root = body.current
    if (!el || !root || partial.current) return
    const max = el.scrollHeight - el.clientHeight
    const progress = max > 0 ? Math.min(1, el.scrollTop / max) : 1
    const top = el.getBoundingClientRect().top + 8
    const paras = root.querySelectorAll<HTMLElement>('[data-paragraph]')
    let lo = 0
    let hi = paras.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((paras[mid] as HTMLElement).getBoundingClientRect().bottom > top) hi = mid
      else lo = mid + 1
    }
    onProgress(progress, Number(paras[lo]?.dataset.paragraph ?? 0))
    // Set on the element, not through React: moving it must not redraw the article.
    if (
      !root.contains(document.activeElement) ||
      !document.activeElement?.classList.contains('margin-mark')
    )
      rove(paras[lo]?.closest('.para')?.querySelector<HTMLElement>('.margin-mark'))
  }
  // Paragraphs far from view have guessed heights, so the end moves as it is reached: End
  // follows it until it stays put.
  const onKeyDown = (e: KeyboardEvent<HTMLElement>): void => {
    const el = scroller.current
    const target = e.target as HTMLElement
    // Among the margin markers, ↑ and ↓ move; Tab leaves them (one tab stop for them all).
    if (
      target.classList.contains('margin-mark') &&
      (e.key === 'ArrowDown' || e.key === 'ArrowUp')
    ) {
      const marks = [...(body.current?.querySelectorAll<HTMLElement>('.margin-mark') ?? [])]
      const next = marks[marks.indexOf(target) + (e.key === 'ArrowDown' ? 1 : -1)]
      if (next) {
        e.preventDefault()
        rove(next)
        next.focus()
      }
      return
    }
    if (e.key !== 'End' || e.target !== el || !el) return
    e.preventDefault()
    let frames = 0
    const toEnd = (): void => {
      const end = el.scrollHeight - el.clientHeight
      if (Math.abs(el.scrollTop - end) < 1 && frames > 0) return
      el.scrollTop = end
      if (++frames < 20) requestAnimationFrame(toEnd)
    }
    toEnd()
  }

  const onScroll = (): void => {
    followSelection()
    scrollFrame.current ||= requestAnimationFrame(measureScroll)
  }
  useEffect(() => () => cancelAnimationFrame(scrollFrame.current), [])

  if (error) {
    return (
      <main className="pane reader-pane" id="pane-reader" aria-label="Article" tabIndex={-1}>
        <div className="state state-error" role="alert">
          <p>This article could not be opened.</p>
          <p className="state-detail">{error}</p>
          <button type="button" onClick={props.onRetry}>
            Try again
          </button>
        </div>
      </main>
    )
  }
  if (!article) {
    return (
      <main
        className="pane reader-pane"
        id="pane-reader"
        aria-label="Article"
        aria-busy={loading}
        tabIndex={-1}
      >
        <div className="state">
          {loading ? <p>Opening…</p> : <p>Choose an article from the library to start reading.</p>}
          <p className="state-detail">
            Search everything with <kbd>Ctrl</kbd> <kbd>K</kbd> or <kbd>/</kbd>.
          </p>
        </div>
      </main>
    )
  }

  return (
    <main
      className="pane reader-pane"
      id="pane-reader"
      aria-label="Article"
      ref={scroller}
      // Focusable, so the keys scroll it (and F6 lands on it).
      tabIndex={0}
      aria-busy={loading}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
    >
      {findOpen && (
        <FindBar scope={body} contentKey={`${article.id}:${drawn}`} onClose={props.onCloseFind} />
      )}
      <article
        className="reading-column"
        ref={body}
        lang={article.language ?? 'en'}
        dir={article.direction ?? 'ltr'}
        onMouseUp={readSelection}
        onKeyUp={(e) => e.shiftKey && readSelection()}
        onMouseMove={onMouseMove}
        onMouseLeave={() => setHover(null)}
        onClick={onClick}
      >
        <header className="article-header">
          <h1 id="article-title">{article.title}</h1>
          <p className="byline">
            <span className="dotted">
              {[...bylineParts(article), minutes(article)].map((part, i) => (
                <span key={i}>{part}</span>
              ))}
            </span>
          </p>
          {props.actions}
        </header>
        <Paragraphs
          article={article}
          drawn={drawn}
          marked={marked}
          palette={palette}
          onBookmark={onBookmark}
          rove={rove}
        />
        {drawn === article.paragraphs.length && drawn > 0 && props.ending}
        {article.paragraphs.length === 0 && (
          <p className="state-detail">This article has no text.</p>
        )}
      </article>
      {selection && (
        <SelectionPopover
          rect={selection.rect}
          palette={palette}
          onPick={save}
          onClose={() => setSelection(null)}
        />
      )}
      {hover && (hover.bookmark.note || hover.bookmark.tags.length > 0) && (
        <div
          className="bookmark-tip"
          role="tooltip"
          style={{ top: hover.y + 18, left: Math.min(hover.x, window.innerWidth - 320) }}
        >
          <span className={`tip-color swatch-${hover.bookmark.color}`} aria-hidden="true" />
          <strong>{palette[hover.bookmark.color].name}</strong>
          {hover.bookmark.tags.length > 0 && (
            <span className="tip-tags"> · {hover.bookmark.tags.join(', ')}</span>
          )}
          {hover.bookmark.note && (
            <p className="tip-note">
              <MarkdownInline text={shorten(hover.bookmark.note, 280)} />
            </p>
          )}
        </div>
      )}
    </main>
  )
}

/**
 * The article's text, drawn again only when it, its bookmarks or how much of it is drawn
 * change: not on every scroll, hover or selection of a long book.
 */
const Paragraphs = memo(function Paragraphs({
  article,
  drawn,
  marked,
  palette,
  onBookmark,
  rove,
}: {
  article: Article
  drawn: number
  marked: Map<number, PlacedBookmark[]>
  palette: Palette
  onBookmark: (position: Position, color: Color) => void
  rove: (mark: HTMLElement) => void
}) {
  const headings = useMemo(() => new Set(article.headings), [article])
  const numbers = useMemo(() => listNumbers(article.blocks), [article])
  const figures = useMemo(() => {
    const byParagraph = new Map<number, NonNullable<Article['images']>>()
    for (const image of article.images ?? [])
      byParagraph.set(image.before, [...(byParagraph.get(image.before) ?? []), image])
    return byParagraph
  }, [article])
  const figuresAt = (i: number) =>
    figures
      .get(i)
      ?.map((image, k) => <Figure key={`f${i}-${k}`} articleId={article.id} image={image} />)
  /** Imported headings keep their depth below the title: h2, h3, h4. */
  const headingLevel = (i: number): number => {
    const kind = article.blocks?.[i]
    return kind?.type === 'heading' ? Math.min(4, Math.max(2, kind.level)) : 2
  }
  return (
    <>
      {article.paragraphs.slice(0, drawn).map((text, i) => (
        <Fragment key={i}>
          {figuresAt(i)}
          {headings.has(i) ? (
            <Heading level={headingLevel(i)} index={i} text={text} />
          ) : (
            <div
              className={`para${marked.has(i) ? ' has-bookmark' : ''}${article.blocks?.[i] ? ` kind-${article.blocks[i]?.type}` : ''}`}
              // Its length lets the paragraph's height be guessed well before it is laid out.
              style={{ '--chars': text.length } as CSSProperties}
            >
              {marked.has(i) && (
                <BookmarkSummary bookmarks={marked.get(i) ?? []} palette={palette} />
              )}
              <button
                type="button"
                className="margin-mark"
                tabIndex={-1}
                onFocus={(e) => rove(e.currentTarget)}
                aria-label={`Bookmark paragraph ${i + 1}`}
                title="Bookmark this paragraph"
                onClick={() => onBookmark({ paragraph: i, start: 0, end: text.length }, 'yellow')}
              >
                <svg viewBox="0 0 16 16" aria-hidden="true">
                  <path d="M4 2h8v12l-4-3-4 3z" />
                </svg>
              </button>
              <BlockText kind={article.blocks?.[i]} text={text} index={i} number={numbers.get(i)} />
            </div>
          )}
        </Fragment>
      ))}
      {drawn >= article.paragraphs.length && figuresAt(article.paragraphs.length)}
    </>
  )
})

function Heading({ level, index, text }: { level: number; index: number; text: string }) {
  const props = {
    id: `p-${index}`,
    'data-paragraph': index,
    className: 'section-heading',
    dir: 'auto' as const,
  }
  if (level === 3)
    return (
      <h3 {...props} data-level={3}>
        {text}
      </h3>
    )
  if (level === 4)
    return (
      <h4 {...props} data-level={4}>
        {text}
      </h4>
    )
  return <h2 {...props}>{text}</h2>
}

/** At most `max` characters, cut at a word, with an ellipsis when cut. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`
}
