/**
 * The reader's bookmarks and notes: every change goes through the user store (durable
 * before it is acknowledged); bookmarks are placed in their article's current text on read.
 */
import { randomUUID } from 'node:crypto'
import { LecternError } from '../../../shared/reply'
import {
  DEFAULT_PALETTE,
  type Anchor,
  type Annotation,
  type AnnotationList,
  type ArticleCounts,
  type Bookmark,
  type Color,
  type Note,
  type Palette,
  type PlacedBookmark,
  type ResolvedAnchor,
  type UserState,
} from '../../../shared/types'
import type { PassagePosition } from '../../../shared/types'
import { describePassage, resolveAnchors, textHash } from '../anchoring'
import type { ArticleLibrary } from '../library/articleLibrary'
import type { StoreData, UserStore } from '../store/userStore'

export interface AnnotationService {
  userState(): UserState
  list(articleId?: string): AnnotationList
  addBookmark(input: {
    articleId: string
    position: PassagePosition
    color?: Color
    tags?: string[]
    note?: string
  }): Promise<PlacedBookmark>
  /**
   * A highlight brought from another reader (an Omnivore export): placed by its quote, exactly
   * then fuzzily, as any bookmark is re-found; one that cannot be placed is kept, orphaned.
   */
  importBookmark(input: {
    articleId: string
    quote: string
    color?: Color
    tags?: string[]
    note?: string
  }): Promise<PlacedBookmark>
  /** Reading state brought from another reader; unlike `saveReading`, it is not "last read". */
  importReading(
    articleId: string,
    state: { progress: number; archived?: boolean; finished?: boolean },
  ): Promise<void>
  updateBookmark(input: {
    id: string
    color?: Color
    tags?: string[]
    note?: string
  }): Promise<PlacedBookmark>
  addNote(input: { articleId: string; text: string; tags?: string[] }): Promise<Note>
  updateNote(input: { id: string; text?: string; tags?: string[] }): Promise<Note>
  remove(id: string): Promise<Annotation>
  restore(id: string): Promise<Annotation>
  purge(id: string): Promise<{ removed: number }>
  trash(): Annotation[]
  emptyTrash(): Promise<{ removed: number }>
  renameColor(color: Color, name: string): Promise<Palette>
  saveReading(articleId: string, progress: number, paragraph: number): Promise<void>
  /** Archives or un-archives an article, or marks it finished or not. */
  setReadingMark(articleId: string, mark: 'archived' | 'finished', on: boolean): Promise<void>
  /** Moves bookmarks, notes and reading state to another article (one saved again, replacing it). */
  moveArticle(from: string, to: string): Promise<void>
  /** Deletes every bookmark and note of an article for good (the article was purged). */
  purgeArticle(articleId: string): Promise<{ removed: number }>
  dismissRecovery(): void
  /** Applies a change to all the data at once (restoring a backup). */
  apply<R>(change: (data: StoreData) => R): Promise<R>
  /** Changes on every write: lets the search index know when to rebuild. */
  readonly revision: number
  /** All live (not deleted) annotations, for the search index. */
  live(): { bookmarks: PlacedBookmark[]; notes: Note[] }
}

export interface AnnotationDeps {
  store: UserStore
  library: ArticleLibrary
  /** Articles in the trash: their annotations wait with them, out of sight. */
  inTrash?: (articleId: string) => boolean
  now?: () => string
  newId?: () => string
}

/** Tags are kept unique, in the order given, without surrounding space. */
const cleanTags = (tags: readonly string[]): string[] => [...new Set(tags.map((t) => t.trim()))]

