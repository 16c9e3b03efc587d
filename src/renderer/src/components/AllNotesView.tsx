import { useEffect, useMemo, useRef, useState } from 'react'
import {
  COLORS,
  type Annotation,
  type AnnotationList,
  type ArticleSummary,
  type Color,
  type Palette,
  type PlacedBookmark,
} from '../../../shared/types'
import { api, messageOf } from '../api'
import type { Annotations } from '../annotations/useAnnotations'
import { foldText } from '../highlights'
import { AllNotesList, type NoteGroup } from './AllNotesList'
import { Dialog } from './Dialog'
import { useKeptState } from '../hooks/useKeptState'
import { formatWhen } from '../format'

interface Props {
  articles: ArticleSummary[]
  annotations: Annotations
  onOpen: (articleId: string, bookmark?: PlacedBookmark) => void
  onClose: () => void
}

const textOf = (a: Annotation): string =>
  a.type === 'bookmark'
    ? `${a.anchor.quote.exact}\n${a.note}\n${a.tags.join(' ')}`
    : `${a.text}\n${a.tags.join(' ')}`

function PaletteNames({
  palette,
  onRename,
}: {
  palette: Palette
  onRename: (c: Color, name: string) => void
}) {
  return (
    <details className="palette-names">
      <summary>Colour names</summary>
      {COLORS.map((c) => (
        <label key={c}>
          <span className={`swatch small swatch-${c}`} aria-hidden="true" />
          <input
            defaultValue={palette[c].name}
            aria-label={`Name of ${c}`}
            maxLength={40}
            onBlur={(e) => {
              const name = e.target.value.trim()
              if (name && name !== palette[c].name) onRename(c, name)
            }}
          />
        </label>
      ))}
    </details>
  )
}

type Order = 'library' | 'newest' | 'oldest'

/** Items by when they were made, and the articles by their newest (or oldest) item. */
function byTime(groups: NoteGroup[], order: 'newest' | 'oldest'): NoteGroup[] {
  const sign = order === 'newest' ? -1 : 1
  const compare = (a: Annotation, b: Annotation): number =>
    sign * a.created.localeCompare(b.created)
  return groups
    .map((g) => ({ ...g, items: [...g.items].sort(compare) }))
    .sort((a, b) => compare(a.items[0] as Annotation, b.items[0] as Annotation))
}

