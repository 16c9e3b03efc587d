import { formatWhen } from '../format'
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual'
import {
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type ReactNode,
  type RefObject,
} from 'react'
import type { Annotation, ArticleSummary, Palette, PlacedBookmark } from '../../../shared/types'
import { MarkdownInline } from '../annotations/MarkdownView'

export interface NoteGroup {
  article: ArticleSummary | null
  items: Annotation[]
}

interface Props {
  groups: NoteGroup[]
  palette: Palette
  /** The element that scrolls (the All notes pane). */
  scrollRef: RefObject<HTMLElement | null>
  onOpen: (articleId: string, bookmark?: PlacedBookmark) => void
}

/** One drawn row: an article's heading, or one of its cards. */
type Row =
  | { kind: 'heading'; key: string; group: number }
  | { kind: 'item'; key: string; group: number; item: Annotation; pos: number }

/** First guesses at a row's height; each row is measured once drawn. */
const HEADING_ESTIMATE = 48
const CARD_ESTIMATE = 84

const MISSING = 'Articles no longer in the library'

/** A row's height with its margins: rows are placed one after another, margins and all. */
function measureWithMargins(el: Element): number {
  const style = getComputedStyle(el)
  return (
    el.getBoundingClientRect().height +
    (parseFloat(style.marginTop) || 0) +
    (parseFloat(style.marginBottom) || 0)
  )
}

function Card({ item: i, palette }: { item: Annotation; palette: Palette }) {
  return (
    <>
      {i.type === 'bookmark' ? (
        <>
          <span className="kind">{palette[i.color].name}</span>
          <blockquote dir="auto">{i.anchor.quote.exact}</blockquote>
          {i.note && (
            <span className="summary-note">
              <MarkdownInline text={i.note} />
            </span>
          )}
        </>
      ) : (
        <>
          <span className="kind">Note</span>
          <span className="summary-note">
            {i.text ? <MarkdownInline text={i.text} /> : '(empty note)'}
          </span>
        </>
      )}
      {i.tags.length > 0 && (
        <span className="summary-tags">{i.tags.map((t) => `#${t}`).join(' ')}</span>
      )}
      {(i.conflicts?.length ?? 0) > 0 && (
        // Settled in the notes pane beside the article, where the card opens.
        <span className="summary-conflict">
          Edited on two computers: {(i.conflicts?.length ?? 0) + 1} versions
        </span>
      )}
      <time className="summary-when" dateTime={i.created}>
        {formatWhen(i.created)}
      </time>
    </>
  )
}

/**
 * Every bookmark and note, grouped by article, with only the rows in view drawn (there may be
 * thousands). Each article stays a region with its list; the card that has focus stays drawn
 * (with its neighbours, so Tab and Shift+Tab go on from it) however far the list scrolls.
 */
export function AllNotesList({ groups, palette, scrollRef, onOpen }: Props) {
  const listRef = useRef<HTMLDivElement>(null)
  const [scrollMargin, setScrollMargin] = useState(0)
  const [focusKey, setFocusKey] = useState<string | null>(null)

  const rows = useMemo(() => {
    const out: Row[] = []
    groups.forEach((g, group) => {
      out.push({ kind: 'heading', key: `article:${g.article?.id ?? ''}`, group })
      g.items.forEach((item, k) => out.push({ kind: 'item', key: item.id, group, item, pos: k }))
    })
    return out
  }, [groups])

  const focusIndex = useMemo(
    () => (focusKey === null ? -1 : rows.findIndex((r) => r.key === focusKey)),
    [rows, focusKey],
  )
  const rangeExtractor = useCallback(
    (range: Range) => {
      const drawn = defaultRangeExtractor(range)
      if (focusIndex < 0) return drawn
      const keep = [focusIndex - 1, focusIndex, focusIndex + 1].filter(
        (i) => i >= 0 && i < range.count,
      )
      return [...new Set([...drawn, ...keep])].sort((a, b) => a - b)
    },
    [focusIndex],
  )

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'heading' ? HEADING_ESTIMATE : CARD_ESTIMATE),
    overscan: 6,
    scrollMargin,
    getItemKey: (i) => rows[i]?.key ?? i,
    rangeExtractor,
    measureElement: measureWithMargins,
  })

  // Where the list starts in the pane moves when what is above it changes (the colour names
  // opened, an error shown): follow it.
  useLayoutEffect(() => {
    const list = listRef.current
    const column = list?.parentElement
    if (!list || !column) return
    const follow = (): void => setScrollMargin(list.offsetTop)
    follow()
    const observer = new ResizeObserver(follow)
    observer.observe(column)
    return () => observer.disconnect()
  }, [])

  const onFocus = (event: FocusEvent<HTMLDivElement>): void => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]')
    const key = rows[Number(row?.dataset.index)]?.key
    if (key !== undefined) setFocusKey(key)
  }
  const onBlur = (event: FocusEvent<HTMLDivElement>): void => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocusKey(null)
  }

  // The drawn rows, in order, gathered back into their articles' regions.
  const drawn = virtualizer.getVirtualItems()
  const sections: ReactNode[] = []
  for (let at = 0; at < drawn.length;) {
    const group = (rows[(drawn[at] as (typeof drawn)[number]).index] as Row).group
    const g = groups[group] as NoteGroup
    const title = g.article?.title ?? MISSING
    let heading: ReactNode = null
    const cards: ReactNode[] = []
    for (; at < drawn.length; at++) {
      const v = drawn[at] as (typeof drawn)[number]
      const row = rows[v.index] as Row
      if (row.group !== group) break
      const place = {
        'data-index': v.index,
        ref: virtualizer.measureElement,
        style: { transform: `translateY(${v.start - scrollMargin}px)` },
      }
      if (row.kind === 'heading') {
        heading = (
          <h2 key={v.key} {...place} className="note-row">
            {title}
          </h2>
        )
      } else {
        const i = row.item
        cards.push(
          <li
            key={v.key}
            {...place}
            aria-setsize={g.items.length}
            aria-posinset={row.pos + 1}
            className={`note-row summary-item ${i.type === 'bookmark' ? `color-${i.color}` : 'note'}`}
          >
            <button
              type="button"
              onClick={() =>
                onOpen(i.articleId, i.type === 'bookmark' ? (i as PlacedBookmark) : undefined)
              }
            >
              <Card item={i} palette={palette} />
            </button>
          </li>,
        )
      }
    }
    sections.push(
      <section key={`article:${g.article?.id ?? ''}`} className="note-group" aria-label={title}>
        {heading}
        {cards.length > 0 && <ul>{cards}</ul>}
      </section>,
    )
  }

  return (
    <div
      className="all-notes-list"
      ref={listRef}
      onFocus={onFocus}
      onBlur={onBlur}
      // Its height holds every row, drawn or not, so the scroll bar is true.
      style={{ height: virtualizer.getTotalSize() }}
    >
      {sections}
    </div>
  )
}
