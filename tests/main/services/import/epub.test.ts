import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/main/dispatch'
import { openLectern } from '../../../../src/main/lectern'
import { bookWords, wordF1 } from '../../../bench/epubTruth'
import { ImportService } from '../../../../src/main/services/import/importService'
import {
  blocksToText,
  ImportError,
  type ExtractedArticle,
} from '../../../../src/main/services/import/types'
import { withoutXhtmlNamespace } from '../../../../src/main/services/import/epub/package'
import { fingerprint } from './fingerprint'

const ROOT = join(import.meta.dirname, '../../../..')
const FIXTURES = join(ROOT, 'tests/fixtures/import/epub')
const BENCH = join(ROOT, '../shared/bench/epub')
const SHARED = existsSync(BENCH) ? BENCH : '/work/shared/bench/epub'

const service = new ImportService({ timeoutMs: 120_000 })
afterAll(() => service.close())

const extract = (file: string): Promise<ExtractedArticle> => service.extractFile(file)

const books = [
  ...['trees.epub', 'regime-anticancer-arabic.epub', 'vertical-japanese.epub'].map((f) =>
    join(FIXTURES, f),
  ),
  ...(existsSync(SHARED)
    ? readdirSync(SHARED)
        .filter((f) => f.endsWith('.epub'))
        .map((f) => join(SHARED, f))
    : []),
]

describe('EPUB books', { timeout: 180_000 }, () => {
  it.each(books)('%s: imports with its outline and its full text', async (file) => {
    const book = await extract(file)
    expect(book.format).toBe('epub')
    expect(book.title.length).toBeGreaterThan(0)
    expect(book.outline?.length).toBeGreaterThan(0)
    for (const point of book.outline ?? []) {
      expect(point.block).toBeGreaterThanOrEqual(0)
      expect(point.block).toBeLessThan(book.blocks.length)
    }
    const got =
      blocksToText(book.blocks)
        .toLowerCase()
        .match(/[\p{L}\p{N}]+/gu) ?? []
    expect(wordF1(got, bookWords(file))).toBeGreaterThan(0.98)
  })

  it.skipIf(!existsSync(join(SHARED, 'moby-dick.epub')))(
    'moby-dick: metadata, 130+ chapters, and each outline entry lands on its chapter title',
    async () => {
      const book = await extract(join(SHARED, 'moby-dick.epub'))
      expect(book.title).toBe('Moby-Dick')
      expect(book.author).toBe('Herman Melville')
      expect(book.language).toBe('en-US')
      expect(book.siteName).toBe('Harper & Brothers, Publishers')
      expect(book.identifier).toBe('code.google.com.epub-samples.moby-dick-basic')
      expect(book.sections?.length).toBeGreaterThan(130)
      const chapter = book.outline?.find((o) => o.title === 'Chapter 1. Loomings.')
      const block = book.blocks[chapter?.block ?? -1]
      expect(block && 'text' in block ? block.text : '').toMatch(/Loomings/)
      expect(blocksToText(book.blocks)).toContain('Call me Ishmael.')
      // The cover picture comes from inside the book.
      const cover = book.blocks.find((b) => b.type === 'image' && b.origin === 'embedded')
      expect(
        cover && 'src' in cover && book.files?.get(cover.src as string)?.byteLength,
      ).toBeGreaterThan(1000)
    },
  )

  it.skipIf(!existsSync(join(SHARED, 'childrens-literature.epub')))(
    'nested sections: an entry pointing into a chapter lands on its own heading',
    async () => {
      const book = await extract(join(SHARED, 'childrens-literature.epub'))
      for (const title of ['BIBLIOGRAPHY', 'INTRODUCTORY']) {
        const point = book.outline?.find((o) => o.title === title)
        expect(point?.depth).toBe(1)
        expect(book.blocks[point?.block ?? -1]).toEqual({ type: 'heading', level: 3, text: title })
      }
    },
  )

  it('a book that opens on its own title does not show it twice; its outline still lands right', async () => {
    const book = await extract(join(FIXTURES, 'trees.epub'))
    expect(book.title).toBe('Trees')
    const first = book.blocks.find((b) => b.type !== 'image')
    expect(first && 'text' in first ? first.text : '').not.toBe('Trees')
    const classification = book.outline?.find((o) => o.title === 'Classification')
    expect(book.blocks[classification?.block ?? -1]).toMatchObject({ text: 'Classification' })
  })

  it('reads an Arabic book right to left', async () => {
    const book = await extract(join(FIXTURES, 'regime-anticancer-arabic.epub'))
    expect(book.direction).toBe('rtl')
    expect(book.language).toBe('ar')
  })

  it('shows vertical Japanese horizontally, its text whole and its readings left out', async () => {
    const book = await extract(join(FIXTURES, 'vertical-japanese.epub'))
    // Pages turn right to left, but the lines, shown horizontally, read left to right.
    expect(book.direction).toBe('ltr')
    const text = blocksToText(book.blocks)
    expect(text).toContain(
      '雨ニモマケズ、風ニモマケズ、雪ニモ夏ノ暑サニモマケヌ丈夫ナカラダヲモチ。',
    )
    expect(text).toContain('慾ハナク、決シテ瞋ラズ')
    // A line broken in the source joins again without a space, as Japanese is written.
    expect(text).toContain('一日ニ玄米四合ト味噌ト少シノ野菜ヲタベ。')
    expect(book.outline?.map((o) => [o.title, o.depth])).toEqual([
      ['一', 0],
      ['二', 0],
      ['二の後半', 1],
    ])
    const later = book.blocks[book.outline?.[2]?.block ?? -1]
    expect(later).toEqual({ type: 'heading', level: 2, text: '後半' })
  })

  it('reads an EPUB 2 book by its NCX, and a chapter that is not well-formed XML as HTML', async () => {
    const book = await extract(join(FIXTURES, 'epub2-ncx.epub'))
    expect(book).toMatchObject({
      title: 'A Small Almanac',
      author: 'R. Fenwick',
      siteName: 'Lantern Press',
      published: '1911-03-04',
      identifier: 'urn:isbn:9780000000002',
    })
    expect(book.outline?.map((o) => [o.title, o.depth, book.blocks[o.block]])).toEqual([
      ['Spring', 0, { type: 'heading', level: 1, text: 'Spring' }],
      ['Sowing', 1, { type: 'heading', level: 2, text: 'Sowing' }],
      ['Summer', 0, { type: 'heading', level: 1, text: 'Summer' }],
    ])
    expect(blocksToText(book.blocks)).toContain('Hay is cut when the seed heads turn brown.')
    expect(book.sections?.map((s) => s.title)).toEqual(['Spring', 'Summer'])
  })

  it('ignores obfuscated fonts: the book is read', async () => {
    const book = await extract(join(FIXTURES, 'obfuscated-font.epub'))
    expect(blocksToText(book.blocks)).toContain('雨ニモマケズ')
  })
})

