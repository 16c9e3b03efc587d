import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SNAPSHOT_FILE } from '../../../../src/main/services/search/indexStore'
import {
  createLibrarySearch,
  type LibrarySearch,
} from '../../../../src/main/services/search/librarySearch'
import { decodeSnapshot } from '../../../../src/main/services/search/snapshotCodec'
import type { Article } from '../../../../src/shared/types'
import { loadCranfield } from '../../../bench/cranfield'
import { mutableLibrary, type MutableLibrary } from '../../mutableLibrary'

/** Cranfield abstracts as articles of a few paragraphs each. */
const articles: Article[] = loadCranfield()
  .documents.slice(0, 300)
  .map((d) => {
    const paragraphs = d.text.split(/(?<=\s\.)\s+(?=\S)/).filter(Boolean)
    const words = d.text.split(/\s+/).length
    return { id: `c${d.id}`, title: d.title, paragraphs, headings: [], words, readingMinutes: 1 }
  })
const QUESTIONS = loadCranfield()
  .queries.slice(0, 12)
  .map((q) => q.text)
const extra = (id: string, text: string): Article => ({
  id,
  title: `About ${id}`,
  paragraphs: [text, 'A second paragraph on the boundary layer.'],
  headings: [],
  words: text.split(' ').length + 7,
  readingMinutes: 1,
})

let dataDir: string
let problems: string[]
const open: LibrarySearch[] = []
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lectern-index-'))
  problems = []
})
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()))
  await rm(dataDir, { recursive: true, force: true })
})

/** A search over the library with its snapshot in `dataDir`, as a large library's is. */
async function opened(library: MutableLibrary): Promise<LibrarySearch> {
  const search = createLibrarySearch(library, undefined, {
    dataDir,
    inlineWords: 0,
    saveDelayMs: 60_000,
    log: (m) => problems.push(m),
  })
  open.push(search)
  await search.whenReady()
  return search
}

const answers = (search: LibrarySearch, query: string): string[] =>
  search.search(query, 10).hits.map((h) => `${h.articleId}#${h.paragraph}`)

async function closed(search: LibrarySearch): Promise<void> {
  open.splice(open.indexOf(search), 1)
  await search.close()
}

