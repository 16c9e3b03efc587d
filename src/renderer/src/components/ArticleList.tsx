import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { ArticleCounts, ArticleSummary } from '../../../shared/types'
import { PANE_START } from '../focusPanes'
import { ArticleRow } from './ArticleRow'

interface Props {
  articles: ArticleSummary[] | null
  error: string | null
  openId: string | null
  counts: Record<string, ArticleCounts>
  /** How far the reader got in each article, 0 to 1. */
  progress: Record<string, number>
  /** Drawn over the article (a narrow window) rather than beside it. */
  drawer: boolean
  onOpen: (id: string, byKeyboard: boolean) => void
  onRetry: () => void
  /** How many articles the library holds, when `articles` is a filtered part of it. */
  total?: number
  /** Beside the heading (Import). */
  actions?: ReactNode
  /** Under the heading (filter and order). */
  tools?: ReactNode
  /** Marks to show on a row: finished, archived. */
  marks?: (id: string) => { finished?: boolean; archived?: boolean }
}

/** A first guess at a row's height; each row is measured once drawn. */
const ROW_ESTIMATE = 84

/**
 * The library: one row per article, only the rows in view drawn (it may hold thousands);
 * arrow keys, Home and End move, Enter opens.
 */
export function ArticleList(props: Props) {
  const { articles, error, openId, counts, progress, drawer, onOpen, onRetry } = props
  const total = props.total ?? articles?.length ?? 0
  const pane = useRef<HTMLElement>(null)
  const listRef = useRef<HTMLOListElement>(null)
  const headRef = useRef<HTMLDivElement>(null)
  const count = articles?.length ?? 0
  const openIndex = articles?.findIndex((a) => a.id === openId) ?? -1
  // The row that Tab lands on: the one last moved to, else the open one.
  const [active, setActive] = useState(-1)
  const tabStop = active >= 0 && active < count ? active : Math.max(0, openIndex)
  const [focusWanted, setFocusWanted] = useState<number | null>(null)
  const hasRows = count > 0

  // The heading, filter and order stay at the top of the pane while the rows scroll under
  // them: a row brought into view must land below them, not behind them. The rows start
  // where the heading ends (measured in the pane, whatever element offsets are relative to).
  const [head, setHead] = useState({ height: 0, listTop: 0 })
  useEffect(() => {
    const headEl = headRef.current
    if (!headEl) return
    const measure = (): void => {
      const scroller = pane.current
      const list = listRef.current
      const listTop =
        scroller && list
          ? list.getBoundingClientRect().top -
            scroller.getBoundingClientRect().top +
            scroller.scrollTop
          : headEl.offsetHeight
      setHead({ height: headEl.offsetHeight, listTop })
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(headEl)
    return () => observer.disconnect()
    // Measured again once the rows are there to measure.
  }, [hasRows])

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => pane.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 6,
    scrollMargin: head.listTop,
    scrollPaddingStart: head.height,
    getItemKey: (i) => articles?.[i]?.id ?? i,
  })

  // The open article's row comes into view when another article is opened.
  useEffect(() => {
    if (openIndex >= 0) virtualizer.scrollToIndex(openIndex, { align: 'auto' })
    setActive(-1)
  }, [openIndex, virtualizer])

  // Focus follows the keys once the row is drawn (it may have been out of view).
  const drawn = virtualizer.getVirtualItems()
  useEffect(() => {
    if (focusWanted === null) return
    const row = listRef.current?.querySelector<HTMLButtonElement>(
      `[data-index="${focusWanted}"] button`,
    )
    if (row) {
      row.focus({ preventScroll: false })
      setFocusWanted(null)
    }
  }, [focusWanted, drawn])

  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>): void => {
    const at = Number(
      (document.activeElement?.closest('[data-index]') as HTMLElement | null)?.dataset.index ??
        tabStop,
    )
    const page = Math.max(
      1,
      Math.floor(((pane.current?.clientHeight ?? 400) - head.height) / ROW_ESTIMATE) - 1,
    )
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      PageDown: at + page,
      PageUp: at - page,
      Home: 0,
      End: count - 1,
    }
    const next = moves[event.key]
    if (next === undefined || count === 0) return
    event.preventDefault()
    const target = Math.max(0, Math.min(count - 1, next))
    setActive(target)
    virtualizer.scrollToIndex(target, { align: 'auto' })
    setFocusWanted(target)
  }

  return (
    <nav
      className={`pane list-pane${drawer ? ' drawer' : ''}`}
      id="pane-list"
      aria-label="Articles"
      ref={pane}
      tabIndex={-1}
    >
      <div className="list-head" ref={headRef}>
        <header className="pane-header">
          <h2>Library</h2>
          {articles && (
            <span className="count">
              {articles.length === total
                ? `${total.toLocaleString()} articles`
                : `${articles.length.toLocaleString()} of ${total.toLocaleString()}`}
            </span>
          )}
          {props.actions}
        </header>
        {props.tools}
      </div>
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
      ) : articles.length === 0 && total > 0 ? (
        <div className="state">
          <p>No article matches.</p>
          <p className="state-detail">Try other words, or show all articles.</p>
        </div>
      ) : articles.length === 0 ? (
        <div className="state">
          <p>No articles yet.</p>
          <p className="state-detail">
            Import saved web pages, Markdown or text with Import, or drop them on the window.
          </p>
        </div>
      ) : (
        <ol
          className="article-list"
          ref={listRef}
          onKeyDown={onKeyDown}
          aria-label="Library"
          // Its height holds every row, drawn or not, so the scroll bar is true.
          style={{ height: virtualizer.getTotalSize() }}
        >
          {drawn.map((item) => {
            const a = articles[item.index] as ArticleSummary
            return (
              <li
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                aria-setsize={count}
                aria-posinset={item.index + 1}
                style={{
                  transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)`,
                }}
              >
                <ArticleRow
                  article={a}
                  open={a.id === openId}
                  tabbable={item.index === tabStop}
                  counts={counts[a.id]}
                  progress={progress[a.id] ?? 0}
                  {...props.marks?.(a.id)}
                  onOpen={onOpen}
                  {...(item.index === tabStop ? { [PANE_START]: '' } : {})}
                />
              </li>
            )
          })}
        </ol>
      )}
    </nav>
  )
}
