import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react'
import { LIMITS, THEMES, type Settings } from '../../shared/settings'
import { THEME_LABELS } from '../../shared/themes'
import {
  DEFAULT_PALETTE,
  type Article,
  type ArticleSummary,
  type PlacedBookmark,
  type SearchHit,
} from '../../shared/types'
import { api, messageOf, onMenuCommand } from './api'
import type { Position } from './annotations/passages'
import { useAnnotations } from './annotations/useAnnotations'
import { AllNotesView } from './components/AllNotesView'
import type { ExportMenuHandle } from './components/ExportMenu'
import { ArticleList } from './components/ArticleList'
import { ImportMenu, LibraryFilters } from './components/LibraryTools'
import { ImportDialog } from './import/ImportDialog'
import { useImport } from './import/useImport'
import { statusOf, useLibrary } from './hooks/useLibrary'
import { ArticleActions, ArticleEnding } from './components/ArticleActions'
import { ArticleView, type ReadingTarget } from './components/ArticleView'
import { NotesPane } from './components/NotesPane'
import { PaneSplitter } from './components/PaneSplitter'
import { RecoveryBanner } from './components/RecoveryBanner'
import { ShortcutSheet } from './components/ShortcutSheet'
import { Toast } from './components/Toast'
import { TopBar } from './components/TopBar'
import { VaultDialog } from './components/VaultDialog'
import { cyclePanes, focusReader } from './focusPanes'
import { usePanes } from './hooks/usePanes'
import { useShortcuts } from './hooks/useShortcuts'
import { shownTheme } from './settings/appearance'
import { SettingsPanel } from './settings/SettingsPanel'
import { useSettings } from './settings/useSettings'

/** Reading positions are saved at most this often while scrolling. */
const SAVE_READING_MS = 1000