describe('the article index on disk', () => {
  it('is built in a worker the first time, saved on close, and loaded the next', async () => {
    const library = mutableLibrary(articles)
    const first = await opened(library)
    expect(first.status()).toMatchObject({ state: 'ready', source: 'worker' })
    const before = QUESTIONS.map((q) => answers(first, q))
    expect(before.every((a) => a.length === 10)).toBe(true)
    await closed(first)

    const again = await opened(library)
    expect(again.status()).toEqual({ state: 'ready', source: 'snapshot', problem: undefined })
    expect(QUESTIONS.map((q) => answers(again, q))).toEqual(before)
    // Snippets come from the library, read when shown.
    const hit = again.search(QUESTIONS[0]!, 1).hits[0]!
    const paragraph = library.get(hit.articleId).paragraphs[hit.paragraph]!
    expect(paragraph).toContain(hit.snippet.replace(/^…|…$/g, '').slice(0, 30))
    expect(problems).toEqual([])
  })

  it('gives the answers an index built at once in memory gives', async () => {
    const library = mutableLibrary(articles)
    const inMemory = createLibrarySearch(library)
    open.push(inMemory)
    expect(inMemory.status()).toMatchObject({ state: 'building', source: 'none' })
    const search = await opened(library)
    for (const q of [...QUESTIONS, 'boundary lay', '"heat transfer"']) {
      expect(search.search(q, 10), q).toEqual(inMemory.search(q, 10))
    }
    expect(inMemory.status()).toMatchObject({ state: 'ready', source: 'inline' })
  })

  it('catches up with articles that came and went since the snapshot', async () => {
    const library = mutableLibrary(articles)
    await closed(await opened(library))
    const gone = ['c1', 'c2', 'c3']
    const goneText = library.get('c1').paragraphs[0]!
    library.remove(...gone)
    library.add(extra('x1', 'The zeugmatic quokka hypersonic flutter.'))

    const search = await opened(library)
    expect(search.status()).toMatchObject({ state: 'ready', source: 'snapshot' })
    expect(answers(search, 'zeugmatic quokka')).toEqual(['x1#0'])
    expect(search.search(goneText, 50).hits.map((h) => h.articleId)).not.toContain('c1')
    expect(search.articleIndex().articleIds().sort()).toEqual(
      library
        .list()
        .map((a) => a.id)
        .sort(),
    )
  })

  it('rebuilds a snapshot far behind the library', async () => {
    const library = mutableLibrary(articles.slice(0, 100))
    await closed(await opened(library))
    library.add(...articles.slice(100))
    const search = await opened(library)
    expect(search.status()).toMatchObject({ source: 'worker', problem: /behind/ })
    expect(search.articleIndex().articleIds()).toHaveLength(300)
  })

  /** Each damage on its own: each opening rebuilds in a worker, which takes a while on a busy machine. */
  const damages: [string, (bytes: Uint8Array) => Uint8Array, RegExp][] = [
    ['truncated', (bytes) => bytes.subarray(0, bytes.length >> 1), /damaged|cut short/],
    ['a flipped byte', (bytes) => flipped(bytes, bytes.length - 5), /checksum/],
    ['another version', (bytes) => withVersion(bytes, 1), /version 1/],
    ['of the format before pair filters', withoutFilters, /version 3/],
    [
      'not an index at all',
      () => new TextEncoder().encode('{"passages": [["c1", 0, 12], ["c1", 1'),
      /not a search index/,
    ],
    ['empty', () => new Uint8Array(), /too short/],
  ]
  it.each(damages)('rebuilds a snapshot that is %s, and says why', async (what, damage, why) => {
    const library = mutableLibrary(articles)
    const good = await opened(library)
    const expected = QUESTIONS.map((q) => answers(good, q))
    await closed(good)
    const file = join(dataDir, SNAPSHOT_FILE)
    const bytes = await readFile(file)
    await writeFile(file, damage(bytes))
    problems = []
    const search = await opened(library)
    expect(search.status(), what).toMatchObject({ source: 'worker', problem: why })
    expect(problems.join(), what).toMatch(why)
    expect(
      QUESTIONS.map((q) => answers(search, q)),
      what,
    ).toEqual(expected)
    await closed(search)
    // The rebuilt index is saved in its place.
    expect((await readFile(file)).equals(bytes), what).toBe(true)
  })

  it('answers while it builds, and says so', async () => {
    const library = mutableLibrary(articles)
    const search = createLibrarySearch(library, undefined, { dataDir, inlineWords: 0 })
    open.push(search)
    const early = search.search('boundary layer', 10)
    expect(early).toMatchObject({ indexing: true })
    await search.whenReady()
    const late = search.search('boundary layer', 10)
    expect(late.indexing).toBeUndefined()
    expect(late.hits).toHaveLength(10)
  })

  it('builds on the main thread, a slice at a time, when the worker fails', async () => {
    const library = mutableLibrary(articles)
    const search = createLibrarySearch(library, undefined, {
      dataDir,
      inlineWords: 0,
      workerTimeoutMs: 1,
      log: (m) => problems.push(m),
    })
    open.push(search)
    await search.whenReady()
    expect(search.status()).toMatchObject({ source: 'main-thread', problem: /out of time/ })
    expect(problems.join()).toMatch(/main thread/)
    expect(answers(search, QUESTIONS[0]!)).toHaveLength(10)
  })
})

/** Every answer of the questions, snippets included. */
const results = (search: LibrarySearch): unknown[] => QUESTIONS.map((q) => search.search(q, 10))

/** Whether searching read any article from the library (rather than the texts beside the index). */
function readsArticles(search: LibrarySearch, library: MutableLibrary): boolean {
  const before = library.gets
  results(search)
  return library.gets !== before
}

