/** The bundled articles: read and parsed once, kept in memory, listed in file-name order. */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Article, ArticleSummary } from '../../../shared/types'
import { LecternError } from '../../../shared/reply'
import { parseArticle } from './parseArticle'

export interface ArticleLibrary {
  list(): ArticleSummary[]
  get(id: string): Article
  all(): readonly Article[]
}

export function summaryOf({ paragraphs: _p, headings: _h, ...summary }: Article): ArticleSummary {
  return summary
}

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
    all: () => articles,
  }
}

/** Reads every `.txt` file of a folder as an article whose id is the file name without extension. */
export async function loadArticleLibrary(dir: string): Promise<ArticleLibrary> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort()
  const articles = await Promise.all(
    names.map(async (name) =>
      parseArticle(name.slice(0, -4), await readFile(join(dir, name), 'utf8')),
    ),
  )
  return createArticleLibrary(articles)
}
