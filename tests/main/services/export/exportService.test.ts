/**
 * The export service on real files: one Markdown file per annotated article into a folder,
 * re-exports that update those same files in place, the single-file export, and errors.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportFileNames } from '../../../../src/main/services/export/fileNames'
import { loadArticleLibrary } from '../../../../src/main/services/library/articleLibrary'
import { LecternError } from '../../../../src/shared/reply'
import { SEEDS } from '../../seedLibrary'
import { readExport, readLibraryExport } from './readExport'
import { fixedClock, openWorld, passage, SEED_IDS, type World } from './scenario'

const [S000, S001, S002, S003, S004] = SEED_IDS
let world: World
let out: string

beforeEach(async () => {
  world = await openWorld(await loadArticleLibrary(SEEDS), { now: fixedClock() })
  out = await mkdtemp(join(tmpdir(), 'lectern-export-out-'))
})
afterEach(async () => {
  await world.close()
  await rm(out, { recursive: true, force: true })
})

const bookmark = (articleId: string, paragraph: number, note = '') => {
  const text = world.library.get(articleId).paragraphs[paragraph] as string
  return world.annotations.addBookmark({
    articleId,
    position: passage(world.library.get(articleId), paragraph, text.slice(0, 24)),
    note,
  })
}

/** 000 and 002 have bookmarks, 003 only a note, 004 only a bookmark in the trash, 001 nothing. */
async function annotate(): Promise<void> {
  await bookmark(S000, 1, 'first')
  await bookmark(S002, 3)
  await world.annotations.addNote({ articleId: S003, text: 'Only a note here.' })
  const gone = await bookmark(S004, 2)
  await world.annotations.remove(gone.id)
}

const nameOf = (id: string): string => world.exporter.fileNameFor(id)
const listing = async (dir: string): Promise<string[]> => (await readdir(dir)).sort()

describe('exporting the library into a folder', () => {
  it('writes one file per article with live bookmarks or notes, and nothing else', async () => {
    await annotate()
    const written = await world.exporter.exportLibrary({ folder: out })
    const names = [S000, S002, S003].map(nameOf)
    expect(written).toEqual({ path: out, files: names.map((n) => join(out, n)) })
    expect(await listing(out)).toEqual([...names].sort())
    // The names are those of exportFileNames, and each file is the article's export.
    const all = exportFileNames(world.library.list())
    for (const id of [S000, S002, S003]) {
      expect(nameOf(id)).toBe(all.get(id))
      expect(await readFile(join(out, nameOf(id)), 'utf8')).toBe(world.exporter.articleMarkdown(id))
    }
    // An article with only a note has no Bookmarks section.
    const s003 = readExport(await readFile(join(out, nameOf(S003)), 'utf8'))
    expect(s003).toMatchObject({ bookmarks: [], notes: [{ text: 'Only a note here.', tags: [] }] })
    expect(s003.frontMatter.bookmarks).toBe(0)
  })

  it('creates the folder, and leaves the reader’s other files in it alone', async () => {
    await annotate()
    const folder = join(out, 'new', 'nested')
    await writeFile(join(out, 'mine.md'), 'my own file\n')
    await world.exporter.exportLibrary({ folder })
    expect(await listing(folder)).toHaveLength(3)
    expect(await readFile(join(out, 'mine.md'), 'utf8')).toBe('my own file\n')
  })

  it('never replaces the reader’s own file that has an article’s name', async () => {
    await annotate()
    const mine = join(out, nameOf(S000))
    await writeFile(mine, '# My own note with the same title\n')
    const written = await world.exporter.exportLibrary({ folder: out })
    expect(await readFile(mine, 'utf8')).toBe('# My own note with the same title\n')
    const other = written.files.find((f) => f.includes(world.library.get(S000).title))
    expect(other).toMatch(/ [0-9a-f]{8}\.md$/)
    expect(readExport(await readFile(other as string, 'utf8')).frontMatter.article_id).toBe(S000)
    // Exported again, the export finds its own file, and still leaves the reader's alone.
    expect((await world.exporter.exportLibrary({ folder: out })).files).toEqual(written.files)
    expect(await listing(out)).toHaveLength(4)
  })

  it('updates the same files in place when exported again', async () => {
    await annotate()
    await world.exporter.exportLibrary({ folder: out })
    const before = await listing(out)
    const first = await readFile(join(out, nameOf(S000)), 'utf8')

    // More data: one more bookmark on 000, an edited note on 003.
    const added = await bookmark(S000, 4, 'second')
    const [note] = world.annotations.list(S003).notes
    await world.annotations.updateNote({ id: note?.id as string, text: 'Edited.' })
    const again = await world.exporter.exportLibrary({ folder: out })

    expect(await listing(out)).toEqual(before)
    expect(again.files).toHaveLength(3)
    const s000 = await readFile(join(out, nameOf(S000)), 'utf8')
    expect(s000).not.toBe(first)
    expect(readExport(s000).bookmarks.map((b) => b.id)).toContain(added.id)
    expect(readExport(await readFile(join(out, nameOf(S003)), 'utf8')).notes[0]?.text).toBe(
      'Edited.',
    )
    // A newly annotated article gets its file; the others keep their names.
    await bookmark(S001, 2)
    await world.exporter.exportLibrary({ folder: out })
    expect(await listing(out)).toEqual([...before, nameOf(S001)].sort())
  })

  it('gives the same bytes on a second export without timestamps', async () => {
    await annotate()
    await world.exporter.exportLibrary({ folder: out })
    const read = async () =>
      Promise.all((await listing(out)).map((n) => readFile(join(out, n), 'utf8')))
    const first = await read()
    await world.exporter.exportLibrary({ folder: out })
    expect(await read()).toEqual(first)
  })

  it('leaves the file of an article whose notes are all gone as it was', async () => {
    // Export never deletes files: the reader's folder may hold edited copies.
    await annotate()
    await world.exporter.exportLibrary({ folder: out })
    const stale = await readFile(join(out, nameOf(S003)), 'utf8')
    const [note] = world.annotations.list(S003).notes
    await world.annotations.remove(note?.id as string)
    const written = await world.exporter.exportLibrary({ folder: out })
    expect(written.files.map((f) => f.slice(out.length + 1))).not.toContain(nameOf(S003))
    expect(await readFile(join(out, nameOf(S003)), 'utf8')).toBe(stale)
  })

  it('writes nothing for a library without bookmarks or notes', async () => {
    expect(await world.exporter.exportLibrary({ folder: out })).toEqual({ path: out, files: [] })
    expect(await listing(out)).toEqual([])
  })
})

