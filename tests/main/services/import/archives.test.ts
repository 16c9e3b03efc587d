import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openLectern, type Lectern } from '../../../../src/main/lectern'
import { parseHighlights } from '../../../../src/main/services/import/archives/omnivore'

const ROOT = join(import.meta.dirname, '../../../..')
const FIXTURES = join(ROOT, 'tests/fixtures/import/archives')

let lectern: Lectern
beforeEach(async () => {
  lectern = await openLectern({
    seedsDir: join(ROOT, 'seeds'),
    dataDir: await mkdtemp(join(tmpdir(), 'lectern-archives-')),
    version: 't',
  })
})
afterEach(() => lectern.close())

describe('Omnivore highlights files', () => {
  it('reads quotes over several lines, their labels and their notes', () => {
    const md =
      '> first line\n> second line \n\n#one #two\n\nA note\n\nin two paragraphs\n\n> another '
    expect(parseHighlights(md)).toEqual([
      {
        quote: 'first line\n\nsecond line',
        labels: ['one', 'two'],
        note: 'A note\n\nin two paragraphs',
      },
      { quote: 'another', labels: [], note: '' },
    ])
  })
})

describe('an Omnivore export', { timeout: 120_000 }, () => {
  it('brings its articles with labels, state, progress, and highlights as bookmarks', async () => {
    const result = await lectern.importer().importFile(join(FIXTURES, 'omnivore-export.zip'))
    expect(result.status).toBe('imported')
    expect(result.items?.map((i) => [i.title ?? i.file, i.status])).toEqual([
      ['The keeper’s winter log', 'imported'],
      ['River rising', 'imported'],
      ['A link without its page', 'imported'],
      [`${join(FIXTURES, 'omnivore-export.zip')} › thrown-away-18c1f1e2a3e`, 'failed'],
    ])
    expect(result.message).toMatch(
      /^3 of 4 articles from Omnivore imported, 1 not imported, 2 of 3 highlights placed; 1 could not be placed/,
    )
    expect(result.orphans).toEqual([
      {
        articleId: result.items?.[0]?.articleId,
        title: 'The keeper’s winter log',
        quote: 'A sentence that the article never had, about gulls and the price of paraffin.',
      },
    ])

    const keeperId = result.items?.[0]?.articleId as string
    const keeper = lectern.library.get(keeperId)
    expect(keeper).toMatchObject({
      title: 'The keeper’s winter log',
      author: 'Ann Lowry',
      url: 'https://harbour.example/2024/keepers-log',
      date: '2024-03-01',
      tags: ['history', 'sea'],
      format: 'omnivore',
      added: '2024-03-02T10:00:00.000Z',
    })
    expect(keeper.paragraphs.join(' ')).toContain('the keeper’s daughter had come home')
    const state = lectern.annotations.userState()
    expect(state.reading.articles[keeperId]).toMatchObject({ progress: 0.45 })
    expect(state.reading.articles[keeperId]?.archived).toBeTruthy()
    expect(state.reading.lastArticleId).toBeUndefined()
    const riverId = result.items?.[1]?.articleId as string
    expect(state.reading.articles[riverId]?.finished).toBeTruthy()

    const { bookmarks } = lectern.annotations.list(keeperId)
    const byQuote = (s: string) => bookmarks.find((b) => b.anchor.quote.exact.includes(s))
    const exact = byQuote('almost companionable')
    expect(exact?.placed?.method).not.toBeUndefined()
    expect(exact?.note).toBe('The heart of the piece.')
    expect(exact?.tags).toEqual(['favourite', 'quotes'])
    const para = keeper.paragraphs[exact?.placed?.paragraph ?? -1] ?? ''
    expect(para.slice(exact?.placed?.start, exact?.placed?.end)).toBe(
      'about patience, and about a kind of loneliness that is almost companionable.',
    )
    // Changed since it was highlighted: found fuzzily, and anchored to the words there now.
    const fuzzy = byQuote('the lamp was cleaned')
    expect(fuzzy?.placed).not.toBeNull()
    expect(fuzzy?.anchor.quote.exact).toMatch(/reads simply that the lamp was cleaned/)
    const orphan = byQuote('gulls')
    expect(orphan?.placed).toBeNull()
    expect(orphan?.note).toBe('Where was this?')

    // A link without its page says so.
    const link = lectern.library.get(result.items?.[2]?.articleId as string)
    expect(link.format).toBe('link')
    expect(link.paragraphs[0]).toMatch(/not available offline/)
    expect(link.tags).toEqual(['later'])

    // Again: nothing new, each article named as already there.
    const again = await lectern.importer().importFile(join(FIXTURES, 'omnivore-export.zip'))
    expect(again.status).toBe('duplicate')
    expect(again.items?.filter((i) => i.status === 'duplicate')).toHaveLength(3)
    expect(lectern.annotations.list(keeperId).bookmarks).toHaveLength(3)
  })

  it('a zip that is not an Omnivore export is refused, naming what it lacks', async () => {
    const { zipSync } = await import('fflate')
    const { writeFile } = await import('node:fs/promises')
    const file = join(await mkdtemp(join(tmpdir(), 'lectern-zip-')), 'photos.zip')
    await writeFile(file, zipSync({ 'a.txt': new TextEncoder().encode('hello') }))
    const result = await lectern.importer().importFile(file)
    expect(result).toMatchObject({
      status: 'failed',
      error: 'unsupported: a zip file, but not an Omnivore export (it has no metadata_*.json)',
    })
  })
})

