/**
 * Export file names: a readable slug of the title plus a short id, stable from one export to
 * the next, safe on Windows, macOS and Linux, and never the same for two articles.
 */
import slugify from '@sindresorhus/slugify'
import { createHash } from 'node:crypto'

/** Long enough to read, short enough for any file system and path length. */
const MAX_SLUG = 60
/** Names Windows reserves whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i

const shortId = (articleId: string, length = 8): string =>
  createHash('sha256').update(articleId).digest('hex').slice(0, length)

export function slugOf(title: string): string {
  const slug = slugify(title, { decamelize: false }).slice(0, MAX_SLUG).replace(/-+$/, '')
  return !slug || RESERVED.test(slug) ? 'article' : slug
}

/**
 * File names for a set of articles, e.g. `broader-look-at-russia-israel-partnership-3f2a9c1e.md`.
 * Should two ever clash (compared as a case-insensitive file system would), their ids grow.
 */
export function exportFileNames(
  articles: readonly { id: string; title: string }[],
): Map<string, string> {
  for (let length = 8; length <= 64; length += 8) {
    const names = new Map(
      articles.map((a) => [a.id, `${slugOf(a.title)}-${shortId(a.id, length)}.md`]),
    )
    const lower = new Set([...names.values()].map((n) => n.toLowerCase()))
    if (lower.size === names.size) return names
  }
  throw new Error('two articles share an id')
}
