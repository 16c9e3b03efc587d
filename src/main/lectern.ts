/** Opens Lectern's services for one process: the app, the CLI or a test host. */
import type { Handlers } from '../shared/contract'
import { createHandlers, type Services } from './handlers'
import { loadArticleLibrary } from './services/library/articleLibrary'
import { SearchIndex } from './services/search/searchIndex'

export interface LecternOptions {
  seedsDir: string
  dataDir: string
  version: string
}

export interface Lectern extends Services {
  handlers: Handlers
}

export async function openLectern(options: LecternOptions): Promise<Lectern> {
  const library = await loadArticleLibrary(options.seedsDir)
  let index: SearchIndex | undefined
  const searchIndex = (): SearchIndex => {
    if (!index) {
      index = new SearchIndex()
      for (const article of library.all()) index.addArticle(article)
    }
    return index
  }
  const services: Services = { ...options, library, searchIndex }
  return { ...services, handlers: createHandlers(services) }
}
