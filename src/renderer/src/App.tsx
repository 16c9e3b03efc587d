import { useCallback, useEffect, useRef, useState } from 'react'
import type { Article, ArticleSummary, SearchHit } from '../../shared/types'
import { api, messageOf } from './api'
import { ArticleList } from './components/ArticleList'
import { ArticleView, type ReadingTarget } from './components/ArticleView'
import { DetailsPane } from './components/DetailsPane'
import { SearchBox } from './components/SearchBox'
import { useShortcuts } from './hooks/useShortcuts'

export function App() {
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null)
  const [listError, setListError] = useState<string | null>(null)
  const [openId, setOpenId] = useState<string | null>(null)
  const [article, setArticle] = useState<Article | null>(null)
  const [articleError, setArticleError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [target, setTarget] = useState<ReadingTarget | null>(null)
  const [findOpen, setFindOpen] = useState(false)
  const searchInput = useRef<HTMLInputElement>(null)

  const loadList = useCallback(() => {
    setListError(null)
    api()
      .listArticles()
      .then((list) => {
        setArticles(list)
        setOpenId((id) => id ?? list[0]?.id ?? null)
      })
      .catch((err: unknown) => setListError(messageOf(err)))
  }, [])

  useEffect(loadList, [loadList])

  const loadArticle = useCallback((id: string) => {
    let stale = false
    setLoading(true)
    setArticleError(null)
    api()
      .getArticle({ id })
      .then((a) => !stale && setArticle(a))
      .catch((err: unknown) => !stale && setArticleError(messageOf(err)))
      .finally(() => !stale && setLoading(false))
    return () => {
      stale = true
    }
  }, [])

  useEffect(() => (openId ? loadArticle(openId) : undefined), [openId, loadArticle])

  const open = useCallback((id: string, to: ReadingTarget | null = null) => {
    setTarget(to)
    setOpenId(id)
  }, [])

  const openHit = useCallback(
    (hit: SearchHit) => {
      const words = [...new Set(hit.marks.map(([s, e]) => hit.snippet.slice(s, e)))]
      open(hit.articleId, {
        articleId: hit.articleId,
        paragraph: Math.max(0, hit.paragraph),
        words,
        nonce: Date.now(),
      })
    },
    [open],
  )

  const step = (delta: number): void => {
    if (!articles?.length) return
    const at = articles.findIndex((a) => a.id === openId)
    const next = articles[Math.max(0, Math.min(articles.length - 1, at + delta))]
    if (next) open(next.id)
  }

  const focusSearch = (): void => {
    searchInput.current?.focus()
    searchInput.current?.select()
  }

  useShortcuts({
    'mod+k': focusSearch,
    '/': focusSearch,
    'mod+f': () => setFindOpen(true),
    j: () => step(1),
    k: () => step(-1),
    escape: () => setFindOpen(false),
  })

  // While the next article loads, the current one stays on screen (marked busy).
  const shown = article
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Lectern</span>
        <SearchBox ref={searchInput} onOpenHit={openHit} />
      </header>
      <ArticleList
        articles={articles}
        error={listError}
        openId={openId}
        onOpen={(id) => open(id)}
        onRetry={loadList}
      />
      <ArticleView
        article={shown}
        loading={loading}
        error={articleError}
        target={target}
        findOpen={findOpen && !!shown}
        onCloseFind={() => setFindOpen(false)}
        onRetry={() => openId && loadArticle(openId)}
      />
      <DetailsPane
        article={shown}
        onJump={(paragraph) =>
          shown && open(shown.id, { articleId: shown.id, paragraph, words: [], nonce: Date.now() })
        }
      />
    </div>
  )
}
