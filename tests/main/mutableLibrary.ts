/** An in-memory library that changes, and tells its subscribers as the real one does. */
import {
  summaryOf,
  type ArticleLibrary,
  type LibraryChange,
} from '../../src/main/services/library/articleLibrary'
import { LecternError } from '../../src/shared/reply'
import type { Article } from '../../src/shared/types'

export interface MutableLibrary extends ArticleLibrary {
  add(...articles: Article[]): void
  remove(...ids: string[]): void
  /** How many times `get` was called (it may read the disk in the real library). */
  gets: number
}

export function mutableLibrary(initial: Article[]): MutableLibrary {
  const byId = new Map(initial.map((a) => [a.id, a]))
  const listeners = new Set<(change: LibraryChange) => void>()
  let revision = 0
  const tell = (change: LibraryChange): void => {
    revision++
    for (const l of listeners) l(change)
  }
  const library: MutableLibrary = {
    gets: 0,
    list: () => [...byId.values()].map(summaryOf),
    get(id) {
      library.gets++
      const article = byId.get(id)
      if (!article) throw new LecternError('not-found', `No article with id "${id}".`)
      return article
    },
    has: (id) => byId.has(id),
    all: () => [...byId.values()],
    get revision() {
      return revision
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    add(...articles) {
      for (const a of articles) byId.set(a.id, a)
      tell({ added: articles.map((a) => a.id), removed: [] })
    },
    remove(...ids) {
      for (const id of ids) byId.delete(id)
      tell({ added: [], removed: ids })
    },
  }
  return library
}
