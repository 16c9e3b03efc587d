import { forwardRef, useEffect, useMemo, useState, type FocusEvent, type ReactNode } from 'react'
import type { SearchHit } from '../../../shared/types'
import { api, messageOf } from '../api'

interface Props {
  onOpenHit: (hit: SearchHit) => void
  /** Esc: the keyboard goes back to reading (the query stays for when the reader returns). */
  onLeave: () => void
}

type Choice = { hit: SearchHit } | { more: string }

interface Group {
  articleId: string
  title: string
  hits: SearchHit[]
}

/** Passages shown per article until the reader asks for more. */
const PER_ARTICLE = 3
/** Shorter than this, a query matches too much to be worth asking (see MIN_PREFIX in main). */
const MIN_QUERY = 2

/** Renders a snippet with its matched words marked, as React text nodes (nothing is parsed as HTML). */
function Snippet({ hit }: { hit: SearchHit }) {
  const parts: ReactNode[] = []
  let at = 0
  hit.marks.forEach(([start, end], i) => {
    parts.push(hit.snippet.slice(at, start), <mark key={i}>{hit.snippet.slice(start, end)}</mark>)
    at = end
  })
  parts.push(hit.snippet.slice(at))
  return <span className="snippet">{parts}</span>
}

function groupByArticle(hits: SearchHit[]): Group[] {
  const groups = new Map<string, Group>()
  for (const hit of hits) {
    const g = groups.get(hit.articleId) ?? { articleId: hit.articleId, title: hit.title, hits: [] }
    g.hits.push(hit)
    groups.set(hit.articleId, g)
  }
  return [...groups.values()]
}

