/**
 * One search over everything: the articles' paragraphs, and the reader's bookmarks and
 * notes, ranked together by one relevance. The reader's words have an index of their own
 * (rebuilt when they change) that shares the articles' word statistics, so a bookmark's
 * score and a paragraph's compare. A paragraph is listed once: when it is also a bookmark
 * that matched, it is marked as bookmarked rather than shown twice. When nothing matches,
 * each word that matches nothing is replaced by the nearest word of the library, and the
 * answer says so.
 *
 * The article index follows the library as articles come and go, and a large library's is
 * kept on disk (see indexStore.ts). While it is being built, answers come from the part that
 * is ready and say `indexing`.
 */
import { plainText } from '../annotations/plainText'
import type { SearchHit, SearchResult } from '../../../shared/types'
import type { AnnotationService } from '../annotations/annotationService'
import type { Article } from '../../../shared/types'
import type { ArticleLibrary } from '../library/articleLibrary'
import { tokenize } from './analyzer'
import { openArticleIndex, type IndexStatus, type IndexStoreOptions } from './indexStore'
import { parseQuery } from './parseQuery'
import { SearchIndex } from './searchIndex'
import { better, type Correction } from './spelling'

export type SearchAnswer = Omit<SearchResult, 'query'>

export interface LibrarySearch {
  search(query: string, limit: number): SearchAnswer
  /** The article index in use: built on first use for a small library. */
  articleIndex(): SearchIndex
  /** Whether the article index is being built, and how it came to be. */
  status(): IndexStatus
  /** Settles once the article index is complete and in step with the library. */
  whenReady(): Promise<void>
  /** Saves the index's snapshot if it changed, and stops following the library. */
  close(): Promise<void>
}

/** Articles whose paragraphs are kept at hand for snippets: the hits of a search recur. */
const TEXT_CACHE = 32

const keyOf = (hit: { articleId: string; paragraph: number }): string =>
  `${hit.articleId}#${hit.paragraph}`

