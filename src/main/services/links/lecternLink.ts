/**
 * `lectern://` links: what an exported note links back with, and what the app opens when the
 * operating system hands it one. Shaped like
 *
 *   lectern://article/<articleId>
 *   lectern://article/<articleId>?bookmark=<bookmarkId>&paragraph=<n>
 *   lectern://article/<articleId>?note=<noteId>
 *
 * Parsing is strict (anything else is a clear error, never a guess), and routing checks the
 * link against the library, falling back to the paragraph when a bookmark has gone.
 */

export const LECTERN_SCHEME = 'lectern'
const PREFIX = `${LECTERN_SCHEME}://`
/** Links come from other apps; nothing legitimate is anywhere near this long. */
const MAX_LINK = 2048

export interface LecternTarget {
  articleId: string
  bookmarkId?: string
  noteId?: string
  /** 0-based paragraph: where the passage was when the link was written. */
  paragraph?: number
}

export class LecternLinkError extends Error {
  override name = 'LecternLinkError'
}

/** Builds the link to an article, or to a bookmark or note in it. */
export function lecternLink(target: LecternTarget): string {
  const { articleId, bookmarkId, noteId, paragraph } = target
  if (!articleId) throw new LecternLinkError('A Lectern link needs an article id.')
  const query = new URLSearchParams()
  if (bookmarkId) query.set('bookmark', bookmarkId)
  if (noteId) query.set('note', noteId)
  if (paragraph !== undefined) query.set('paragraph', String(paragraph))
  const search = query.toString() ? `?${query.toString()}` : ''
  return `${PREFIX}article/${encodeId(articleId)}${search}`
}

/**
 * Percent-encodes an id for the path, parentheses and the like included: a `)` would end a
 * Markdown link early.
 */
const encodeId = (id: string): string =>
  encodeURIComponent(id).replace(
    /[!'()*~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )

const KEYS = new Set(['bookmark', 'note', 'paragraph'])

/** Reads a `lectern://` link; throws LecternLinkError, saying what is wrong, for anything else. */
export function parseLecternLink(link: string): LecternTarget {
  const bad = (why: string): never => {
    throw new LecternLinkError(`Not a Lectern link (${why}): ${link.slice(0, 200)}`)
  }
  if (link.length > MAX_LINK) bad('too long')
  if (!link.toLowerCase().startsWith(PREFIX)) bad(`it does not start with ${PREFIX}`)
  let url: URL
  try {
    url = new URL(link)
  } catch {
    return bad('malformed')
  }
  if (url.hostname !== 'article') bad('it names no article')
  if (url.username || url.password || url.port) bad('unexpected parts')
  // The id as written: a URL would take an id of `.` or `..` (even encoded) for a path step.
  const path = link.slice(PREFIX.length).split(/[?#]/, 1)[0] as string
  const segments = path.split('/').slice(1)
  if (segments.length !== 1 || !segments[0]) bad('it names no article')
  let articleId: string
  try {
    articleId = decodeURIComponent(segments[0] as string)
  } catch {
    return bad('malformed article id')
  }
  const target: LecternTarget = { articleId }
  for (const [key, value] of url.searchParams) {
    if (!KEYS.has(key)) bad(`unknown part "${key}"`)
    if (url.searchParams.getAll(key).length > 1) bad(`"${key}" given twice`)
    if (!value) bad(`empty "${key}"`)
    if (key === 'paragraph') {
      if (!/^\d{1,9}$/.test(value)) bad('the paragraph is not a whole number')
      target.paragraph = Number(value)
    } else if (key === 'bookmark') target.bookmarkId = value
    else target.noteId = value
  }
  if (target.bookmarkId && target.noteId) bad('both a bookmark and a note')
  return target
}

/** The first `lectern://` link among a process's arguments (how Windows and Linux pass one). */
export function lecternLinkInArgs(args: readonly string[]): string | undefined {
  return args.find((a) => a.toLowerCase().startsWith(PREFIX))
}

/** What the library knows, for routing; plain lookups so this stays free of services. */
export interface LinkLookup {
  hasArticle(articleId: string): boolean
  /** A live bookmark's article and current paragraph (null when orphaned); undefined if gone. */
  bookmark(id: string): { articleId: string; paragraph: number | null } | undefined
  /** A live note's article; undefined if gone. */
  note(id: string): { articleId: string } | undefined
}

export type { LinkRoute } from '../../../shared/types'
import type { LinkRoute } from '../../../shared/types'

/**
 * Resolves a link against the library. A bookmark or note that is gone (in the trash, or
 * never here) still opens its article, at the paragraph the link remembers, with a notice.
 */
export function routeLecternLink(link: string | LecternTarget, lookup: LinkLookup): LinkRoute {
  const target = typeof link === 'string' ? parseLecternLink(link) : link
  const { articleId, bookmarkId, noteId, paragraph } = target
  if (!lookup.hasArticle(articleId))
    throw new LecternLinkError(`The linked article "${articleId}" is not in this library.`)
  const at = paragraph === undefined ? {} : { paragraph }
  if (bookmarkId) {
    const found = lookup.bookmark(bookmarkId)
    if (found && found.articleId === articleId) {
      return found.paragraph === null
        ? { articleId, bookmarkId, ...at, notice: 'The bookmarked passage is no longer found.' }
        : { articleId, bookmarkId, paragraph: found.paragraph }
    }
    return { articleId, ...at, notice: 'The linked bookmark is no longer here.' }
  }
  if (noteId) {
    const found = lookup.note(noteId)
    if (found && found.articleId === articleId) return { articleId, noteId }
    return { articleId, notice: 'The linked note is no longer here.' }
  }
  return { articleId, ...at }
}

/** The lookups routing needs, answered from the library and the reader's live annotations. */
export function linkLookup(services: {
  library: { list(): readonly { id: string }[] }
  annotations: {
    live(): {
      bookmarks: readonly { id: string; articleId: string; placed: { paragraph: number } | null }[]
      notes: readonly { id: string; articleId: string }[]
    }
  }
}): LinkLookup {
  const { library, annotations } = services
  return {
    hasArticle: (id) => library.list().some((a) => a.id === id),
    bookmark(id) {
      const b = annotations.live().bookmarks.find((x) => x.id === id)
      return b && { articleId: b.articleId, paragraph: b.placed?.paragraph ?? null }
    },
    note(id) {
      const n = annotations.live().notes.find((x) => x.id === id)
      return n && { articleId: n.articleId }
    },
  }
}
