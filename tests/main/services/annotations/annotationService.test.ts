import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../../../src/main/dispatch'
import { openLectern, type Lectern } from '../../../../src/main/lectern'
import { createArticleLibrary } from '../../../../src/main/services/library/articleLibrary'
import { createAnnotationService } from '../../../../src/main/services/annotations/annotationService'
import { openUserStore, type StoreData } from '../../../../src/main/services/store/userStore'
import { folderBytes, onDiskData } from '../store/fixtures'
import { createApi } from '../../../../src/shared/reply'
import type { LecternApi } from '../../../../src/shared/contract'
import { article, SEEDS } from '../../seedLibrary'

const ID = '002_dac4dfd4f164a684'
let dataDir: string
let lectern: Lectern
let api: LecternApi

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lectern-annotations-'))
  lectern = await openLectern({ seedsDir: SEEDS, dataDir, version: 'test' })
  api = createApi((name, args) => dispatch(lectern.handlers, name, args))
})
afterEach(() => lectern.close())

/** What a fresh open would read: the snapshot and the change logs. */
const onDisk = (): Promise<StoreData> => onDiskData(dataDir)

describe('bookmarks and notes', () => {
  it('saves a bookmark with its quote and context, durably, and places it', async () => {
    const { paragraphs } = await api.getArticle({ id: ID })
    const b = await api.addBookmark({
      articleId: ID,
      position: { paragraph: 5, start: 0, end: 27 },
      color: 'blue',
      tags: ['radio', ' radio ', 'echo'],
      note: 'See *Echo of Moscow*',
    })
    expect(b.anchor.quote.exact).toBe(paragraphs[5]!.slice(0, 27))
    expect(b.anchor.quote.prefix.length).toBeLessThanOrEqual(32)
    expect(b.anchor.quote.prefix).toBe(paragraphs[4]!.slice(-30) + '\n\n')
    expect(b.tags).toEqual(['radio', 'echo'])
    expect(b.placed).toEqual({ paragraph: 5, start: 0, end: 27, method: 'position' })
    expect((await onDisk()).bookmarks.map((x) => x.id)).toEqual([b.id])
  })

  it('lists an article’s bookmarks in reading order and counts them', async () => {
    const late = await api.addBookmark({
      articleId: ID,
      position: { paragraph: 9, start: 0, end: 10 },
    })
    const early = await api.addBookmark({
      articleId: ID,
      position: { paragraph: 2, start: 5, end: 15 },
    })
    const earliest = await api.addBookmark({
      articleId: ID,
      position: { paragraph: 2, start: 0, end: 4 },
    })
    await api.addNote({ articleId: ID, text: 'overall' })
    const list = await api.listAnnotations({ articleId: ID })
    expect(list.bookmarks.map((b) => b.id)).toEqual([earliest.id, early.id, late.id])
    expect(list.notes.map((n) => n.text)).toEqual(['overall'])
    expect((await api.getUserState()).counts[ID]).toEqual({ bookmarks: 3, notes: 1 })
    expect((await api.listAnnotations({})).bookmarks).toHaveLength(3)
  })

  it('updates colour, tags and note', async () => {
    const b = await api.addBookmark({
      articleId: ID,
      position: { paragraph: 1, start: 0, end: 10 },
    })
    const u = await api.updateBookmark({ id: b.id, color: 'green', tags: ['x'], note: 'n' })
    expect(u).toMatchObject({ color: 'green', tags: ['x'], note: 'n', anchor: b.anchor })
    expect(u.modified >= b.modified).toBe(true)
    await expect(api.updateNote({ id: b.id, text: 'no' })).rejects.toMatchObject({
      code: 'invalid-argument',
    })
  })

  it('deletes to the trash, restores, purges and empties the trash', async () => {
    const b = await api.addBookmark({
      articleId: ID,
      position: { paragraph: 1, start: 0, end: 10 },
    })
    const n = await api.addNote({ articleId: ID, text: 'gone soon' })
    await api.deleteAnnotation({ id: b.id })
    await api.deleteAnnotation({ id: n.id })
    expect((await api.listAnnotations({ articleId: ID })).bookmarks).toEqual([])
    expect((await api.listTrash()).map((x) => x.id).sort()).toEqual([b.id, n.id].sort())
    expect((await api.getUserState()).trashCount).toBe(2)
    await api.restoreAnnotation({ id: b.id })
    expect((await api.listAnnotations({ articleId: ID })).bookmarks.map((x) => x.id)).toEqual([
      b.id,
    ])
    expect(await api.emptyTrash()).toEqual({ removed: 1 })
    expect((await onDisk()).notes).toEqual([])
    expect(await api.purgeAnnotation({ id: b.id })).toEqual({ removed: 1 })
    await expect(api.deleteAnnotation({ id: b.id })).rejects.toMatchObject({ code: 'not-found' })
  })

  it('rejects bad input with a clear error and changes nothing', async () => {
    const before = await folderBytes(dataDir)
    const bad: [string, unknown][] = [
      ['addBookmark', { articleId: ID, position: { paragraph: 999, start: 0, end: 5 } }],
      ['addBookmark', { articleId: ID, position: { paragraph: 1, start: 5, end: 5 } }],
      ['addBookmark', { articleId: ID, position: { paragraph: 1, start: 0, end: 99_999 } }],
      ['addBookmark', { articleId: 'nope', position: { paragraph: 0, start: 0, end: 5 } }],
      [
        'addBookmark',
        { articleId: ID, position: { paragraph: 0, start: 0, end: 5 }, color: 'purple' },
      ],
      [
        'addBookmark',
        { articleId: ID, position: { paragraph: 0, start: 0, end: 5 }, tags: Array(51).fill('t') },
      ],
      [
        'addBookmark',
        { articleId: ID, position: { paragraph: 0, start: 0, end: 5 }, tags: ['a,b'] },
      ],
      ['addNote', { articleId: ID, text: 'x'.repeat(1_000_001) }],
      ['addNote', { articleId: ID, text: 42 }],
      ['updateNote', { id: 'missing', text: 'x' }],
      ['renameColor', { color: 'yellow', name: '   ' }],
      ['saveReading', { articleId: ID, progress: 2, paragraph: 0 }],
    ]
    for (const [name, args] of bad) {
      const reply = await dispatch(lectern.handlers, name, args)
      expect(reply.ok, `${name} ${JSON.stringify(args).slice(0, 80)}`).toBe(false)
      if (!reply.ok) expect(reply.error.message.length).toBeGreaterThan(10)
    }
    expect(await folderBytes(dataDir)).toBe(before)
  })

  it('renames colours and remembers reading positions', async () => {
    expect((await api.renameColor({ color: 'red', name: 'objection' })).red.name).toBe('objection')
    await api.saveReading({ articleId: ID, progress: 0.4, paragraph: 7 })
    const { reading, palette } = await api.getUserState()
    expect(palette.red.name).toBe('objection')
    expect(reading.lastArticleId).toBe(ID)
    expect(reading.articles[ID]).toMatchObject({ progress: 0.4, paragraph: 7 })
  })

  it('finds bookmarks and notes in search, marked as such', async () => {
    await api.addNote({ articleId: ID, text: 'An idiosyncratic zeugma' })
    const b = await api.addBookmark({
      articleId: ID,
      position: { paragraph: 3, start: 0, end: 20 },
      note: 'quokka',
    })
    const hits = (await api.search({ query: 'zeugma quokka' })).hits
    expect(
      hits
        .slice(0, 2)
        .map((h) => h.kind)
        .sort(),
    ).toEqual(['bookmark', 'note'])
    expect(hits.find((h) => h.kind === 'bookmark')).toMatchObject({
      annotationId: b.id,
      paragraph: 3,
    })
    await api.deleteAnnotation({ id: b.id })
    expect((await api.search({ query: 'quokka ' })).hits).toEqual([])
  })
})

describe('orphaned bookmarks', () => {
  it('are kept and listed with their quote when the passage is gone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lectern-orphans-'))
    const store = await openUserStore(dir)
    const original = article('a', 'A', [
      'First paragraph here.',
      'The passage that will vanish from the text.',
    ])
    const edited = article('a', 'A', [
      'First paragraph here.',
      'Something else entirely now stands in its place.',
    ])
    const first = createAnnotationService({ store, library: createArticleLibrary([original]) })
    const b = await first.addBookmark({
      articleId: 'a',
      position: { paragraph: 1, start: 4, end: 32 },
    })
    const later = createAnnotationService({ store, library: createArticleLibrary([edited]) })
    const [again] = later.list('a').bookmarks
    expect(again).toMatchObject({ id: b.id, placed: null })
    expect(again!.anchor.quote.exact).toBe('passage that will vanish fro')
    await store.close()
  })
})
