import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Article } from '../../../../src/shared/types'
import {
  contentIdOf,
  imageTypeOf,
  openImportedLibrary,
} from '../../../../src/main/services/library/importedLibrary'

const dataDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'lectern-library-'))

function article(text: string, added = '2026-01-01T00:00:00.000Z'): Article {
  return {
    id: contentIdOf(Buffer.from(text)),
    title: text.slice(0, 20),
    words: text.split(' ').length,
    readingMinutes: 1,
    origin: 'imported',
    added,
    paragraphs: [text],
    headings: [],
    blocks: [{ type: 'paragraph' }],
    images: [],
  }
}

const files = (text: string) => ({
  original: { ext: 'txt', bytes: Buffer.from(text) },
  images: [],
})

describe('imported library', () => {
  it('gives the same content the same id, on any computer', () => {
    expect(contentIdOf(Buffer.from('same words'))).toBe(contentIdOf(Buffer.from('same words')))
    expect(contentIdOf(Buffer.from('same words'))).not.toBe(contentIdOf(Buffer.from('other')))
    expect(contentIdOf(Buffer.from('x'))).toMatch(/^a_[0-9a-f]{16}$/)
  })

  it('keeps each article in a folder of its own, with its original, and lists it after reopening', async () => {
    const dir = await dataDir()
    const library = await openImportedLibrary(dir)
    const changes: unknown[] = []
    library.subscribe((c) => changes.push(c))
    const a = article('First article text here')
    await library.add(a, files('First article text here'))
    expect(changes).toEqual([{ added: [a.id], removed: [] }])
    await library.close()

    expect((await readdir(join(dir, 'library/articles', a.id))).sort()).toEqual([
      'article.json',
      'images',
      'original.txt',
    ])
    const again = await openImportedLibrary(dir)
    expect(again.list().map((s) => s.id)).toEqual([a.id])
    expect(again.get(a.id).paragraphs).toEqual(['First article text here'])
    expect(again.problems).toEqual([])
    await again.close()
  })

  it('removes to the trash, restores, and purges for good', async () => {
    const dir = await dataDir()
    const library = await openImportedLibrary(dir)
    const a = article('An article to remove')
    await library.add(a, files('An article to remove'))
    const trashed = await library.remove(a.id)
    expect(trashed.deleted).toMatch(/^\d{4}-/)
    expect(library.has(a.id)).toBe(false)
    expect(() => library.get(a.id)).toThrow(/No article/)
    expect(library.trash().map((t) => t.id)).toEqual([a.id])
    await library.close()

    // The trash outlives a restart.
    const reopened = await openImportedLibrary(dir)
    expect(reopened.list()).toEqual([])
    expect(reopened.trash().map((t) => t.id)).toEqual([a.id])
    await reopened.restore(a.id)
    expect(reopened.get(a.id).title).toBe(a.title)
    await reopened.remove(a.id)
    await reopened.purge(a.id)
    expect(reopened.trash()).toEqual([])
    expect(await readdir(join(dir, 'library/trash'))).toEqual([])
    await reopened.close()
  })

  it('after a crash: drops a half-written folder, adopts a whole one the catalog missed', async () => {
    const dir = await dataDir()
    const library = await openImportedLibrary(dir)
    const kept = article('Written before the crash')
    await library.add(kept, files('Written before the crash'))
    await library.close()

    // A folder renamed into place just before the crash, and one still being written.
    const missed = article('Renamed into place, catalog not yet written')
    await mkdir(join(dir, 'library/articles', missed.id, 'images'), { recursive: true })
    await writeFile(
      join(dir, 'library/articles', missed.id, 'article.json'),
      JSON.stringify(missed),
    )
    const half = join(dir, 'library/incoming', `${article('half').id}.abcd`)
    await mkdir(half, { recursive: true })
    await writeFile(join(half, 'original.txt'), 'half')

    const reopened = await openImportedLibrary(dir)
    expect(
      reopened
        .list()
        .map((s) => s.id)
        .sort(),
    ).toEqual([kept.id, missed.id].sort())
    expect(await readdir(join(dir, 'library/incoming'))).toEqual([])
    await reopened.close()
    // The catalog now names both.
    const catalog = JSON.parse(await readFile(join(dir, 'library/catalog.json'), 'utf8'))
    expect(catalog.articles).toHaveLength(2)
  })

  it('sets a damaged catalog aside and rebuilds it from the folders; a damaged article is reported, not fatal', async () => {
    const dir = await dataDir()
    const library = await openImportedLibrary(dir)
    const a = article('Kept safe in its folder')
    const b = article('Its article file will be damaged')
    await library.add(a, files('Kept safe in its folder'))
    await library.add(b, files('Its article file will be damaged'))
    await library.close()
    await writeFile(join(dir, 'library/catalog.json'), '{"version":1,"articles":[{"summ')
    await writeFile(join(dir, 'library/articles', b.id, 'article.json'), 'not json')

    const reopened = await openImportedLibrary(dir)
    expect(reopened.list().map((s) => s.id)).toEqual([a.id])
    expect(reopened.problems.join('\n')).toMatch(/catalog was not valid JSON.*set aside/)
    expect(reopened.problems.join('\n')).toMatch(new RegExp(`${b.id} could not be read`))
    // Nothing is deleted: the damaged catalog is beside, the damaged article where it was.
    const names = await readdir(join(dir, 'library'))
    expect(names.some((n) => n.startsWith('catalog.json.damaged-'))).toBe(true)
    expect(await readdir(join(dir, 'library/articles', b.id))).toContain('original.txt')
    await reopened.close()
  })

  it('refuses to add an article twice, and a failed add leaves nothing behind', async () => {
    const dir = await dataDir()
    const library = await openImportedLibrary(dir)
    const a = article('Only once')
    await library.add(a, files('Only once'))
    await expect(library.add(a, files('Only once'))).rejects.toThrow(/already in the library/)
    const bad = article('Bad picture name')
    await expect(
      library.add(bad, {
        ...files('x'),
        images: [{ file: '../escape.png', bytes: Buffer.from('x') }],
      }),
    ).rejects.toThrow()
    expect(library.has(bad.id)).toBe(false)
    expect(await readdir(join(dir, 'library/incoming'))).toEqual([])
    await rm(dir, { recursive: true, force: true })
  })

  it('reads a picture back only by its own name', async () => {
    const dir = await dataDir()
    const library = await openImportedLibrary(dir)
    const a = {
      ...article('With a picture'),
      images: [{ before: 0, alt: 'x', file: 'images/1.png' }],
    }
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    await library.add(a, {
      ...files('With a picture'),
      images: [{ file: 'images/1.png', bytes: png }],
    })
    expect(await library.image(a.id, 'images/1.png')).toMatchObject({ mime: 'image/png' })
    await expect(library.image(a.id, '../article.json')).rejects.toThrow(/No picture/)
    await expect(library.image(a.id, 'images/2.png')).rejects.toThrow(/No picture/)
    await library.close()
  })
})

describe('picture types', () => {
  it('are read from the bytes, not the name', () => {
    expect(imageTypeOf(Buffer.from('89504e470d0a1a0a', 'hex'))).toBe('png')
    expect(imageTypeOf(Buffer.from('ffd8ffe0', 'hex'))).toBe('jpg')
    expect(imageTypeOf(Buffer.from('GIF89a'))).toBe('gif')
    expect(imageTypeOf(Buffer.from('<?xml version="1.0"?><svg xmlns="x"></svg>'))).toBe('svg')
    expect(imageTypeOf(Buffer.from('<html><script>alert(1)</script>'))).toBeUndefined()
    expect(imageTypeOf(Buffer.from('MZ\x90\x00'))).toBeUndefined()
  })
})
