import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/main/dispatch'
import { openLectern, type Lectern } from '../../../../src/main/lectern'
import { createApi } from '../../../../src/shared/reply'
import type { LecternApi } from '../../../../src/shared/contract'
import { SEEDS } from '../../seedLibrary'

const ISRAEL_REMAINS = '000_ba4c929e0bb2f9d7'
const BROADER = '002_dac4dfd4f164a684'
let lectern: Lectern
let api: LecternApi

beforeEach(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'lectern-search-'))
  lectern = await openLectern({ seedsDir: SEEDS, dataDir, version: 'test' })
  api = createApi((name, args) => dispatch(lectern.handlers, name, args))
})
afterEach(() => lectern.close())

const paragraphText = async (articleId: string, paragraph: number): Promise<string> =>
  (await api.getArticle({ id: articleId })).paragraphs[paragraph] as string

/** Bookmarks a paragraph whole, as the CLI does without --start/--end. */
const bookmark = async (articleId: string, paragraph: number, note?: string) => {
  const end = (await paragraphText(articleId, paragraph)).length
  return api.addBookmark({ articleId, position: { paragraph, start: 0, end }, note })
}

describe('library search', () => {
  it('ranks the reader’s bookmarks and the passages by one relevance', async () => {
    const question = 'why did putin not condemn israel after the plane was shot down'
    const plain = (await api.search({ query: question, limit: 20 })).hits
    const best = plain[0]!
    // Three bookmarks in that article, one of them about something else.
    await bookmark(ISRAEL_REMAINS, 7)
    await bookmark(ISRAEL_REMAINS, 9)
    await bookmark(ISRAEL_REMAINS, 11, 'workers must correct their leadership')
    const hits = (await api.search({ query: question, limit: 20 })).hits
    expect(hits[0]).toMatchObject({ articleId: best.articleId, paragraph: best.paragraph })
    for (let i = 1; i < hits.length; i++) {
      expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score)
    }
    // The unrelated bookmark is not lifted over passages that answer better.
    const unrelated = hits.findIndex((h) => h.paragraph === 11 && h.articleId === ISRAEL_REMAINS)
    expect(unrelated === -1 || unrelated > 3).toBe(true)
  })

  it('lists a bookmarked paragraph once, marked as bookmarked', async () => {
    await bookmark(ISRAEL_REMAINS, 3)
    const hits = (await api.search({ query: 'shot down plane', limit: 50 })).hits
    const keys = hits.map((h) => `${h.articleId}#${h.paragraph}`)
    expect(new Set(keys).size).toBe(keys.length)
    const listed = hits.find((h) => h.articleId === ISRAEL_REMAINS && h.paragraph === 3)
    expect(listed).toMatchObject({ kind: 'passage', bookmarked: true })
    expect(hits.filter((h) => h.bookmarked)).toHaveLength(1)
  })

  it('still lists a bookmark whose note matched when its paragraph did not', async () => {
    const b = await bookmark(BROADER, 3, 'a quokka of a thought')
    const hits = (await api.search({ query: 'quokka', limit: 20 })).hits
    expect(hits).toEqual([
      expect.objectContaining({ kind: 'bookmark', annotationId: b.id, paragraph: 3 }),
    ])
  })

  it('answers a word that matches nothing with the nearest word, and says so', async () => {
    const result = await api.search({ query: 'Netanyahoo', limit: 20 })
    expect(result.showingResultsFor).toBe('Netanyahu')
    expect(result.hits.length).toBeGreaterThan(0)
    expect(result.hits.every((h) => /netanyahu/i.test(h.snippet + h.title))).toBe(true)
    // The rest of the question is kept as typed.
    const mixed = await api.search({ query: 'the HANUKAH?', limit: 20 })
    expect(mixed.showingResultsFor).toBe('the HANUKKAH?')
    // Words that match something are never "corrected", nor a question that found passages.
    expect((await api.search({ query: 'putin', limit: 5 })).showingResultsFor).toBeUndefined()
    const question = await api.search({ query: 'how much warning did israel give', limit: 5 })
    expect(question.showingResultsFor).toBeUndefined()
    expect(question.hits.length).toBeGreaterThan(0)
    expect((await api.search({ query: 'netan', limit: 5 })).showingResultsFor).toBeUndefined()
    // Nothing near enough: no correction, no hits.
    expect(await api.search({ query: 'qwxzv ', limit: 5 })).toEqual({
      query: 'qwxzv ',
      hits: [],
    })
  })

  it('corrects a word against the reader’s own words too', async () => {
    await bookmark(BROADER, 3, 'zeugma')
    const result = await api.search({ query: 'zeugmo ', limit: 5 })
    expect(result.showingResultsFor).toBe('zeugma ')
    expect(result.hits[0]).toMatchObject({ kind: 'bookmark' })
  })
})
