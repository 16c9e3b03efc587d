/**
 * The library as the rest of Lectern sees it: summaries to list, articles to read, and a
 * signal when articles come or go. The bundled articles are read once and kept in memory;
 * imported ones live in the data folder (see `importedLibrary.ts`) and the two are joined
 * by `joinLibraries`.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Article, ArticleSummary } from '../../../shared/types'
import { LecternError } from '../../../shared/reply'
import { parseArticle } from './parseArticle'

/** What changed in one step: ids of articles that came in and that went (to the trash or for good). */
export interface LibraryChange {
  added: string[]
  removed: string[]
}

export interface ArticleLibrary {
  /** Every article a reader can open, in library order (bundled first, then by date added). */
  list(): ArticleSummary[]
  /** One article with its text; throws `not-found` for an unknown or trashed id. */
  get(id: string): Article
  has(id: string): boolean
  /** Every article with its text, read one at a time (for building an index). */
  all(): Iterable<Article>
  /** Moves on with every change, so that caches keyed on it are rebuilt. */
  readonly revision: number
  /** Called after each change; returns the unsubscribe. */
  subscribe(listener: (change: LibraryChange) => void): () => void
}

export function summaryOf({
  paragraphs: _p,
  headings: _h,
  blocks: _b,
  images: _i,
  ...summary
}: Article): ArticleSummary {
  return summary
}

/** A library that never changes: the bundled articles, or a test's. */
export function createArticleLibrary(articles: readonly Article[]): ArticleLibrary {
  const byId = new Map(articles.map((a) => [a.id, a]))
  const summaries = articles.map(summaryOf)
  return {
    list: () => summaries,
    get(id) {
      const article = byId.get(id)
      if (!article) throw new LecternError('not-found', `No article with id "${id}".`)
      return article
    },
    has: (id) => byId.has(id),
    all: () => articles,
    revision: 0,
    subscribe: () => () => {},
  }
}

/** Reads every `.txt` file of a folder as an article whose id is the file name without extension. */
export async function loadArticleLibrary(dir: string): Promise<ArticleLibrary> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort()
  const articles = await Promise.all(
    names.map(async (name) => ({
      ...parseArticle(name.slice(0, -4), await readFile(join(dir, name), 'utf8')),
      origin: 'bundled' as const,
    })),
  )
  return createArticleLibrary(articles)
}

/** The bundled articles first, then the reader's own; changes are the reader's library's. */
export function joinLibraries(bundled: ArticleLibrary, own: ArticleLibrary): ArticleLibrary {
  let listed: ArticleSummary[] = []
  let listedAt = -1
  return {
    list() {
      if (listedAt !== own.revision) {
        listed = [...bundled.list(), ...own.list()]
        listedAt = own.revision
      }
      return listed
    },
    get: (id) => (bundled.has(id) ? bundled.get(id) : own.get(id)),
    has: (id) => bundled.has(id) || own.has(id),
    *all() {
      yield* bundled.all()
      yield* own.all()
    },
    get revision() {
      return own.revision
    },
    subscribe: (listener) => own.subscribe(listener),
  }
}
