/** The bundled seeds, parsed once per test file. */
import { join } from 'node:path'
import { loadArticleLibrary } from '../../src/main/services/library/articleLibrary'
import { SearchIndex } from '../../src/main/services/search/searchIndex'
import type { Article } from '../../src/shared/types'

export const ROOT = join(import.meta.dirname, '..', '..')
export const SEEDS = join(ROOT, 'seeds')

export async function seedIndex(extra: Article[] = []): Promise<SearchIndex> {
  const library = await loadArticleLibrary(SEEDS)
  const index = new SearchIndex()
  for (const a of [...library.all(), ...extra]) index.addArticle(a)
  return index
}

export function article(id: string, title: string, paragraphs: string[]): Article {
  return { id, title, paragraphs, headings: [], words: 0, readingMinutes: 1 }
}