describe('withoutXhtmlNamespace', () => {
  it('takes the namespace off the root element only, never out of the text', () => {
    const chapter =
      '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">' +
      '<body><pre>&lt;span xmlns="http://www.w3.org/1999/xhtml"&gt;</pre></body></html>'
    expect(withoutXhtmlNamespace(chapter)).toBe(
      '<html xmlns:epub="http://www.idpf.org/2007/ops">' +
        '<body><pre>&lt;span xmlns="http://www.w3.org/1999/xhtml"&gt;</pre></body></html>',
    )
  })
})

describe('hostile EPUBs', { timeout: 120_000 }, () => {
  const refusals: [string, ImportError['reason'], RegExp][] = [
    ['zip-bomb.epub', 'too-large', /^refused: .* compressed \d+ to 1 \(a zip bomb\?\)$/],
    ['traversal.epub', 'unsupported', /^refused: the EPUB names a file outside itself/],
    ['truncated.epub', 'unreadable', /^unreadable: the EPUB is damaged/],
    ['missing-opf.epub', 'unreadable', /package document \(OEBPS\/content\.opf\) is missing/],
    ['malformed-opf.epub', 'unreadable', /package document is not well-formed XML/],
    ['drm-encrypted.epub', 'unsupported', /^refused: this book is protected by DRM/],
    ['drm-rights.epub', 'unsupported', /^refused: this book is protected by DRM/],
  ]

  it.each(refusals)('%s is refused: %s', async (name, reason, message) => {
    const err = await extract(join(FIXTURES, name)).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(ImportError)
    expect((err as ImportError).reason).toBe(reason)
    expect((err as ImportError).message).toMatch(message)
  })

  it('a zip that is not an EPUB, and an .epub that is not a zip, say so', async () => {
    const notZip = await service
      .extractBytes('book.epub', new TextEncoder().encode('<html>hello</html>'))
      .catch((e: unknown) => e as ImportError)
    expect((notZip as ImportError).message).toMatch(/^not an EPUB despite its name/)
  })

  it('importing them writes nothing to the library; a good book goes in with its pictures', async () => {
    const lectern = await openLectern({
      seedsDir: join(ROOT, 'seeds'),
      dataDir: await mkdtemp(join(tmpdir(), 'lectern-epub-')),
      version: 't',
    })
    try {
      const before = await fingerprint(lectern.dataDir)
      for (const [name] of refusals) {
        const result = await lectern.importer().importFile(join(FIXTURES, name))
        expect(result.status, name).toBe('failed')
      }
      expect(await fingerprint(lectern.dataDir)).toEqual(before)

      const done = await lectern
        .importer()
        .importFile(join(FIXTURES, 'regime-anticancer-arabic.epub'))
      expect(done.status).toBe('imported')
      const article = lectern.library.get(done.articleId as string)
      expect(article.format).toBe('epub')
      expect(article.direction).toBe('rtl')
      expect(article.outline?.length).toBe(3)
      for (const o of article.outline ?? [])
        expect(o.paragraph).toBeLessThan(article.paragraphs.length)
      const pictures = (article.images ?? []).filter((i) => i.file)
      expect(pictures.length).toBeGreaterThan(0)
      for (const p of pictures) {
        const image = await dispatch(lectern.handlers, 'getArticleImage', {
          articleId: article.id,
          file: p.file as string,
        })
        expect(image).toMatchObject({
          ok: true,
          value: { mime: expect.stringMatching(/^image\//) },
        })
      }
    } finally {
      await lectern.close()
    }
  })
})
