import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../src/main/dispatch'
import { openLectern, type Lectern } from '../../src/main/lectern'
import { callNames, contract } from '../../src/shared/contract'
import { createApi, LecternError } from '../../src/shared/reply'
import { SEEDS } from './seedLibrary'

let lectern: Lectern
let dataDir: string
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lectern-dispatch-'))
  lectern = await openLectern({ seedsDir: SEEDS, dataDir, version: '9.9.9' })
})
afterAll(() => lectern.close())

describe('the handler table', () => {
  it('implements every call of the contract, and nothing else', () => {
    expect(Object.keys(lectern.handlers).sort()).toEqual([...callNames].sort())
    for (const name of callNames) expect(contract[name].doc.length).toBeGreaterThan(10)
  })

  it('lists, opens and searches articles', async () => {
    const api = createApi((name, args) => dispatch(lectern.handlers, name, args))
    const list = await api.listArticles()
    expect(list.map((a) => a.id)).toHaveLength(5)
    expect(list[0]).not.toHaveProperty('paragraphs')
    const article = await api.getArticle({ id: list[2]!.id })
    expect(article.title).toBe('Broader Look at Russia-Israel Partnership')
    expect(article.paragraphs.length).toBeGreaterThan(10)
    const result = await api.search({ query: 'Shevchenko interview' })
    expect(result.hits[0]?.articleId).toBe(list[2]!.id)
    expect(await api.search({ query: '   ' })).toEqual({ query: '   ', hits: [] })
    expect(await api.getAppInfo()).toEqual({
      version: '9.9.9',
      dataDir,
      articleCount: 5,
    })
  })

  it('reports an unknown article as not-found', async () => {
    const reply = await dispatch(lectern.handlers, 'getArticle', { id: 'nope' })
    expect(reply).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No article with id "nope".' },
    })
  })

  it.each([
    ['getArticle', undefined],
    ['getArticle', { id: 42 }],
    ['getArticle', { id: '../../etc/passwd' }],
    ['getArticle', { id: 'x', extra: true }],
    ['search', { query: 'x'.repeat(10_001) }],
    ['search', { query: 'ok', limit: 0 }],
    ['search', { query: 'ok', limit: 1.5 }],
    ['search', 'just a string'],
    ['listArticles', { unexpected: 1 }],
  ])('rejects a bad argument for %s: %j', async (name, args) => {
    const reply = await dispatch(lectern.handlers, name, args)
    expect(reply.ok).toBe(false)
    if (!reply.ok) {
      expect(reply.error.code).toBe('invalid-argument')
      expect(reply.error.message).toMatch(new RegExp(`^Invalid argument for ${name}:`))
    }
  })

  it.each(['nope', '__proto__', 'constructor', 42, null])(
    'rejects an unknown call %j',
    async (name) => {
      const reply = await dispatch(lectern.handlers, name, undefined)
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    },
  )

  it('turns an unexpected failure into an internal error', async () => {
    const broken = {
      ...lectern.handlers,
      listArticles: () => Promise.reject(new Error('disk gone')),
    }
    expect(await dispatch(broken, 'listArticles', undefined)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'listArticles failed: disk gone' },
    })
  })

  it('surfaces errors from the client as LecternError with their code', async () => {
    const api = createApi((name, args) => dispatch(lectern.handlers, name, args))
    await expect(api.getArticle({ id: 'nope' })).rejects.toThrowError(LecternError)
    await expect(api.getArticle({ id: 'nope' })).rejects.toMatchObject({ code: 'not-found' })
  })
})