/** Every bookmark and note of the library, grouped by article; and the trash. */
export function AllNotesView({ articles, annotations, onOpen, onClose }: Props) {
  const [tab, setTab] = useState<'all' | 'trash'>('all')
  const [all, setAll] = useState<AnnotationList | null>(null)
  const [trash, setTrash] = useState<Annotation[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [query, setQuery] = useKeptState('all-notes.query', '')
  const [color, setColor] = useKeptState<Color | ''>('all-notes.color', '')
  const [tag, setTag] = useKeptState('all-notes.tag', '')
  const [order, setOrder] = useKeptState<Order>('all-notes.order', 'library')
  const [confirmEmpty, setConfirmEmpty] = useState(false)
  const { revision, user } = annotations

  useEffect(() => {
    api()
      .listAnnotations({})
      .then(setAll, (e: unknown) => setError(messageOf(e)))
    api()
      .listTrash()
      .then(setTrash, (e: unknown) => setError(messageOf(e)))
  }, [revision])

  const titles = useMemo(() => new Map(articles.map((a) => [a.id, a.title])), [articles])
  const items: Annotation[] = useMemo(() => (all ? [...all.notes, ...all.bookmarks] : []), [all])
  const tags = useMemo(() => [...new Set(items.flatMap((i) => i.tags))].sort(), [items])
  // Folded once per list, not once per keystroke in the filter.
  const texts = useMemo(() => items.map((i) => foldText(textOf(i))), [items])
  const folded = foldText(query.trim())
  const shown = useMemo(
    () =>
      items.filter(
        (i, k) =>
          (!color || (i.type === 'bookmark' && i.color === color)) &&
          (!tag || i.tags.includes(tag)) &&
          (!folded || (texts[k] as string).includes(folded)),
      ),
    [items, texts, color, tag, folded],
  )
  // In library order (or by when the newest item of each was made), then those whose article
  // has gone.
  const groups: NoteGroup[] = useMemo(() => {
    const byArticle = new Map<string, Annotation[]>()
    for (const i of shown) {
      const list = byArticle.get(i.articleId)
      if (list) list.push(i)
      else byArticle.set(i.articleId, [i])
    }
    const out: NoteGroup[] = articles.flatMap((a) => {
      const mine = byArticle.get(a.id)
      return mine ? [{ article: a, items: mine }] : []
    })
    const orphans = shown.filter((i) => !titles.has(i.articleId))
    if (orphans.length) out.push({ article: null, items: orphans })
    return order === 'library' ? out : byTime(out, order)
  }, [shown, articles, titles, order])
  const palette = user?.palette
  const pane = useRef<HTMLElement>(null)

  return (
    <main
      className="pane reader-pane all-notes"
      id="pane-reader"
      aria-label="All notes"
      ref={pane}
      tabIndex={-1}
    >
      <div className="all-notes-column">
        <header className="all-notes-header">
          <h1>All notes</h1>
          <button type="button" className="small-button" onClick={onClose}>
            Back to the article
          </button>
        </header>
        <div className="tabs" role="tablist" aria-label="All notes or trash">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'all'}
            onClick={() => setTab('all')}
          >
            Bookmarks and notes ({items.length})
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'trash'}
            onClick={() => setTab('trash')}
          >
            Trash ({trash?.length ?? 0})
          </button>
        </div>
        {error && (
          <p className="state-error" role="alert">
            {error}
          </p>
        )}
        {tab === 'all' && palette && (
          <>
            <div className="filters wide" role="group" aria-label="Filter notes">
              <input
                type="search"
                placeholder="Filter by words"
                aria-label="Filter notes by words"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
              <select
                value={color}
                onChange={(e) => setColor(e.target.value as Color | '')}
                aria-label="Only colour"
              >
                <option value="">All colours</option>
                {COLORS.map((c) => (
                  <option key={c} value={c}>
                    {palette[c].name} ({c})
                  </option>
                ))}
              </select>
              <select
                value={tag}
                onChange={(e) => setTag(e.target.value)}
                aria-label="Only with tag"
              >
                <option value="">All tags</option>
                {tags.map((t) => (
                  <option key={t} value={t}>
                    #{t}
                  </option>
                ))}
              </select>
              <select
                value={order}
                onChange={(e) => setOrder(e.target.value as Order)}
                aria-label="Order"
              >
                <option value="library">In library order</option>
                <option value="newest">Newest first</option>
                <option value="oldest">Oldest first</option>
              </select>
            </div>
            <PaletteNames
              palette={palette}
              onRename={(c, name) => void annotations.renameColor(c, name)}
            />
            {items.length === 0 && all && (
              <div className="state">
                <p>No bookmarks or notes yet.</p>
                <p className="state-detail">Select words in an article to bookmark them.</p>
              </div>
            )}
            {items.length > 0 && shown.length === 0 && (
              <p className="state-detail">Nothing matches the filter.</p>
            )}
            {groups.length > 0 && (
              <AllNotesList groups={groups} palette={palette} scrollRef={pane} onOpen={onOpen} />
            )}
          </>
        )}
        {tab === 'trash' && trash && (
          <section aria-label="Trash">
            {trash.length === 0 ? (
              <div className="state">
                <p>The trash is empty.</p>
              </div>
            ) : (
              <>
                <button
                  type="button"
                  className="small-button danger"
                  onClick={() => setConfirmEmpty(true)}
                >
                  Empty trash
                </button>
                {confirmEmpty && (
                  <Dialog title="Empty the trash?" onClose={() => setConfirmEmpty(false)}>
                    <p>
                      {trash.length === 1
                        ? 'The item in the trash will be deleted for good.'
                        : `The ${trash.length} items in the trash will be deleted for good.`}{' '}
                      This cannot be undone.
                    </p>
                    <div className="dialog-actions">
                      <button
                        type="button"
                        className="small-button"
                        onClick={() => setConfirmEmpty(false)}
                      >
                        Keep them
                      </button>
                      <button
                        type="button"
                        className="small-button danger"
                        onClick={() => {
                          setConfirmEmpty(false)
                          api()
                            .emptyTrash()
                            .then(
                              () => annotations.refresh(),
                              (e: unknown) => setError(messageOf(e)),
                            )
                            .finally(() => setTrash([]))
                        }}
                      >
                        Delete for good
                      </button>
                    </div>
                  </Dialog>
                )}
                <ul>
                  {trash.map((i) => (
                    <li key={i.id} className="summary-item trashed">
                      <span className="kind">
                        {i.type === 'bookmark' ? (
                          <>
                            <span className={`swatch small swatch-${i.color}`} aria-hidden="true" />{' '}
                            Bookmark, {palette?.[i.color].name ?? i.color}
                          </>
                        ) : (
                          'Note'
                        )}
                        {i.deleted && (
                          <>
                            {' · deleted '}
                            <time dateTime={i.deleted}>{formatWhen(i.deleted)}</time>
                          </>
                        )}
                      </span>
                      <span className="summary-note">
                        {i.type === 'bookmark'
                          ? `“${i.anchor.quote.exact}”`
                          : i.text || '(empty note)'}
                      </span>
                      <span className="summary-tags">{titles.get(i.articleId) ?? i.articleId}</span>
                      <button
                        type="button"
                        className="small-button"
                        onClick={() => void annotations.restore(i)}
                      >
                        Restore
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        )}
      </div>
    </main>
  )
}