export function createAnnotationService({
  store,
  library,
  inTrash = () => false,
  now = () => new Date().toISOString(),
  newId = () => randomUUID(),
}: AnnotationDeps): AnnotationService {
  let revision = 0
  let recoverySeen = false
  // Articles do not change while the app runs, so a bookmark's placement is computed once.
  const placements = new Map<string, ResolvedAnchor | null>()

  const place = (bookmarks: readonly Bookmark[]): PlacedBookmark[] => {
    const byArticle = new Map<string, Bookmark[]>()
    for (const b of bookmarks) {
      if (placements.has(b.id)) continue
      byArticle.set(b.articleId, [...(byArticle.get(b.articleId) ?? []), b])
    }
    for (const [articleId, list] of byArticle) {
      let paragraphs: readonly string[] = []
      try {
        paragraphs = library.get(articleId).paragraphs
      } catch {
        // The article is gone from the library: its bookmarks are orphaned, not dropped.
      }
      const resolved = resolveAnchors(
        paragraphs,
        list.map((b) => b.anchor),
      )
      list.forEach((b, i) => placements.set(b.id, resolved[i] ?? null))
    }
    return bookmarks.map((b) => ({ ...b, placed: placements.get(b.id) ?? null }))
  }

  const readingOrder = (a: PlacedBookmark, b: PlacedBookmark): number => {
    if (!a.placed || !b.placed)
      return (a.placed ? 0 : 1) - (b.placed ? 0 : 1) || a.created.localeCompare(b.created)
    return (
      a.placed.paragraph - b.placed.paragraph ||
      a.placed.start - b.placed.start ||
      a.created.localeCompare(b.created)
    )
  }

  const find = (data: StoreData, id: string): Annotation => {
    const found = data.bookmarks.find((b) => b.id === id) ?? data.notes.find((n) => n.id === id)
    if (!found) throw new LecternError('not-found', `No bookmark or note with id "${id}".`)
    return found
  }

  /** Runs a change through the store; the revision moves only once it is durable. */
  const write = async <R>(change: (data: StoreData) => R): Promise<R> => {
    const result = await store.update(change)
    revision++
    return result
  }

  const live = (): { bookmarks: PlacedBookmark[]; notes: Note[] } => ({
    bookmarks: place(store.data.bookmarks.filter((b) => !b.deleted && !inTrash(b.articleId))),
    notes: store.data.notes.filter((n) => !n.deleted && !inTrash(n.articleId)),
  })

  return {
    get revision() {
      return revision
    },
    live,

    async apply(change) {
      const result = await write(change)
      placements.clear()
      return result
    },

    userState() {
      const counts: Record<string, ArticleCounts> = {}
      const count = (articleId: string): ArticleCounts =>
        (counts[articleId] ??= { bookmarks: 0, notes: 0 })
      let trashCount = 0
      const tagUses = new Map<string, number>()
      for (const item of [...store.data.bookmarks, ...store.data.notes]) {
        if (inTrash(item.articleId)) continue
        if (!item.deleted) for (const t of item.tags) tagUses.set(t, (tagUses.get(t) ?? 0) + 1)
        if (item.deleted) trashCount++
        else if (item.type === 'bookmark') count(item.articleId).bookmarks++
        else count(item.articleId).notes++
      }
      return {
        palette: { ...DEFAULT_PALETTE, ...store.data.palette },
        reading: store.data.reading,
        counts,
        trashCount,
        recovery: recoverySeen ? null : store.recovery,
        tags: [...tagUses]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .map(([tag]) => tag),
      }
    },

    list(articleId) {
      const { bookmarks, notes } = live()
      const mine = <T extends { articleId: string }>(xs: T[]): T[] =>
        articleId ? xs.filter((x) => x.articleId === articleId) : xs
      return {
        bookmarks: mine(bookmarks).sort(
          (a, b) => a.articleId.localeCompare(b.articleId) || readingOrder(a, b),
        ),
        notes: mine(notes).sort((a, b) => a.created.localeCompare(b.created)),
      }
    },

    async addBookmark({ articleId, position, color = 'yellow', tags = [], note = '' }) {
      const article = library.get(articleId)
      const anchor = describePassage(article.paragraphs, position)
      const at = now()
      const bookmark: Bookmark = {
        id: newId(),
        type: 'bookmark',
        articleId,
        color,
        tags: cleanTags(tags),
        note,
        anchor,
        created: at,
        modified: at,
      }
      await write((data) => {
        data.bookmarks.push(bookmark)
      })
      return place([bookmark])[0] as PlacedBookmark
    },

    async importBookmark({ articleId, quote, color = 'yellow', tags = [], note = '' }) {
      const { paragraphs } = library.get(articleId)
      const exact = quote.trim()
      // No position is known: the quote alone finds the passage, or nothing does.
      const unplaced: Anchor = {
        quote: { exact, prefix: '', suffix: '' },
        position: { paragraph: 0, start: 0, end: 0 },
        textHash: textHash(paragraphs),
      }
      const found = resolveAnchors(paragraphs, [unplaced])[0]
      const anchor = found
        ? describePassage(paragraphs, {
            paragraph: found.paragraph,
            start: found.start,
            end: found.end,
            ...(found.endParagraph !== undefined ? { endParagraph: found.endParagraph } : {}),
          })
        : unplaced
      const at = now()
      const bookmark: Bookmark = {
        id: newId(),
        type: 'bookmark',
        articleId,
        color,
        tags: cleanTags(tags),
        note,
        anchor,
        created: at,
        modified: at,
      }
      await write((data) => {
        data.bookmarks.push(bookmark)
      })
      return place([bookmark])[0] as PlacedBookmark
    },

    async importReading(articleId, { progress, archived, finished }) {
      const { paragraphs } = library.get(articleId)
      await write((data) => {
        const at = now()
        const was = data.reading.articles[articleId]
        data.reading.articles[articleId] = {
          ...was,
          progress: Math.max(0, Math.min(1, progress)),
          paragraph: Math.min(
            Math.max(0, paragraphs.length - 1),
            Math.floor(progress * paragraphs.length),
          ),
          updated: at,
          ...(archived ? { archived: at } : {}),
          ...(finished ? { finished: at } : {}),
        }
      })
    },

    async updateBookmark({ id, color, tags, note }) {
      const updated = await write((data) => {
        const b = find(data, id)
        if (b.type !== 'bookmark')
          throw new LecternError('invalid-argument', `"${id}" is a note, not a bookmark.`)
        if (color !== undefined) b.color = color
        if (tags !== undefined) b.tags = cleanTags(tags)
        if (note !== undefined) b.note = note
        b.modified = now()
        return { ...b }
      })
      return place([updated])[0] as PlacedBookmark
    },

    async addNote({ articleId, text, tags = [] }) {
      library.get(articleId)
      const at = now()
      const note: Note = {
        id: newId(),
        type: 'note',
        articleId,
        text,
        tags: cleanTags(tags),
        created: at,
        modified: at,
      }
      await write((data) => {
        data.notes.push(note)
      })
      return note
    },

    updateNote({ id, text, tags }) {
      return write((data) => {
        const n = find(data, id)
        if (n.type !== 'note')
          throw new LecternError('invalid-argument', `"${id}" is a bookmark, not a note.`)
        if (text !== undefined) n.text = text
        if (tags !== undefined) n.tags = cleanTags(tags)
        n.modified = now()
        return { ...n }
      })
    },

    remove(id) {
      return write((data) => {
        const item = find(data, id)
        item.deleted ??= now()
        return { ...item }
      })
    },

    restore(id) {
      return write((data) => {
        const item = find(data, id)
        delete item.deleted
        // Out of the trash is a change: a backup's older (trashed) copy must not win over it.
        item.modified = now()
        return { ...item }
      })
    },

    purge(id) {
      return write((data) => {
        find(data, id)
        const before = data.bookmarks.length + data.notes.length
        data.bookmarks = data.bookmarks.filter((b) => b.id !== id)
        data.notes = data.notes.filter((n) => n.id !== id)
        placements.delete(id)
        return { removed: before - data.bookmarks.length - data.notes.length }
      })
    },

    trash() {
      const items: Annotation[] = [...store.data.bookmarks, ...store.data.notes].filter(
        (a) => a.deleted,
      )
      return items.sort((a, b) => (b.deleted ?? '').localeCompare(a.deleted ?? ''))
    },

    emptyTrash() {
      return write((data) => {
        const before = data.bookmarks.length + data.notes.length
        data.bookmarks = data.bookmarks.filter((b) => !b.deleted)
        data.notes = data.notes.filter((n) => !n.deleted)
        return { removed: before - data.bookmarks.length - data.notes.length }
      })
    },

    renameColor(color, name) {
      return write((data) => {
        data.palette = { ...DEFAULT_PALETTE, ...data.palette, [color]: { name: name.trim() } }
        return data.palette
      })
    },

    async saveReading(articleId, progress, paragraph) {
      library.get(articleId)
      await store.update((data) => {
        data.reading.lastArticleId = articleId
        const marks = data.reading.articles[articleId]
        data.reading.articles[articleId] = {
          ...(marks?.archived ? { archived: marks.archived } : {}),
          ...(marks?.finished ? { finished: marks.finished } : {}),
          progress,
          paragraph,
          updated: now(),
        }
      })
    },

    async setReadingMark(articleId, mark, on) {
      library.get(articleId)
      await write((data) => {
        const reading = (data.reading.articles[articleId] ??= {
          progress: 0,
          paragraph: 0,
          updated: now(),
        })
        if (on) reading[mark] = now()
        else delete reading[mark]
      })
    },

    async moveArticle(from, to) {
      await write((data) => {
        const at = now()
        for (const item of [...data.bookmarks, ...data.notes]) {
          if (item.articleId !== from) continue
          item.articleId = to
          item.modified = at
          placements.delete(item.id)
        }
        const reading = data.reading.articles[from]
        if (reading && !data.reading.articles[to]) data.reading.articles[to] = reading
        delete data.reading.articles[from]
        if (data.reading.lastArticleId === from) data.reading.lastArticleId = to
      })
    },

    purgeArticle(articleId) {
      return write((data) => {
        const before = data.bookmarks.length + data.notes.length
        data.bookmarks = data.bookmarks.filter((b) => b.articleId !== articleId)
        data.notes = data.notes.filter((n) => n.articleId !== articleId)
        delete data.reading.articles[articleId]
        return { removed: before - data.bookmarks.length - data.notes.length }
      })
    },

    dismissRecovery() {
      recoverySeen = true
    },
  }
}