/** The search box: results as you type, grouped by article; arrows move, Enter opens. */
export const SearchBox = forwardRef<HTMLInputElement, Props>(function SearchBox(
  { onOpenHit, onLeave },
  ref,
) {
  const [query, setQuery] = useState('')
  const [hits, setHits] = useState<SearchHit[]>([])
  /** The corrected query the hits answer, when a word matched nothing. */
  const [correctedTo, setCorrectedTo] = useState<string | null>(null)
  /** The library's index is still being built: the answer may grow. */
  const [indexing, setIndexing] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  // Enter pressed before the results arrived: open the best one as soon as they do.
  const [enterPending, setEnterPending] = useState(false)
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set())

  const tooShort = query.trim().length > 0 && query.trim().length < MIN_QUERY

  useEffect(() => {
    if (query.trim().length < MIN_QUERY) {
      setHits([])
      setCorrectedTo(null)
      setError(null)
      setBusy(false)
      return
    }
    let stale = false
    setBusy(true)
    const timer = setTimeout(() => {
      api()
        .search({ query, limit: 60 })
        .then((r) => {
          if (stale) return
          setHits(r.hits)
          setCorrectedTo(r.showingResultsFor ?? null)
          setIndexing(Boolean(r.indexing))
          setExpanded(new Set())
          setError(null)
          setActive(0)
        })
        .catch((err: unknown) => !stale && setError(messageOf(err)))
        .finally(() => !stale && setBusy(false))
    }, 60)
    return () => {
      stale = true
      clearTimeout(timer)
    }
  }, [query])

  const groups = useMemo(
    () =>
      groupByArticle(hits).map((g) => ({
        ...g,
        hidden: expanded.has(g.articleId) ? 0 : Math.max(0, g.hits.length - PER_ARTICLE),
        hits: expanded.has(g.articleId) ? g.hits : g.hits.slice(0, PER_ARTICLE),
      })),
    [hits, expanded],
  )
  /** What the arrow keys move through: the hits, and each group's "more" line. */
  const options = useMemo(
    () =>
      groups.flatMap((g): Choice[] => [
        ...g.hits.map((hit) => ({ hit })),
        ...(g.hidden > 0 ? [{ more: g.articleId }] : []),
      ]),
    [groups],
  )
  const ordered = useMemo(() => groups.flatMap((g) => g.hits), [groups])
  const showPanel = open && query.trim().length > 0

  /** Focus leaving the box and its results closes them. */
  const closeUnlessWithin = (e: FocusEvent<HTMLElement>): void => {
    const search = e.currentTarget.closest('.search')
    if (!search?.contains(e.relatedTarget as Node | null)) setOpen(false)
  }

  // The option chosen with the arrow keys stays in view.
  useEffect(() => {
    if (showPanel) document.getElementById(`hit-${active}`)?.scrollIntoView({ block: 'nearest' })
  }, [active, showPanel])

  const choose = (choice: Choice | undefined): void => {
    if (!choice) return
    if ('more' in choice) {
      setExpanded((s) => new Set(s).add(choice.more))
      return
    }
    setOpen(false)
    onOpenHit(choice.hit)
  }

  useEffect(() => {
    if (!enterPending || busy) return
    setEnterPending(false)
    if (ordered[0]) {
      setOpen(false)
      onOpenHit(ordered[0])
    }
  }, [enterPending, busy, ordered, onOpenHit])

  const summary = error
    ? 'Search failed'
    : tooShort
      ? 'Keep typing…'
      : busy && hits.length === 0
        ? 'Searching…'
        : hits.length === 0
          ? 'No matches'
          : `${hits.length} ${hits.length === 1 ? 'passage' : 'passages'} in ${groups.length} ${groups.length === 1 ? 'article' : 'articles'}`

  return (
    <div className="search" role="search">
      <input
        ref={ref}
        type="search"
        className="search-input"
        placeholder="Search all articles"
        aria-label="Search all articles"
        aria-expanded={showPanel}
        aria-controls="search-results"
        aria-activedescendant={showPanel && options[active] ? `hit-${active}` : undefined}
        role="combobox"
        data-pane-start=""
        aria-autocomplete="list"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value)
          setOpen(true)
        }}
        onFocus={() => setOpen(true)}
        onBlur={closeUnlessWithin}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault()
            setOpen(true)
            const n = options.length
            if (n) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : -1) + n) % n)
          } else if (e.key === 'Enter') {
            e.preventDefault()
            if (busy) setEnterPending(true)
            else choose(options[active])
          } else if (e.key === 'Escape') {
            // One press leaves search, back to where the reader was reading.
            e.preventDefault()
            e.stopPropagation()
            setOpen(false)
            onLeave()
          }
        }}
      />
      {!query && (
        <kbd className="search-hint" aria-hidden="true">
          {/Mac|iPhone|iPad/.test(navigator.platform) ? '⌘ K' : 'Ctrl K'}
        </kbd>
      )}
      <p className="visually-hidden" aria-live="polite">
        {showPanel ? summary : ''}
      </p>
      {showPanel && (
        // Focusable (Tab from the box) so a long list can be scrolled from the keyboard too.
        <div className="search-panel" tabIndex={0} onBlur={closeUnlessWithin}>
          <p className="search-summary">{error ?? summary}</p>
          {indexing && !error && (
            <p className="state-detail">
              Lectern is still indexing your library: some articles are not searched yet.
            </p>
          )}
          {tooShort && (
            <p className="state-detail">
              Type at least two letters: every word that starts with them is searched as you type.
            </p>
          )}
          {!error && correctedTo !== null && hits.length > 0 && (
            <p className="search-correction">
              No match for “{query.trim()}”. Showing results for{' '}
              <strong>{correctedTo.trim()}</strong>.
            </p>
          )}
          {!error && !tooShort && hits.length === 0 && !busy && (
            <p className="state-detail">
              Try fewer words, or another spelling. A word in quotes finds an exact phrase.
            </p>
          )}
          <div id="search-results" role="listbox" aria-label="Search results" aria-busy={busy}>
            {groups.map((g) => (
              <div key={g.articleId} className="result-group" role="group" aria-label={g.title}>
                <h3 aria-hidden="true">{g.title}</h3>
                {g.hits.map((hit) => {
                  const index = options.findIndex((o) => 'hit' in o && o.hit === hit)
                  return (
                    <div
                      key={`${hit.articleId}-${hit.paragraph}-${hit.kind}`}
                      id={`hit-${index}`}
                      role="option"
                      aria-selected={index === active}
                      className="result"
                      onMouseDown={(e) => e.preventDefault()}
                      onMouseEnter={() => setActive(index)}
                      onClick={() => choose({ hit })}
                    >
                      {hit.kind !== 'passage' && (
                        <span className={`hit-kind kind-${hit.kind}`}>
                          {hit.kind === 'note' ? 'Note' : 'Bookmark'}
                        </span>
                      )}
                      {hit.bookmarked && <span className="hit-kind kind-bookmark">Bookmarked</span>}
                      <Snippet hit={hit} />
                    </div>
                  )
                })}
                {g.hidden > 0 &&
                  (() => {
                    const index = options.findIndex((o) => 'more' in o && o.more === g.articleId)
                    return (
                      <div
                        id={`hit-${index}`}
                        role="option"
                        aria-selected={index === active}
                        className="more-hits"
                        onMouseDown={(e) => e.preventDefault()}
                        onMouseEnter={() => setActive(index)}
                        onClick={() => choose({ more: g.articleId })}
                      >
                        {g.hidden} more in this article
                      </div>
                    )
                  })()}
              </div>
            ))}
          </div>
        </div>
      )}
    </div>
  )
})
