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
  type ConflictResolution,
  type ConflictView,
  type Note,
  type Palette,
  type PlacedBookmark,
  type ResolvedAnchor,
  type UserState,
} from '../../../shared/types'
import type { PassagePosition } from '../../../shared/types'
import { describePassage, resolveAnchors, textHash } from '../anchoring'
import type { ArticleLibrary } from '../library/articleLibrary'
import type { Op, StoreData, UserStore } from '../store/userStore'
import { conflictView, resolutionOps } from './conflicts'
import { annotationKey as keyOf, findAnnotation as find } from './items'

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
  /** A bookmark's note or note's text written on two computers and not merged; null if none. */
  conflict(id: string): ConflictView | null
  /** Settles it (keeps one version, or a given text) for every computer. */
  resolveConflict(id: string, how: ConflictResolution): Promise<Annotation>
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

/** An article's reading state cleared, field by field. */
const NO_READING = {
  progress: null,
  paragraph: null,
  updated: null,
  archived: null,
  finished: null,
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

  /** Saves ops; the revision moves only once they are durable. */
  const save = async (ops: Op[]): Promise<void> => {
    if (ops.length > 0) await store.save(ops)
    revision++
  }

  /** Files a new bookmark at `anchor`; it is returned once durable. */
  const addNewBookmark = async (
    fields: Pick<Bookmark, 'articleId' | 'anchor' | 'color' | 'tags' | 'note'>,
  ): Promise<PlacedBookmark> => {
    const at = now()
    const bookmark: Bookmark = {
      id: newId(),
      type: 'bookmark',
      ...fields,
      tags: cleanTags(fields.tags),
      created: at,
      modified: at,
    }
    const { tags: _tags, ...put } = bookmark
    await save([
      { t: 'put', e: `b:${bookmark.id}`, f: put },
      { t: 'tags', e: `b:${bookmark.id}`, add: bookmark.tags, rm: [] },
    ])
    return place([bookmark])[0] as PlacedBookmark
  }

  /** The ops that make an item's tags `tags` (removing those no longer there). */
  const tagOps = (item: Annotation, tags: readonly string[]): Op[] => {
    const wanted = cleanTags(tags)
    const add = wanted.filter((t) => !item.tags.includes(t))
    const rm = item.tags.filter((t) => !wanted.includes(t))
    return add.length || rm.length ? [{ t: 'tags', e: keyOf(item), add, rm }] : []
  }

  const purgeOps = (items: Annotation[]): Op[] => {
    for (const item of items) placements.delete(item.id)
    return items.map((item) => ({ t: 'purge', e: keyOf(item) }))
  }

  const live = (): { bookmarks: PlacedBookmark[]; notes: Note[] } => ({
    bookmarks: place(store.data.bookmarks.filter((b) => !b.deleted && !inTrash(b.articleId))),
    notes: store.data.notes.filter((n) => !n.deleted && !inTrash(n.articleId)),
  })

  return {
    get revision() {
      // Changes merged from other computers move it too.
      return revision + store.merged
    },
    live,

    async apply(change) {
      const result = await store.update(change)
      revision++
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
      return addNewBookmark({ articleId, anchor, color, tags, note })
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
      return addNewBookmark({ articleId, anchor, color, tags, note })
    },

    async importReading(articleId, { progress, archived, finished }) {
      const { paragraphs } = library.get(articleId)
      const at = now()
      // Only the fields the export knows are put: a mark it does not carry is left as it is.
      await save([
        {
          t: 'put',
          e: `r:${articleId}`,
          f: {
            progress: Math.max(0, Math.min(1, progress)),
            paragraph: Math.min(
              Math.max(0, paragraphs.length - 1),
              Math.floor(progress * paragraphs.length),
            ),
            updated: at,
            ...(archived ? { archived: at } : {}),
            ...(finished ? { finished: at } : {}),
          },
        },
      ])
    },

    async updateBookmark({ id, color, tags, note }) {
      const b = find(store.data, id)
      if (b.type !== 'bookmark')
        throw new LecternError('invalid-argument', `"${id}" is a note, not a bookmark.`)
      const fields = {
        ...(color !== undefined ? { color } : {}),
        ...(note !== undefined ? { note } : {}),
        modified: now(),
      }
      const saved = save([
        { t: 'put', e: keyOf(b), f: fields },
        ...(tags !== undefined ? tagOps(b, tags) : []),
      ])
      const updated = { ...(find(store.data, id) as Bookmark) }
      await saved
      placements.delete(id)
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
      const { tags: _tags, ...fields } = note
      await save([
        { t: 'put', e: `n:${note.id}`, f: fields },
        { t: 'tags', e: `n:${note.id}`, add: note.tags, rm: [] },
      ])
      return note
    },

    async updateNote({ id, text, tags }) {
      const n = find(store.data, id)
      if (n.type !== 'note')
        throw new LecternError('invalid-argument', `"${id}" is a bookmark, not a note.`)
      const saved = save([
        { t: 'put', e: keyOf(n), f: { ...(text !== undefined ? { text } : {}), modified: now() } },
        ...(tags !== undefined ? tagOps(n, tags) : []),
      ])
      const updated = { ...(find(store.data, id) as Note) }
      await saved
      return updated
    },

    conflict: (id) => conflictView(store, id),

    async resolveConflict(id, how) {
      const saved = save(resolutionOps(store, id, how, now()))
      const settled = { ...find(store.data, id) }
      await saved
      return settled
    },

    async remove(id) {
      const item = find(store.data, id)
      const saved = save(item.deleted ? [] : [{ t: 'trash', e: keyOf(item), at: now(), seen: {} }])
      const removed = { ...find(store.data, id) }
      await saved
      return removed
    },

    async restore(id) {
      const item = find(store.data, id)
      // Out of the trash is a change: a backup's older (trashed) copy must not win over it.
      const saved = save([
        { t: 'untrash', e: keyOf(item) },
        { t: 'put', e: keyOf(item), f: { modified: now() } },
      ])
      const restored = { ...find(store.data, id) }
      await saved
      return restored
    },

    async purge(id) {
      const item = find(store.data, id)
      await save(purgeOps([item]))
      return { removed: 1 }
    },

    trash() {
      const items: Annotation[] = [...store.data.bookmarks, ...store.data.notes].filter(
        (a) => a.deleted,
      )
      return items.sort((a, b) => (b.deleted ?? '').localeCompare(a.deleted ?? ''))
    },

    async emptyTrash() {
      const trashed = [...store.data.bookmarks, ...store.data.notes].filter((a) => a.deleted)
      await save(purgeOps(trashed))
      return { removed: trashed.length }
    },

    async renameColor(color, name) {
      await save([{ t: 'put', e: 'palette', f: { [color]: { name: name.trim() } } }])
      return { ...DEFAULT_PALETTE, ...store.data.palette }
    },

    async saveReading(articleId, progress, paragraph) {
      library.get(articleId)
      await store.save([
        { t: 'put', e: `r:${articleId}`, f: { progress, paragraph, updated: now() } },
        { t: 'put', e: 'last', f: { id: articleId } },
      ])
    },

    async setReadingMark(articleId, mark, on) {
      library.get(articleId)
      const at = now()
      const fresh = store.data.reading.articles[articleId]
        ? {}
        : { progress: 0, paragraph: 0, updated: at }
      await save([{ t: 'put', e: `r:${articleId}`, f: { ...fresh, [mark]: on ? at : null } }])
    },

    async moveArticle(from, to) {
      const at = now()
      const ops: Op[] = []
      for (const item of [...store.data.bookmarks, ...store.data.notes]) {
        if (item.articleId !== from) continue
        ops.push({ t: 'put', e: keyOf(item), f: { articleId: to, modified: at } })
        placements.delete(item.id)
      }
      const reading = store.data.reading.articles[from]
      if (reading && !store.data.reading.articles[to]) {
        ops.push({ t: 'put', e: `r:${to}`, f: { ...reading } })
      }
      if (reading) ops.push({ t: 'put', e: `r:${from}`, f: NO_READING })
      if (store.data.reading.lastArticleId === from)
        ops.push({ t: 'put', e: 'last', f: { id: to } })
      await save(ops)
    },

    async purgeArticle(articleId) {
      const items = [...store.data.bookmarks, ...store.data.notes].filter(
        (a) => a.articleId === articleId,
      )
      const reading: Op[] = store.data.reading.articles[articleId]
        ? [{ t: 'put', e: `r:${articleId}`, f: NO_READING }]
        : []
      await save([...purgeOps(items), ...reading])
      return { removed: items.length }
    },

    dismissRecovery() {
      recoverySeen = true
    },
  }
}
