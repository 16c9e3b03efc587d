import { useCallback, useEffect, useRef, useState } from 'react'
import {
  DEFAULT_PALETTE,
  type Article,
  type ArticleSummary,
  type PlacedBookmark,
  type SearchHit,
} from '../../shared/types'
import { api, messageOf } from './api'
import type { Position } from './annotations/passages'
import { useAnnotations } from './annotations/useAnnotations'
import { AllNotesView } from './components/AllNotesView'
import { ExportMenu, type ExportMenuHandle } from './components/ExportMenu'
import { ArticleList } from './components/ArticleList'
import { ArticleView, type ReadingTarget } from './components/ArticleView'
import { NotesPane } from './components/NotesPane'
import { RecoveryBanner } from './components/RecoveryBanner'
import { SearchBox } from './components/SearchBox'
import { Toast } from './components/Toast'
import { useShortcuts } from './hooks/useShortcuts'

/** Reading positions are saved at most this often while scrolling. */
const SAVE_READING_MS = 1000

export function App() {
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null)
  const [listError, setListError] = useState<string | null>(null)
  const [openId, setOpenId] = useState<string | null>(null)
  const [article, setArticle] = useState<Article | null>(null)
  const [articleError, setArticleError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [target, setTarget] = useState<ReadingTarget | null>(null)
  const [findOpen, setFindOpen] = useState(false)
  const [view, setView] = useState<'reader' | 'all-notes'>('reader')
  const [focusedBookmark, setFocusedBookmark] = useState<string | null>(null)
  const [bookmarkRequest, setBookmarkRequest] = useState(0)
  const [newNoteId, setNewNoteId] = useState<string | null>(null)
  const [progress, setProgress] = useState<Record<string, number>>({})
  /** Where the reader was in each article: restored when it is opened again. */
  const positions = useRef<Record<string, { progress: number; paragraph: number }>>({})
  const searchInput = useRef<HTMLInputElement>(null)
  const exportMenu = useRef<ExportMenuHandle>(null)
  const pendingReading = useRef<{ articleId: string; progress: number; paragraph: number } | null>(
    null,
  )
  const readingTimer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const annotations = useAnnotations(openId)
  const { user } = annotations

  const loadList = useCallback(() => {
    setListError(null)
    api()
      .listArticles()
      .then(setArticles)
      .catch((err: unknown) => setListError(messageOf(err)))
  }, [])
  useEffect(loadList, [loadList])

  // At start, continue where the reader left off.
  const started = useRef(false)
  useEffect(() => {
    if (started.current || !articles || !(user || annotations.userFailed)) return
    started.current = true
    const reading = user?.reading.articles ?? {}
    positions.current = Object.fromEntries(
      Object.entries(reading).map(([id, r]) => [
        id,
        { progress: r.progress, paragraph: r.paragraph },
      ]),
    )
    setProgress(Object.fromEntries(Object.entries(reading).map(([id, r]) => [id, r.progress])))
    const last = articles.find((a) => a.id === user?.reading.lastArticleId) ?? articles[0]
    if (!last) return
    const saved = reading[last.id]
    setTarget(
      saved
        ? {
            articleId: last.id,
            paragraph: saved.paragraph,
            words: [],
            quiet: true,
            nonce: Date.now(),
          }
        : null,
    )
    setOpenId(last.id)
  }, [articles, user, annotations.userFailed])

  const loadArticle = useCallback((id: string) => {
    let stale = false
    setLoading(true)
    setArticleError(null)
    api()
      .getArticle({ id })
      .then((a) => !stale && setArticle(a))
      .catch((err: unknown) => !stale && setArticleError(messageOf(err)))
      .finally(() => !stale && setLoading(false))
    return () => {
      stale = true
    }
  }, [])
  useEffect(() => (openId ? loadArticle(openId) : undefined), [openId, loadArticle])

  const flushReading = useCallback(() => {
    clearTimeout(readingTimer.current)
    readingTimer.current = undefined
    const r = pendingReading.current
    pendingReading.current = null
    if (r)
      void api()
        .saveReading(r)
        .catch(() => undefined) // a lost position is not worth an alarm
  }, [])

  const onProgress = useCallback(
    (value: number, paragraph: number) => {
      if (!openId) return
      pendingReading.current = { articleId: openId, progress: value, paragraph }
      positions.current[openId] = { progress: value, paragraph }
      setProgress((p) =>
        Math.abs((p[openId] ?? 0) - value) > 0.01 ? { ...p, [openId]: value } : p,
      )
      readingTimer.current ??= setTimeout(flushReading, SAVE_READING_MS)
    },
    [openId, flushReading],
  )

  /** Opens an article: at `to` if given, else where the reader last was in it. */
  const open = useCallback(
    (id: string, to: ReadingTarget | null = null) => {
      flushReading()
      const was = positions.current[id]
      setView('reader')
      setTarget(
        to ??
          (was
            ? { articleId: id, paragraph: was.paragraph, words: [], quiet: true, nonce: Date.now() }
            : null),
      )
      setOpenId(id)
      if (id !== openId) {
        pendingReading.current = {
          articleId: id,
          progress: was?.progress ?? 0,
          paragraph: was?.paragraph ?? 0,
        }
        flushReading() // remember it as the last article read
      }
    },
    [flushReading, openId],
  )

  const jumpToBookmark = useCallback(
    (b: PlacedBookmark) => {
      setFocusedBookmark(b.id)
      if (b.placed)
        open(b.articleId, {
          articleId: b.articleId,
          paragraph: b.placed.paragraph,
          words: [],
          nonce: Date.now(),
        })
      else open(b.articleId)
    },
    [open],
  )

  const openHit = useCallback(
    (hit: SearchHit) => {
      if (hit.kind !== 'passage' && hit.annotationId) setFocusedBookmark(hit.annotationId)
      const words =
        hit.kind === 'passage'
          ? [...new Set(hit.marks.map(([s, e]) => hit.snippet.slice(s, e)))]
          : []
      open(hit.articleId, {
        articleId: hit.articleId,
        paragraph: Math.max(0, hit.paragraph),
        words,
        nonce: Date.now(),
      })
    },
    [open],
  )

  const addBookmark = useCallback(
    (position: Position, color: PlacedBookmark['color']) => {
      if (!openId) return
      void annotations
        .addBookmark(openId, position, color)
        .then((b) => b && setFocusedBookmark(b.id))
    },
    [annotations, openId],
  )

  const addNote = (): void => {
    if (!openId) return
    void annotations.addNote(openId).then((n) => n && setNewNoteId(n.id))
  }

  const step = (delta: number): void => {
    if (!articles?.length) return
    const at = articles.findIndex((a) => a.id === openId)
    const next = articles[Math.max(0, Math.min(articles.length - 1, at + delta))]
    if (next) open(next.id)
  }

  const focusSearch = (): void => {
    searchInput.current?.focus()
    searchInput.current?.select()
  }

  useShortcuts({
    'mod+k': focusSearch,
    '/': focusSearch,
    'mod+f': () => setFindOpen(true),
    'mod+z': annotations.undo,
    j: () => step(1),
    k: () => step(-1),
    b: () => setBookmarkRequest((n) => n + 1),
    n: addNote,
    e: () => exportMenu.current?.open(),
    escape: () => setFindOpen(false),
  })

  const counts = user?.counts ?? {}
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Lectern</span>
        <SearchBox ref={searchInput} onOpenHit={openHit} />
        <button
          type="button"
          className="small-button"
          aria-pressed={view === 'all-notes'}
          onClick={() => setView((v) => (v === 'all-notes' ? 'reader' : 'all-notes'))}
        >
          All notes
        </button>
        <ExportMenu
          ref={exportMenu}
          articleId={openId}
          onResult={(message, error) => annotations.say(message, error ? { error: true } : {})}
          onRestored={annotations.reload}
        />
      </header>
      {user?.recovery && (
        <RecoveryBanner notice={user.recovery} onDismiss={annotations.dismissRecovery} />
      )}
      <ArticleList
        articles={articles}
        error={listError}
        openId={openId}
        counts={counts}
        progress={progress}
        onOpen={(id) => open(id)}
        onRetry={loadList}
      />
      {view === 'all-notes' && articles ? (
        <AllNotesView
          articles={articles}
          annotations={annotations}
          onClose={() => setView('reader')}
          onOpen={(id, b) => (b ? jumpToBookmark(b) : open(id))}
        />
      ) : (
        <ArticleView
          article={article}
          loading={loading}
          error={articleError}
          target={target}
          findOpen={findOpen && !!article}
          bookmarks={annotations.list?.bookmarks ?? []}
          palette={user?.palette ?? DEFAULT_PALETTE}
          focusedBookmark={focusedBookmark}
          bookmarkRequest={bookmarkRequest}
          onBookmark={addBookmark}
          onFocusBookmark={setFocusedBookmark}
          onProgress={onProgress}
          onCloseFind={() => setFindOpen(false)}
          onRetry={() => openId && loadArticle(openId)}
        />
      )}
      <NotesPane
        article={article}
        annotations={annotations}
        focusedBookmark={focusedBookmark}
        newNoteId={newNoteId}
        onAddNote={addNote}
        onJumpToBookmark={jumpToBookmark}
        onJump={(paragraph) =>
          article &&
          open(article.id, { articleId: article.id, paragraph, words: [], nonce: Date.now() })
        }
      />
      <Toast toast={annotations.toast} onDismiss={annotations.dismissToast} />
    </div>
  )
}