describe('the paragraph texts beside the index', () => {
  it('give the snippets without reading the articles', async () => {
    const library = mutableLibrary(articles)
    const built = await opened(library)
    const expected = results(built)
    await closed(built)
    const again = await opened(library)
    expect(readsArticles(again, library)).toBe(false)
    expect(results(again)).toEqual(expected)
    // Phrases are checked in them too.
    const phrase = `"${articles[7]!.paragraphs[0]!.split(' ').slice(2, 6).join(' ')}"`
    expect(answers(again, phrase)).toContain('c8#0')
    expect(problems).toEqual([])
  })

  it('are read from the library when damaged, and written again', async () => {
    const library = mutableLibrary(articles)
    const built = await opened(library)
    const expected = results(built)
    await closed(built)
    const searchDir = join(dataDir, 'search')
    const bin = join(
      searchDir,
      (await readdir(searchDir)).find((n) => n.endsWith('.bin'))!,
    )
    const bytes = await readFile(bin)
    // Every paragraph's first letters changed, in place: only their checksums can tell.
    for (let at = 0; at < bytes.length; at += 97) bytes[at] = 0x21
    await writeFile(bin, bytes)

    const damaged = await opened(library)
    expect(results(damaged)).toEqual(expected)
    expect(problems.join()).toMatch(/damaged; it is read from the library/)
    await vi.waitFor(() => expect(readsArticles(damaged, library)).toBe(false), { timeout: 10_000 })
    await closed(damaged)

    problems = []
    const again = await opened(library)
    expect(readsArticles(again, library)).toBe(false)
    expect(results(again)).toEqual(expected)
    expect(problems).toEqual([])
  })

  it('follow articles added, changed and removed since they were saved', async () => {
    const library = mutableLibrary(articles)
    await closed(await opened(library))
    // Changed while the index was closed: the saved texts are of the old article.
    const old = library.get('c5')
    library.add({ ...extra('c5', 'The zeugmatic quokka flutters.'), title: old.title })
    const search = await opened(library)
    expect(search.search('zeugmatic quokka', 5).hits[0]).toMatchObject({
      articleId: 'c5',
      snippet: expect.stringContaining('zeugmatic quokka flutters'),
    })
    expect(search.search(`"${old.paragraphs[0]!}"`, 5).hits).toEqual([])

    library.add(extra('x1', 'A hypersonic wombat.'))
    library.add(extra('c6', 'The wombat’s second cousin.'))
    library.remove('c7')
    await search.whenReady()
    expect(search.search('hypersonic wombat', 5).hits[0]?.snippet).toMatch(/hypersonic wombat/)
    expect(search.search('wombat cousin', 5).hits[0]).toMatchObject({
      articleId: 'c6',
      snippet: expect.stringContaining('second cousin'),
    })
    const expected = results(search)
    await closed(search)

    const again = await opened(library)
    expect(results(again)).toEqual(expected)
    expect(readsArticles(again, library)).toBe(false)
    expect(again.search('wombat cousin', 5).hits[0]?.snippet).toMatch(/second cousin/)
  })
})

describe('the article index as the library changes', () => {
  it('finds articles as they come, and never those that went', async () => {
    const library = mutableLibrary(articles)
    const search = await opened(library)
    library.add(extra('x1', 'The zeugmatic quokka.'), extra('x2', 'A zeugmatic wombat.'))
    await search.whenReady()
    expect(answers(search, 'zeugmatic')).toEqual(['x1#0', 'x2#0'])
    expect(search.search('zeugmatic quokka', 5).hits[0]?.title).toBe('About x1')
    library.remove('x1')
    expect(answers(search, 'zeugmatic quokka')).toEqual(['x2#0'])
    expect(answers(search, 'quokka')).toEqual([])
    // Nor does it suggest a word only a removed article used.
    expect(search.search('quokkas', 5).showingResultsFor).toBeUndefined()
    await closed(search)

    // What is saved is the library as it is now.
    const again = await opened(library)
    expect(again.status().source).toBe('snapshot')
    expect(answers(again, 'zeugmatic')).toEqual(['x2#0'])
  })

  it('keeps an index built in memory in step too', () => {
    const library = mutableLibrary(articles.slice(0, 20))
    const search = createLibrarySearch(library)
    open.push(search)
    expect(answers(search, 'zeugmatic')).toEqual([])
    library.add(extra('x1', 'The zeugmatic quokka.'))
    library.remove('c1')
    return search.whenReady().then(() => {
      expect(answers(search, 'zeugmatic')).toEqual(['x1#0'])
      expect(search.articleIndex().hasArticle('c1')).toBe(false)
    })
  })
})

function flipped(bytes: Uint8Array, at: number): Uint8Array {
  const out = Uint8Array.from(bytes)
  out[at] = (out[at] as number) ^ 0xff
  return out
}

/** A snapshot as the version before pair filters wrote it: no filters column, version 3. */
function withoutFilters(bytes: Uint8Array): Uint8Array {
  const { snapshot } = decodeSnapshot(bytes)
  const out = Uint8Array.from(bytes.subarray(0, bytes.length - 4 - 4 * snapshot.filters.length))
  const view = new DataView(out.buffer)
  view.setUint32(4, 3, true)
  view.setUint32(8, crc32(out.subarray(16)), true)
  return out
}

function withVersion(bytes: Uint8Array, version: number): Uint8Array {
  const out = Uint8Array.from(bytes)
  new DataView(out.buffer).setUint32(4, version, true)
  return out
}
