/**
 * One search over everything: the articles' paragraphs, and the reader's bookmarks and
 * notes. Each has its own index (their word statistics differ); the reader's own words
 * come first in the results, marked as such.
 */
import type { SearchHit } from '../../../shared/types'
import type { AnnotationService } from '../annotations/annotationService'
import type { ArticleLibrary } from '../library/articleLibrary'
import { SearchIndex } from './searchIndex'

/** How many of the reader's bookmarks and notes lead the results at most. */
const MAX_ANNOTATION_HITS = 10

export interface LibrarySearch {
  search(query: string, limit: number): SearchHit[]
  /** The article index, built on first use. */
  articleIndex(): SearchIndex
}

export function createLibrarySearch(
  library: ArticleLibrary,
  annotations?: AnnotationService,
): LibrarySearch {
  let articles: SearchIndex | undefined
  let notes: SearchIndex | undefined
  let notesRevision = -1

  const articleIndex = (): SearchIndex => {
    if (!articles) {
      articles = new SearchIndex()
      for (const a of library.all()) articles.addArticle(a)
    }
    return articles
  }

  const titles = new Map(library.list().map((a) => [a.id, a.title]))
  const titleOf = (articleId: string): string => titles.get(articleId) ?? articleId

  /** Rebuilt after a change: the reader's annotations are few next to the articles' paragraphs. */
  const annotationIndex = (): SearchIndex | undefined => {
    if (!annotations) return undefined
    if (notes && notesRevision === annotations.revision) return notes
    const index = new SearchIndex()
    const { bookmarks, notes: articleNotes } = annotations.live()
    for (const b of bookmarks) {
      const text = [b.anchor.quote.exact, b.note, b.tags.join(' ')].filter(Boolean).join('\n')
      const paragraph = b.placed?.paragraph ?? b.anchor.position.paragraph
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
      const text = [n.text, n.tags.join(' ')].filter(Boolean).join('\n')
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
    return notes
  }

  return {
    articleIndex,
    search(query, limit) {
      const own = annotationIndex()?.search(query, Math.min(limit, MAX_ANNOTATION_HITS)) ?? []
      const rest = limit - own.length
      return rest > 0 ? [...own, ...articleIndex().search(query, rest)] : own
    },
  }
}