describe('a folder that cannot be made', () => {
  // A file in the way is the reader's choice of place, not a fault of Lectern's.
  it('is reported as a LecternError', async () => {
    await annotate()
    const file = join(out, 'a-file')
    await writeFile(file, 'in the way')
    for (const folder of [file, join(file, 'below')]) {
      const error = await world.exporter.exportLibrary({ folder }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(LecternError)
      expect(error).toMatchObject({
        code: 'invalid-argument',
        message: expect.stringContaining(folder),
      })
    }
  })
})

describe('exporting into one file', () => {
  it('writes every annotated article, in library order, as one file', async () => {
    await annotate()
    const file = join(out, 'all.md')
    expect(await world.exporter.exportLibrary({ file }, { timestamp: true })).toEqual({
      path: file,
      files: [file],
    })
    const read = readLibraryExport(await readFile(file, 'utf8'))
    expect(read.articles.map((a) => a.title)).toEqual(
      [S000, S002, S003].map((id) => world.library.get(id).title),
    )
    expect(read.frontMatter).toMatchObject({ title: 'Lectern notes', articles: 3, bookmarks: 2 })
    expect(typeof read.frontMatter.exported).toBe('string')
  })
})

describe('exporting one article', () => {
  it('writes its Markdown to the file given, with the time of export when asked', async () => {
    await annotate()
    const file = join(out, 'one.md')
    expect(await world.exporter.exportArticle(S000, file, { timestamp: true })).toEqual({
      path: file,
      files: [file],
    })
    const timed = readExport(await readFile(file, 'utf8'))
    expect(timed.frontMatter.exported).toMatch(/^\d{4}-\d\d-\d\dT/)
    await world.exporter.exportArticle(S000, file)
    const bare = await readFile(file, 'utf8')
    expect(bare).toBe(world.exporter.articleMarkdown(S000))
    expect(readExport(bare).frontMatter).not.toHaveProperty('exported')
  })

  it('refuses an unknown article with not-found', async () => {
    const error = await world.exporter
      .exportArticle('nope', join(out, 'x.md'))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LecternError)
    expect(error).toMatchObject({ code: 'not-found' })
    expect(await listing(out)).toEqual([])
  })

  it('reports a file it cannot write as a LecternError', async () => {
    await annotate()
    const error = await world.exporter
      .exportArticle(S000, join(out, 'no', 'such', 'folder', 'x.md'))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LecternError)
    expect(error).toMatchObject({ code: 'internal', message: expect.stringMatching(/x\.md/) })
  })
})

describe('backup files', () => {
  it('are pretty-printed JSON ending in a newline, with the time of the backup', async () => {
    await annotate()
    const file = join(out, 'backup.json')
    expect(await world.exporter.backup(file)).toEqual({ path: file, files: [file] })
    const text = await readFile(file, 'utf8')
    expect(text.endsWith('}\n')).toBe(true)
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`)
    expect(JSON.parse(text)).toMatchObject({ format: 'lectern-backup', data: world.store.data })
  })
})
