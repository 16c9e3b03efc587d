import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/main/dispatch'
import { openLectern, type Lectern } from '../../../../src/main/lectern'
import { filesToImport, similarity } from '../../../../src/main/services/import/libraryImport'
import { fingerprint } from './fingerprint'

const ROOT = join(import.meta.dirname, '../../../..')
const SEEDS = join(ROOT, 'seeds')
const PAGES = join(ROOT, 'tests/fixtures/import/pages')

const open = async (): Promise<Lectern> =>
  openLectern({
    seedsDir: SEEDS,
    dataDir: await mkdtemp(join(tmpdir(), 'lectern-import-')),
    version: 't',
  })

const markdown = (i: number): string =>
  `---\ntitle: Field note ${i}\nauthor: Walker ${i}\n---\n\nOn day ${i} the path by the river was ${i % 2 ? 'dry' : 'muddy'}, and the heron stood where it always stands, number ${i}.\n\nA second paragraph, so that note ${i} has a body of its own.\n`

describe('importing into the library', () => {
  let lectern: Lectern
  beforeAll(async () => {
    lectern = await open()
  })
  afterAll(() => lectern.close())

  it('300 files with 10 bad ones: 290 imported, 10 named failures, nothing else changed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lectern-bulk-'))
    // What was there before: one article with a bookmark.
    const first = await lectern.importer().importFile(join(PAGES, 'clipped.md'))
    await lectern.handlers.addBookmark({
      articleId: first.articleId!,
      position: { paragraph: 0, start: 0, end: 5 },
    })
    await lectern.imported.close() // the catalog on disk, so the fingerprint is settled
    const before = await fingerprint(lectern.dataDir)

    for (let i = 0; i < 290; i++)
      await writeFile(join(dir, `note-${String(i).padStart(3, '0')}.md`), markdown(i))
    const bad: Record<string, string | Uint8Array> = {
      'bad-binary.html': Buffer.from([0, 159, 146, 150, 0, 0, 1, 2]),
      'bad-empty.md': '',
      'bad-empty.txt': '   \n\n  ',
      'bad-pdf-named.html': '%PDF-1.7\n%âãÏÓ\n1 0 obj',
      'bad-no-markup.htm': 'just words, no page at all, nothing to see',
      'bad-only-front-matter.md': '---\ntitle: Nothing else\n---\n',
      'bad-utf16-garbage.txt': Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x00, 0xd8]),
      'bad-zeros.html': Buffer.alloc(4096),
      'bad-links.html': `<html><body>${Array.from({ length: 200 }, (_, i) => `<a href="/p${i}">link ${i}</a>`).join(' ')}</body></html>`,
      'bad-image.txt': Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex'),
    }
    for (const [name, content] of Object.entries(bad)) await writeFile(join(dir, name), content)

    const files = await filesToImport([dir], lectern.importExtensions)
    expect(files).toHaveLength(300)
    const results = []
    for (const f of files) results.push(await lectern.importer().importFile(f))
    const failed = results.filter((r) => r.status === 'failed')
    expect(results.filter((r) => r.status === 'imported')).toHaveLength(290)
    expect(failed.map((r) => relative(dir, r.file)).sort()).toEqual(Object.keys(bad).sort())
    for (const f of failed) expect(f.error, f.file).toMatch(/^[a-z][^:]*: .+/)
    expect(failed.find((f) => f.file.endsWith('bad-zeros.html'))?.error).toMatch(/binary|not HTML/)
    expect(failed.find((f) => f.file.endsWith('bad-empty.md'))?.error).toMatch(/^empty/)

    // Everything that was there is byte for byte as it was (the catalog grew, as it must).
    await lectern.imported.close()
    const after = await fingerprint(lectern.dataDir)
    for (const [file, hash] of before)
      if (file !== 'library/catalog.json') expect(after.get(file), file).toBe(hash)
    expect(lectern.imported.list()).toHaveLength(291)
    // No half-imported article: every listed one opens, and nothing is left in `incoming`.
    for (const s of lectern.imported.list())
      expect(lectern.library.get(s.id).paragraphs.length).toBeGreaterThan(0)
    expect(await readdir(join(lectern.dataDir, 'library/incoming'))).toEqual([])
  }, 120_000)

  it('the same file again adds nothing and says so; from the trash it comes back', async () => {
    const path = join(PAGES, 'mailing-list-post.txt')
    const first = await lectern.importer().importFile(path)
    expect(first.status).toBe('imported')
    const again = await lectern.importer().importFile(path)
    expect(again).toMatchObject({ status: 'duplicate', articleId: first.articleId })
    expect(again.message).toMatch(/already in the library as “Frost dates/)
    await lectern.handlers.removeArticle({ articleId: first.articleId! })
    const back = await lectern.importer().importFile(path)
    expect(back).toMatchObject({ status: 'imported', articleId: first.articleId })
    expect(back.message).toMatch(/back from the trash/)
  })

  it('a page dropped with its _files pictures keeps them; a picture that lies about its type is left out', async () => {
    const html = await readFile(join(PAGES, 'saved-complete/River rising.html'))
    const png = await readFile(join(PAGES, 'saved-complete/River rising_files/flood.png'))
    const reply = await dispatch(lectern.handlers, 'importDropped', {
      name: 'saved/River rising.html',
      data: html.toString('base64'),
      resources: [{ name: 'saved/River rising_files/flood.png', data: png.toString('base64') }],
    })
    expect(reply).toMatchObject({ ok: true, value: { status: 'imported' } })
    const id = (reply as { value: { articleId: string } }).value.articleId
    const article = lectern.library.get(id)
    expect(article.images).toEqual([
      { before: 0, alt: 'The mill steps under water', file: 'images/1.png' },
    ])
    const image = await dispatch(lectern.handlers, 'getArticleImage', {
      articleId: id,
      file: 'images/1.png',
    })
    expect(image).toMatchObject({ ok: true, value: { mime: 'image/png' } })
    expect(Buffer.from((image as { value: { data: string } }).value.data, 'base64')).toEqual(png)

    // The same page with a script posing as its picture: the alt text stays, the file does not.
    const posing = html.toString().replace('The river had been', 'The river has been')
    const second = await dispatch(lectern.handlers, 'importDropped', {
      name: 'River rising.html',
      data: Buffer.from(posing).toString('base64'),
      resources: [
        {
          name: 'River rising_files/flood.png',
          data: Buffer.from('<script>x</script>').toString('base64'),
        },
      ],
      onSimilar: 'keep-both',
    })
    const id2 = (second as { value: { articleId: string } }).value.articleId
    expect(lectern.library.get(id2).images?.[0]).toEqual({
      before: 0,
      alt: 'The mill steps under water',
    })
  })

  it('refuses dropped names that climb out or start at a root', async () => {
    for (const name of ['../etc/passwd.html', '/etc/x.html', 'C:\\x.html', 'a/../../b.html']) {
      const reply = await dispatch(lectern.handlers, 'importDropped', {
        name,
        data: Buffer.from('<p>x</p>').toString('base64'),
      })
      expect(reply, name).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    }
  })

  it('a page saved twice is recognised; the reader keeps both or replaces, and notes follow', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lectern-twice-'))
    const body = (extra: string) =>
      `<html><head><title>Lighthouse keepers</title><link rel="canonical" href="https://example.org/lighthouse"></head><body><article><h1>Lighthouse keepers</h1><p>The last keeper left the lighthouse in 1998, and the lamp has turned on its own ever since, watched from a screen in the harbour office.${extra}</p><p>Visitors can climb the stairs on Sundays in summer.</p></article></body></html>`
    await writeFile(join(dir, 'one.html'), body(''))
    await writeFile(join(dir, 'two.html'), body(' Updated.'))
    const one = await lectern.importer().importFile(join(dir, 'one.html'))
    await lectern.handlers.addNote({ articleId: one.articleId!, text: 'Visit in June' })
    const count = lectern.imported.list().length
    const asked = await lectern.importer().importFile(join(dir, 'two.html'))
    expect(asked).toMatchObject({
      status: 'similar',
      similarTo: { id: one.articleId, title: 'Lighthouse keepers' },
    })
    // Nothing is added until the reader chooses.
    expect(lectern.imported.list()).toHaveLength(count)

    const replaced = await lectern
      .importer()
      .importFile(join(dir, 'two.html'), { onSimilar: 'replace' })
    expect(replaced.status).toBe('imported')
    expect(lectern.library.has(one.articleId!)).toBe(false)
    expect(lectern.annotations.list(replaced.articleId!).notes.map((n) => n.text)).toEqual([
      'Visit in June',
    ])
    expect(lectern.imported.trash().map((a) => a.id)).toContain(one.articleId)
  })

  it('folders are walked for the formats Lectern reads, skipping hidden files and _files folders', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lectern-walk-'))
    await mkdir(join(dir, 'page_files'))
    await mkdir(join(dir, 'deeper/still'), { recursive: true })
    await mkdir(join(dir, '.git'))
    for (const f of [
      'a.html',
      'page_files/inner.html',
      'deeper/still/b.MD',
      '.hidden.md',
      '.git/c.txt',
      'photo.jpg',
      'd.txt',
    ])
      await writeFile(join(dir, f), 'x')
    const found = await filesToImport([dir], lectern.importExtensions)
    expect(found.map((f) => relative(dir, f))).toEqual(['a.html', 'd.txt', 'deeper/still/b.MD'])
    expect((await stat(dir)).isDirectory()).toBe(true)
  })
})

describe('similarity of two texts', () => {
  it('is 1 for the same words and falls as they differ', () => {
    const a = ['the quick brown fox jumps over the lazy dog by the river bank today']
    expect(similarity(a, a)).toBe(1)
    expect(similarity(a, [`${a[0]} and again`])).toBeGreaterThan(0.75)
    expect(
      similarity(a, ['an entirely different sentence about the weather in spring']),
    ).toBeLessThan(0.1)
  })
})