describe('read-it-later CSV exports', { timeout: 60_000 }, () => {
  it.each([
    ['pocket.csv', 'Pocket', 2, 1],
    ['instapaper.csv', 'Instapaper', 2, 0],
    ['readwise-reader.csv', 'Readwise Reader', 1, 0],
  ])('%s: a "to read" list that says the text is not offline', async (name, service, n, bad) => {
    const result = await lectern.importer().importFile(join(FIXTURES, name))
    expect(result.status).toBe('imported')
    expect(result.message).toMatch(
      new RegExp(`^${n} of ${n + bad} articles from ${service} imported`),
    )
    for (const item of result.items?.filter((i) => i.status === 'imported') ?? []) {
      const article = lectern.library.get(item.articleId as string)
      expect(article.format).toBe('link')
      expect(article.url).toMatch(/^https:\/\//)
      expect(article.paragraphs[0]).toMatch(
        /^To read: the text of this article is not available offline/,
      )
      expect(article.added).toMatch(/^20\d\d-/)
    }
  })

  it('keeps titles, tags, dates and archived state as each service writes them', async () => {
    const pocket = await lectern.importer().importFile(join(FIXTURES, 'pocket.csv'))
    const [chain, quoted, none] = pocket.items ?? []
    expect(lectern.library.get(chain?.articleId as string)).toMatchObject({
      title: 'How to Fix a Bicycle Chain',
      tags: ['repairs', 'bikes'],
      added: new Date(1700000000 * 1000).toISOString(),
    })
    expect(quoted?.title).toBe('Quoted, with a comma')
    expect(
      lectern.annotations.userState().reading.articles[quoted?.articleId as string]?.archived,
    ).toBeTruthy()
    expect(none).toMatchObject({ status: 'failed', error: 'no web address' })
    const insta = await lectern.importer().importFile(join(FIXTURES, 'instapaper.csv'))
    expect(lectern.library.get(insta.items?.[0]?.articleId as string).tags).toEqual([
      'essays',
      'slow',
    ])
    const readwise = await lectern.importer().importFile(join(FIXTURES, 'readwise-reader.csv'))
    expect(lectern.library.get(readwise.items?.[0]?.articleId as string)).toMatchObject({
      title: 'The Long Read',
      tags: ['magazine', 'long'],
      added: '2024-01-15T00:00:00.000Z',
    })
  })

  it('a CSV of something else is refused', async () => {
    const { writeFile } = await import('node:fs/promises')
    const file = join(await mkdtemp(join(tmpdir(), 'lectern-csv-')), 'budget.csv')
    await writeFile(file, 'month,amount\nJan,3\n')
    expect(await lectern.importer().importFile(file)).toMatchObject({
      status: 'failed',
      error: 'unsupported: a CSV file, but not a Pocket, Instapaper or Readwise Reader export',
    })
  })
})
