/** The handler table: one function per contract call, built from Electron-free services. */
import type { Handlers } from '../shared/contract'
import type { AnnotationService } from './services/annotations/annotationService'
import type { ArticleLibrary } from './services/library/articleLibrary'
import type { LibrarySearch } from './services/search/librarySearch'

export interface Services {
  version: string
  dataDir: string
  library: ArticleLibrary
  annotations: AnnotationService
  /** Its indexes are built on first use, so start-up only does what the first paint needs. */
  search: LibrarySearch
}

export function createHandlers({
  version,
  dataDir,
  library,
  annotations,
  search,
}: Services): Handlers {
  return {
    getAppInfo: () => ({ version, dataDir, articleCount: library.list().length }),
    listArticles: () => library.list(),
    getArticle: ({ id }) => library.get(id),
    search: ({ query, limit }) => ({
      query,
      hits: query.trim() ? search.search(query, limit ?? 50) : [],
    }),

    getUserState: () => annotations.userState(),
    listAnnotations: ({ articleId }) => {
      if (articleId) library.get(articleId) // an unknown id is an error, not an empty list
      return annotations.list(articleId)
    },
    addBookmark: (input) => annotations.addBookmark(input),
    updateBookmark: (input) => annotations.updateBookmark(input),
    addNote: (input) => annotations.addNote(input),
    updateNote: (input) => annotations.updateNote(input),
    deleteAnnotation: ({ id }) => annotations.remove(id),
    restoreAnnotation: ({ id }) => annotations.restore(id),
    purgeAnnotation: ({ id }) => annotations.purge(id),
    listTrash: () => annotations.trash(),
    emptyTrash: () => annotations.emptyTrash(),
    renameColor: ({ color, name }) => annotations.renameColor(color, name),
    saveReading: ({ articleId, progress, paragraph }) =>
      annotations.saveReading(articleId, progress, paragraph),
    dismissRecovery: () => annotations.dismissRecovery(),
  }
}