export function createLibrarySearch(
  library: ArticleLibrary,
  annotations?: AnnotationService,
  options: IndexStoreOptions = {},
): LibrarySearch {
  let notes: SearchIndex | undefined
  let notesRevision = -1
  let notesBase = -1
  /** Paragraphs holding a bookmark, by `keyOf`. */
  let bookmarkedParagraphs = new Set<string>()

  /** A few articles' paragraphs, most recently used last; `library.get` may read the disk. */
  const recent = new Map<string, Article | null>()
  const articleOf = (id: string): Article | null => {
    let article = recent.get(id)
    if (article === undefined) {
      try {
        article = library.has(id) ? library.get(id) : null
      } catch {
        article = null
      }
      if (recent.size >= TEXT_CACHE) recent.delete(recent.keys().next().value as string)
    } else recent.delete(id)
    recent.set(id, article)
    return article
  }
  const store = openArticleIndex(
    library,
    (articleId, paragraph) => articleOf(articleId)?.paragraphs[paragraph],
    options,
  )
  const articleIndex = (): SearchIndex => store.current()

  let titles: Map<string, string> | undefined
  const titleOf = (articleId: string): string => {
    titles ??= new Map(library.list().map((a) => [a.id, a.title]))
    return titles.get(articleId) ?? articleId
  }
  const unsubscribe = library.subscribe(({ added, removed }) => {
    titles = undefined
    for (const id of [...added, ...removed]) recent.delete(id)
  })

  /** Rebuilt after a change: the reader's annotations are few next to the articles' paragraphs. */
  const annotationIndex = (): SearchIndex | undefined => {
    if (!annotations) return undefined
    const base = articleIndex()
    if (notes && notesRevision === annotations.revision && notesBase === store.generation) {
      return notes
    }
    // Weighed against the articles' statistics as they are now.
    const index = new SearchIndex({}, base)
    const { bookmarks, notes: articleNotes } = annotations.live()
    bookmarkedParagraphs = new Set()
    for (const b of bookmarks) {
      const text = [b.anchor.quote.exact, plainText(b.note), b.tags.join(' ')]
        .filter(Boolean)
        .join('\n')
      const paragraph = b.placed?.paragraph ?? b.anchor.position.paragraph
      bookmarkedParagraphs.add(keyOf({ articleId: b.articleId, paragraph }))
      index.addDocument({
        kind: 'bookmark',
        annotationId: b.id,
        articleId: b.articleId,
        title: titleOf(b.articleId),
        paragraph,
        text,
      })
    }
    for (const n of articleNotes) {
      const text = [plainText(n.text), n.tags.join(' ')].filter(Boolean).join('\n')
      index.addDocument({
        kind: 'note',
        annotationId: n.id,
        articleId: n.articleId,
        title: titleOf(n.articleId),
        paragraph: 0,
        text,
      })
    }
    notes = index
    notesRevision = annotations.revision
    notesBase = store.generation
    return notes
  }

  /**
   * The query with each word that matches nothing replaced by its nearest word, or null when
   * no correction could bring an answer. An answer must hold the query's phrases, so when it
   * has some only their words are corrected: when those all match, the phrases are simply not
   * in the library, and ranking again with other words would find nothing more.
   */
  const corrected = (query: string, indexes: SearchIndex[]): string | null => {
    const { prefix, phrases } = parseQuery(query)
    const phraseWords = phrases.length ? new Set(phrases.flat()) : null
    const tokens = tokenize(query)
    let out = ''
    let at = 0
    let changed = false
    for (const t of tokens) {
      // Wholes of compounds and their parts are left as typed: names, not misspellings.
      if (
        t.compound ||
        !t.term ||
        tokens.some((o) => o.compound && o.start <= t.start && o.end >= t.end)
      )
        continue
      if (phraseWords && !phraseWords.has(t.surface)) continue
      const typing = t === tokens.at(-1) && t.surface === prefix
      if (indexes.some((index) => index.knows(t.surface, typing))) continue
      let best: Correction | null = null
      for (const index of indexes) best = better(best, index.spelling().nearest(t.surface))
      if (!best) continue
      const typed = query.slice(t.start, t.end)
      out += query.slice(at, t.start) + matchCase(best.word, typed)
      at = t.end
      changed = true
    }
    return changed ? out + query.slice(at) : null
  }

  const rank = (query: string, limit: number): SearchHit[] => {
    const own = annotationIndex()?.search(query, limit) ?? []
    const passages = articleIndex().search(query, limit)
    const byParagraph = new Map(passages.map((h) => [keyOf(h), h]))
    const hits: SearchHit[] = []
    for (const hit of passages) {
      hits.push(bookmarkedParagraphs.has(keyOf(hit)) ? { ...hit, bookmarked: true } : hit)
    }
    for (const hit of own) {
      const passage = hit.kind === 'bookmark' ? byParagraph.get(keyOf(hit)) : undefined
      if (!passage) {
        hits.push(hit)
        continue
      }
      // The paragraph is listed already: once, at the better of its two scores.
      const at = hits.findIndex((h) => h.kind === 'passage' && keyOf(h) === keyOf(hit))
      const listed = hits[at] as SearchHit
      if (hit.score > listed.score) hits[at] = { ...listed, score: hit.score }
    }
    // An article that has just gone (or a note on one) is never an answer.
    return hits
      .filter((h) => library.has(h.articleId))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
  }

  const answer = (query: string, limit: number): SearchAnswer => {
    const hits = rank(query, limit)
    // Only when nothing matched: a question whose other words match may simply use a word
    // the library does not ("warning" is not a misspelt "marking").
    if (hits.length) return { hits }
    const indexes = [articleIndex(), annotationIndex()].filter((i) => i !== undefined)
    const correction = corrected(query, indexes)
    if (correction === null) return { hits }
    return { hits: rank(correction, limit), showingResultsFor: correction }
  }

  return {
    articleIndex,
    search(query, limit) {
      const result = answer(query, limit)
      return store.status().state === 'building' ? { ...result, indexing: true } : result
    },
    status: () => store.status(),
    whenReady: () => store.whenReady(),
    async close() {
      unsubscribe()
      await store.close()
    },
  }
}

/** The correction written the way the reader wrote the word: capitalised, or in capitals. */
function matchCase(word: string, typed: string): string {
  if (typed.length > 1 && typed === typed.toUpperCase()) return word.toUpperCase()
  if (typed[0] !== typed[0]?.toLowerCase()) return word[0]?.toUpperCase() + word.slice(1)
  return word
}
