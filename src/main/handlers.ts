/** The handler table: one function per contract call, built from Electron-free services. */
import type { Handlers } from '../shared/contract'
import type { ArticleLibrary } from './services/library/articleLibrary'
import type { SearchIndex } from './services/search/searchIndex'

export interface Services {
  version: string
  dataDir: string
  library: ArticleLibrary
  /** Built on first use so that start-up only does what the first paint needs. */
  searchIndex: () => SearchIndex
}

export function createHandlers(services: Services): Handlers {
  const { library } = services
  return {
    getAppInfo: () => ({
      version: services.version,
      dataDir: services.dataDir,
      articleCount: library.list().length,
    }),
    listArticles: () => library.list(),
    getArticle: ({ id }) => library.get(id),
    search: ({ query, limit }) => ({
      query,
      hits: query.trim() ? services.searchIndex().search(query, limit ?? 50) : [],
    }),
  }
}
