/**
 * The library as the list shows it: every article, then the reader's choice of which (by
 * reading state and words of the title) and in what order. Archiving, marking finished and
 * removing an article go through here.
 */
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { ArticleReading, ArticleSummary, UserState } from '../../../shared/types'
import { api, messageOf } from '../api'
import { useKeptState } from './useKeptState'

export const SORTS = {
  added: 'Date added',
  published: 'Date published',
  title: 'Title',
  progress: 'Progress',
} as const
export type LibrarySort = keyof typeof SORTS

export const SHOWS = {
  all: 'All',
  unread: 'Unread',
  reading: 'Reading',
  finished: 'Finished',
  archived: 'Archived',
} as const
export type LibraryShow = keyof typeof SHOWS

/** Read this far, an article counts as finished even unmarked. */
export const FINISHED_AT = 0.98

export type ReadingStatus = 'unread' | 'reading' | 'finished'

export function statusOf(reading: ArticleReading | undefined, progress?: number): ReadingStatus {
  const p = progress ?? reading?.progress ?? 0
  if (reading?.finished || p >= FINISHED_AT) return 'finished'
  return p > 0.01 ? 'reading' : 'unread'
}

/** Folded for matching as the reader types: case and accents do not count. */
const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()

export interface Library {
  /** Every article, in library order; null until loaded. */
  articles: ArticleSummary[] | null
  /** The articles the list shows, filtered and sorted. */
  shown: ArticleSummary[] | null
  error: string | null
  reload: () => void
  sort: LibrarySort
  setSort: (sort: LibrarySort) => void
  show: LibraryShow
  setShow: (show: LibraryShow) => void
  query: string
  setQuery: (query: string) => void
}

export function useLibrary(user: UserState | null, progress: Record<string, number>): Library {
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [sort, setSort] = useKeptState<LibrarySort>('library.sort', 'added')
  const [show, setShow] = useKeptState<LibraryShow>('library.show', 'all')
  const [query, setQuery] = useState('')

  const reload = useCallback(() => {
    setError(null)
    api()
      .listArticles()
      .then(setArticles)
      .catch((err: unknown) => setError(messageOf(err)))
  }, [])
  useEffect(reload, [reload])

  const reading = user?.reading.articles
  const shown = useMemo(() => {
    if (!articles) return null
    const words = fold(query).split(/\s+/).filter(Boolean)
    const wanted = articles.filter((a) => {
      const r = reading?.[a.id]
      if (show === 'archived' ? !r?.archived : r?.archived) return false
      if (show !== 'all' && show !== 'archived' && statusOf(r, progress[a.id]) !== show)
        return false
      if (!words.length) return true
      const title = fold(`${a.title} ${a.source ?? ''} ${a.author ?? ''}`)
      return words.every((w) => title.includes(w))
    })
    const order: Record<LibrarySort, (a: ArticleSummary, b: ArticleSummary) => number> = {
      // Newest first; the bundled articles (never added) keep their own order, after.
      added: (a, b) => (b.added ?? '').localeCompare(a.added ?? ''),
      published: (a, b) => (b.date ?? '').localeCompare(a.date ?? ''),
      title: (a, b) => a.title.localeCompare(b.title, undefined, { sensitivity: 'base' }),
      progress: (a, b) => (progress[b.id] ?? 0) - (progress[a.id] ?? 0),
    }
    // A stable sort: equal keys keep library order.
    return wanted.sort(order[sort])
  }, [articles, reading, progress, query, show, sort])

  return { articles, shown, error, reload, sort, setSort, show, setShow, query, setQuery }
}