export function App({ initialSettings }: { initialSettings: Settings }) {
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
  /** A bookmark just saved: its note opens for typing, where the notes pane is in view. */
  const [newBookmarkId, setNewBookmarkId] = useState<string | null>(null)
  const [progress, setProgress] = useState<Record<string, number>>({})
  /** The paragraph at the top of the article's view, for the notes pane to follow. */
  const [readingParagraph, setReadingParagraph] = useState(0)
  /** Where the reader was in each article: restored when it is opened again. */
  const positions = useRef<Record<string, { progress: number; paragraph: number }>>({})
  const searchInput = useRef<HTMLInputElement>(null)
  const exportMenu = useRef<ExportMenuHandle>(null)
  const pendingReading = useRef<{ articleId: string; progress: number; paragraph: number } | null>(
    null,
  )
  const readingTimer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const annotations = useAnnotations(openId)
  const { user, say } = annotations
  const [dialog, setDialog] = useState<'settings' | 'shortcuts' | 'vault' | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const { settings, change } = useSettings(initialSettings, (message) =>
    say(message, { error: true }),
  )
  const panes = usePanes(settings.panes, change, settings.fontSize)
  const library = useLibrary(user, progress)
  const { articles } = library
  const importer = useImport({ onImported: library.reload, say })
  const [dropping, setDropping] = useState(false)
  /** Follows a `lectern://` link the system handed to Lectern (from a note in a vault, say). */
  /** Resolves to whether a link opened an article. */
  const followLink = useRef<() => Promise<boolean>>(async () => false)
  followLink.current = () =>
    api()
      .takeOpenedLink()
      .then((route) => {
        if (!route) return false
        if (route.notice) say(route.notice)
        if (!route.articleId) return false
        if (route.bookmarkId) setFocusedBookmark(route.bookmarkId)
        open(
          route.articleId,
          route.paragraph === undefined
            ? null
            : {
                articleId: route.articleId,
                paragraph: route.paragraph,
                words: [],
                nonce: Date.now(),
              },
        )
        focusReader()
        return true
      })
      .catch(() => false)
  // File ▸ Import in the application menu: the window runs it, to show its progress.
  const { choose: chooseImport } = importer
  useEffect(
    () =>
      onMenuCommand((command) => {
        if (command === 'open-link') void followLink.current()
        else chooseImport(command === 'import-folder')
      }),
    [chooseImport],
  )

  // At start, continue where the reader left off, unless they opened an article meanwhile.
  const started = useRef(false)
  const openedSinceStart = useRef(false)
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
    // What was read before; anything read since the window opened stays.
    const before = Object.fromEntries(Object.entries(reading).map(([id, r]) => [id, r.progress]))
    setProgress((now) => ({ ...before, ...now }))
    // Started by a lectern:// link: the link's article opens at its passage. Otherwise the
    // reader continues where they left off. Deciding after the link is known keeps the two
    // from racing to scroll the same article.
    void followLink.current().then((followed) => {
      if (followed || openedSinceStart.current) return
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
    })
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

  // On the first article shown, with nothing else focused, Space, PageDown and ↓ read on at once.
  const readerFocused = useRef(false)
  useEffect(() => {
    if (!article || readerFocused.current) return
    readerFocused.current = true
    if (document.activeElement === document.body || !document.activeElement) focusReader()
  }, [article])

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
      setReadingParagraph(paragraph)
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
      openedSinceStart.current = true
      flushReading()
      const was = positions.current[id]
      setView('reader')
      if (panes.list.mode === 'drawer') panes.closeDrawers()
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
    [flushReading, openId, panes],
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
      // Reading goes on where the result is, with the keys that scroll it.
      focusReader()
    },
    [open],
  )

  const addBookmark = useCallback(
    (position: Position, color: PlacedBookmark['color']) => {
      if (!openId) return
      void annotations.addBookmark(openId, position, color).then((b) => {
        if (!b) return
        setFocusedBookmark(b.id)
        // One editor opens by itself at a time: two would take the keyboard from each other.
        setNewNoteId(null)
        if (panes.notes.shown && panes.notes.mode === 'docked') setNewBookmarkId(b.id)
      })
    },
    [annotations, openId, panes.notes.shown, panes.notes.mode],
  )

  const addNote = (): void => {
    if (!openId) return
    void annotations.addNote(openId).then((n) => {
      if (!n) return
      setNewBookmarkId(null)
      setNewNoteId(n.id)
    })
  }

  /** Next and previous go through the list as it is shown (filtered and sorted). */
  const step = (delta: number): void => {
    const list = library.shown ?? articles
    if (!list?.length) return
    const at = list.findIndex((a) => a.id === openId)
    const next = list[Math.max(0, Math.min(list.length - 1, at + delta))]
    if (next) open(next.id)
  }

  const setMark = (articleId: string, mark: 'archived' | 'finished', on: boolean): void => {
    api()
      .setReadingMark({ articleId, mark, on })
      .then(() => {
        annotations.refresh()
        const title = articles?.find((a) => a.id === articleId)?.title ?? 'The article'
        const said = {
          archived: on ? `“${title}” archived.` : `“${title}” is back in the library.`,
          finished: on ? `“${title}” marked finished.` : `“${title}” marked unfinished.`,
        }
        say(said[mark], { undo: () => setMark(articleId, mark, !on) })
      })
      .catch((err: unknown) => say(`Not saved: ${messageOf(err)}`, { error: true }))
  }

  const removeArticle = (summary: ArticleSummary): void => {
    const list = library.shown ?? []
    const at = list.findIndex((a) => a.id === summary.id)
    api()
      .removeArticle({ articleId: summary.id })
      .then(() => {
        library.reload()
        if (openId === summary.id) {
          const next = list[at + 1] ?? list[at - 1]
          if (next && next.id !== summary.id) open(next.id)
          else {
            setOpenId(null)
            setArticle(null)
          }
        }
        // After the open article moved on: reloading the removed one's notes would fail.
        annotations.reload()
        say(`“${summary.title}” moved to the trash, with its bookmarks and notes.`, {
          undo: () =>
            void api()
              .restoreArticle({ articleId: summary.id })
              .then(() => {
                library.reload()
                annotations.reload()
                say(`“${summary.title}” is back.`)
              }),
        })
      })
      .catch((err: unknown) => say(`Not removed: ${messageOf(err)}`, { error: true }))
  }

  /** Leaving find returns to the text, never to the page's body. */
  const closeFind = (): void => {
    setFindOpen(false)
    focusReader()
  }

  const focusSearch = (): void => {
    searchInput.current?.focus()
    searchInput.current?.select()
  }

  const textSize = (delta: number): void => {
    const { min, max } = LIMITS.fontSize
    const fontSize = Math.max(min, Math.min(max, settings.fontSize + delta))
    change({ fontSize })
    setAnnouncement(`Text size ${fontSize}`)
  }

  /**
   * The next (or previous) bookmark of the open article: after the one last visited, or else
   * after the paragraph the reader is at.
   */
  const stepHighlight = (delta: 1 | -1): void => {
    const placed = (annotations.list?.bookmarks ?? []).filter((b) => b.placed)
    if (!placed.length || !openId) {
      setAnnouncement('No bookmarks in this article')
      return
    }
    const at = placed.findIndex((b) => b.id === focusedBookmark)
    const here = positions.current[openId]?.paragraph ?? 0
    const next =
      at >= 0
        ? placed[at + delta]
        : delta > 0
          ? placed.find((b) => (b.placed?.paragraph ?? 0) >= here)
          : placed.findLast((b) => (b.placed?.paragraph ?? 0) < here)
    if (!next) {
      setAnnouncement(delta > 0 ? 'No more bookmarks below' : 'No more bookmarks above')
      return
    }
    jumpToBookmark(next)
    focusReader()
    setAnnouncement(`Bookmark ${placed.indexOf(next) + 1} of ${placed.length}`)
  }

  useShortcuts({
    nextHighlight: () => view === 'reader' && stepHighlight(1),
    previousHighlight: () => view === 'reader' && stepHighlight(-1),
    search: focusSearch,
    find: () => view === 'reader' && setFindOpen(true),
    undo: annotations.undo,
    next: () => step(1),
    previous: () => step(-1),
    bookmark: () => setBookmarkRequest((n) => n + 1),
    note: addNote,
    export: () => exportMenu.current?.open(),
    allNotes: () => setView((v) => (v === 'all-notes' ? 'reader' : 'all-notes')),
    toggleList: () => {
      panes.toggleList()
      setAnnouncement(panes.list.shown ? 'Library hidden' : 'Library shown')
    },
    toggleNotes: () => {
      panes.toggleNotes()
      setAnnouncement(panes.notes.shown ? 'Notes hidden' : 'Notes shown')
    },
    focusMode: () => {
      panes.toggleFocus()
      setAnnouncement(panes.focus ? 'Focus mode off' : 'Focus mode on')
    },
    nextPane: () => cyclePanes(1),
    previousPane: () => cyclePanes(-1),
    nextTheme: () => {
      const theme = THEMES[(THEMES.indexOf(settings.theme) + 1) % THEMES.length] ?? 'system'
      change({ theme })
      // "Follow the system" looks like light or dark: say which, so a press never seems lost.
      const now = shownTheme({ ...settings, theme })
      const label = theme === 'system' ? `${THEME_LABELS[theme]} (${now} now)` : THEME_LABELS[theme]
      say(`Theme: ${label}`)
    },
    largerText: () => textSize(1),
    smallerText: () => textSize(-1),
    settings: () => setDialog('settings'),
    help: () => setDialog('shortcuts'),
    close: () => {
      if (findOpen) closeFind()
      else panes.closeDrawers()
    },
  })

  const counts = user?.counts ?? {}
  const layout = [
    'app',
    panes.list.shown ? `list-${panes.list.mode}` : 'list-hidden',
    panes.notes.shown && view !== 'all-notes' ? `notes-${panes.notes.mode}` : 'notes-hidden',
    panes.focus ? 'focus-mode' : '',
  ]
  const reading = user?.reading.articles ?? {}
  /** The first article after this one in the list (then from the top) that is not yet begun. */
  const nextUnread = (id: string): ArticleSummary | null => {
    const list = library.shown ?? articles ?? []
    const at = list.findIndex((a) => a.id === id)
    const order = [...list.slice(at + 1), ...list.slice(0, Math.max(0, at))]
    return order.find((a) => statusOf(reading[a.id], progress[a.id]) === 'unread') ?? null
  }
  const isFiles = (e: DragEvent): boolean => [...e.dataTransfer.types].includes('Files')
  return (
    <div
      className={layout.filter(Boolean).join(' ')}
      onDragOver={(e) => {
        if (!isFiles(e)) return
        // Taken here, or the window would try to open the file itself.
        e.preventDefault()
        e.dataTransfer.dropEffect = 'copy'
        setDropping(true)
      }}
      onDragLeave={(e) => {
        if (!e.relatedTarget) setDropping(false)
      }}
      onDrop={(e) => {
        if (!isFiles(e)) return
        e.preventDefault()
        setDropping(false)
        importer.drop(e.dataTransfer)
      }}
    >
      <TopBar
        searchInput={searchInput}
        exportMenu={exportMenu}
        openId={openId}
        allNotes={view === 'all-notes'}
        panes={panes}
        onOpenHit={openHit}
        onLeaveSearch={focusReader}
        onToggleAllNotes={() => setView((v) => (v === 'all-notes' ? 'reader' : 'all-notes'))}
        onExportResult={(message, error) => say(message, error ? { error: true } : {})}
        onRestored={annotations.reload}
        onSettings={() => setDialog('settings')}
        onHelp={() => setDialog('shortcuts')}
        onVault={() => setDialog('vault')}
      />
      {user?.recovery && (
        <RecoveryBanner notice={user.recovery} onDismiss={annotations.dismissRecovery} />
      )}
      {panes.list.shown && (
        <ArticleList
          articles={library.shown}
          total={articles?.length ?? 0}
          actions={<ImportMenu onChoose={importer.choose} />}
          tools={articles && articles.length > 0 ? <LibraryFilters library={library} /> : null}
          marks={(id) => ({
            finished: statusOf(reading[id], progress[id]) === 'finished',
            archived: Boolean(reading[id]?.archived),
          })}
          error={library.error}
          openId={openId}
          counts={counts}
          progress={progress}
          drawer={panes.list.mode === 'drawer'}
          onOpen={(id, byKeyboard) => {
            open(id)
            if (byKeyboard) focusReader()
          }}
          onRetry={library.reload}
        />
      )}
      {panes.list.shown && panes.list.mode === 'docked' && (
        <PaneSplitter
          pane="library"
          controls="pane-list"
          side="left"
          width={settings.panes.listWidth}
          {...LIMITS.listWidth}
          onResize={(listWidth) => change({ panes: { listWidth } })}
        />
      )}
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
          onCloseFind={closeFind}
          onRetry={() => openId && loadArticle(openId)}
          ending={
            article && (
              <ArticleEnding
                finished={statusOf(reading[article.id], progress[article.id]) === 'finished'}
                next={nextUnread(article.id)}
                onFinished={() => setMark(article.id, 'finished', true)}
                onNext={(id) => {
                  open(id)
                  focusReader()
                }}
              />
            )
          }
          actions={
            article && (
              <ArticleActions
                article={article}
                archived={Boolean(reading[article.id]?.archived)}
                finished={statusOf(reading[article.id], progress[article.id]) === 'finished'}
                onMark={(mark, on) => setMark(article.id, mark, on)}
                onRemove={() => removeArticle(article)}
              />
            )
          }
        />
      )}
      {panes.notes.shown && panes.notes.mode === 'docked' && view !== 'all-notes' && (
        <PaneSplitter
          pane="notes"
          controls="pane-notes"
          side="right"
          width={settings.panes.notesWidth}
          {...LIMITS.notesWidth}
          onResize={(notesWidth) => change({ panes: { notesWidth } })}
        />
      )}
      {/* All notes has the whole width: the notes pane would only repeat the open article's cards. */}
      {panes.notes.shown && view !== 'all-notes' && (
        <NotesPane
          article={article}
          annotations={annotations}
          focusedBookmark={focusedBookmark}
          newNoteId={newNoteId}
          newBookmarkId={newBookmarkId}
          readingParagraph={article && article.id === openId ? readingParagraph : undefined}
          drawer={panes.notes.mode === 'drawer'}
          onAddNote={addNote}
          onJumpToBookmark={jumpToBookmark}
          onJump={(paragraph) =>
            article &&
            open(article.id, { articleId: article.id, paragraph, words: [], nonce: Date.now() })
          }
        />
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <Toast toast={annotations.toast} onDismiss={annotations.dismissToast} />
      {dialog === 'settings' && (
        <SettingsPanel settings={settings} onChange={change} onClose={() => setDialog(null)} />
      )}
      {dialog === 'shortcuts' && <ShortcutSheet onClose={() => setDialog(null)} />}
      {dialog === 'vault' && <VaultDialog onClose={() => setDialog(null)} />}
      <ImportDialog importer={importer} onOpen={(id) => open(id)} />
      {dropping && (
        <div className="drop-zone" aria-hidden="true">
          <p>Drop saved pages, Markdown or text to import them</p>
        </div>
      )}
    </div>
  )
}
