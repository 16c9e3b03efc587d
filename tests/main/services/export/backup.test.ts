/**
 * The JSON backup: lossless (backup → restore into an empty library → backup gives the same
 * data), a merge by id into a library that has data of its own (nothing lost, nothing
 * duplicated, the newer copy wins), and a clear refusal, with nothing changed, of anything
 * that is not a backup this Lectern can read.
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  BACKUP_FORMAT,
  restoreInto,
  type BackupFile,
} from '../../../../src/main/services/export/backup'
import {
  loadArticleLibrary,
  type ArticleLibrary,
} from '../../../../src/main/services/library/articleLibrary'
import { parseStoreData } from '../../../../src/main/services/store/schema'
import { emptyStoreData, type StoreData } from '../../../../src/main/services/store/userStore'
import { LecternError } from '../../../../src/shared/reply'
import { DEFAULT_SETTINGS } from '../../../../src/shared/settings'
import type { Bookmark, Note } from '../../../../src/shared/types'
import { SEEDS } from '../../seedLibrary'
import { onDiskData } from '../store/fixtures'
import { annotateSeeds, fixedClock, openWorld, SEED_IDS, type World } from './scenario'

const [S000, S001, S002] = SEED_IDS
let library: ArticleLibrary
let scratch: string
const worlds: World[] = []

beforeEach(async () => {
  library ??= await loadArticleLibrary(SEEDS)
  scratch = await mkdtemp(join(tmpdir(), 'lectern-backup-'))
})
afterEach(async () => {
  await Promise.all(worlds.splice(0).map((w) => w.close()))
  await rm(scratch, { recursive: true, force: true })
})

/** A library on the seeds; worlds opened together share one clock, so times interleave. */
async function world(now: () => string): Promise<World> {
  const w = await openWorld(library, { now })
  worlds.push(w)
  return w
}

const readBackupFile = async (file: string): Promise<BackupFile> =>
  JSON.parse(await readFile(file, 'utf8')) as BackupFile

const ids = (items: { id: string }[]): string[] => items.map((i) => i.id).sort()

/** Every file under a folder with its bytes: to show that nothing on disk changed. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const entry of await readdir(dir, { recursive: true })) {
    const path = join(dir, entry)
    if ((await stat(path)).isFile())
      files[relative(dir, path)] = (await readFile(path)).toString('base64')
  }
  return files
}

describe('backup and restore into an empty library', () => {
  it('gives back exactly the data that was backed up', async () => {
    const now = fixedClock()
    const a = await world(now)
    await annotateSeeds(a)
    await a.annotations.saveReading(S001, 0.5, 6)
    await a.annotations.saveReading(S000, 0.25, 3)
    const first = join(scratch, 'first.json')
    await a.exporter.backup(first)

    const backup = await readBackupFile(first)
    expect(backup.format).toBe(BACKUP_FORMAT)
    expect(backup.exported).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(backup.data).toEqual(a.store.data)
    // The trash and the settings are part of it.
    expect(backup.data.bookmarks.filter((b) => b.deleted)).toHaveLength(1)
    expect(backup.data.notes.filter((n) => n.deleted)).toHaveLength(1)
    expect(backup.data.palette.red.name).toBe('objection')

    const b = await world(now)
    const report = await b.exporter.restore(first)
    expect(report).toEqual({
      added: backup.data.bookmarks.length + backup.data.notes.length,
      updated: 0,
      unchanged: 0,
      // The renamed colour and the two reading positions.
      settings: 3,
    })
    const second = join(scratch, 'second.json')
    await b.exporter.backup(second)
    const again = await readBackupFile(second)
    expect(again.data).toEqual(backup.data)
    expect(again.exported > backup.exported).toBe(true)
    // Byte for byte, but for the time of the backup.
    const withoutTime = (json: string): string => json.replace(/"exported": "[^"]*"/, '')
    expect(withoutTime(await readFile(second, 'utf8'))).toBe(
      withoutTime(await readFile(first, 'utf8')),
    )

    // The restored library shows the same things, trash included, and they are on disk.
    expect(b.annotations.list()).toEqual(a.annotations.list())
    expect(b.annotations.trash()).toEqual(a.annotations.trash())
    expect(b.annotations.userState().palette).toEqual(a.annotations.userState().palette)
    expect(await onDiskData(dirname(b.store.path))).toEqual(backup.data)
  })
})

describe('restoring into a library with data of its own', () => {
  it('adds what is missing, takes newer copies, keeps newer local ones, never duplicates', async () => {
    // One clock for both libraries, so "newer" means later in this story.
    const now = fixedClock()
    const a = await world(now)
    const b = await world(now)
    const add = (w: World, id: string, paragraph: number) => {
      w.ids.kind = id
      return w.annotations.addBookmark({
        articleId: S002,
        position: { paragraph, start: 0, end: 20 },
      })
    }
    const addNote = (w: World, id: string, text: string) => {
      w.ids.kind = id
      return w.annotations.addNote({ articleId: S002, text })
    }
    const [b1, b2, b3, b4] = [
      await add(a, 'keep-mine', 1),
      await add(a, 'take-theirs', 2),
      await add(a, 'trashed-there', 3),
      await add(a, 'same', 4),
    ]
    const [n1, n2] = [await addNote(a, 'trashed-here', 'n1'), await addNote(a, 'note-same', 'n2')]
    await a.annotations.renameColor('red', 'objection')
    await a.annotations.saveReading(S000, 0.1, 1)
    const first = join(scratch, 'first.json')
    await a.exporter.backup(first)
    expect(await b.exporter.restore(first)).toEqual({
      added: 6,
      updated: 0,
      unchanged: 0,
      settings: 2,
    })
    await a.annotations.saveReading(S000, 0.5, 5)

    // Then both change things: B (here) first, A (the backup's side) after.
    await b.annotations.updateBookmark({ id: b1.id, note: 'mine, newer' })
    await b.annotations.remove(n1.id)
    await add(b, 'local-only', 5)
    await b.annotations.renameColor('yellow', 'mine')
    await b.annotations.saveReading(S000, 0.9, 9)
    await a.annotations.updateBookmark({ id: b2.id, note: 'theirs, newer', tags: ['t'] })
    await a.annotations.remove(b3.id)
    await add(a, 'new-there', 6)
    await addNote(a, 'new-note-there', 'n3')
    await a.annotations.renameColor('yellow', 'theirs')
    await a.annotations.renameColor('blue', 'source')
    await a.annotations.saveReading(S001, 0.3, 2)
    const second = join(scratch, 'second.json')
    await a.exporter.backup(second)

    const report = await b.exporter.restore(second)
    expect(report).toEqual({
      added: 2, // new-there, new-note-there
      updated: 2, // take-theirs (edited there), trashed-there (deleted there)
      unchanged: 4, // keep-mine (newer here), same, trashed-here (deleted here), note-same
      settings: 2, // blue's name, S001's reading position
    })
    const data = b.store.data
    const find = (id: string) =>
      [...data.bookmarks, ...data.notes].find((x) => x.id === id) as {
        note?: string
        deleted?: string
      }
    expect(find(b1.id).note).toBe('mine, newer')
    expect(find(b2.id).note).toBe('theirs, newer')
    expect(find(b3.id).deleted).toBeDefined()
    expect(find(n1.id).deleted).toBeDefined()
    expect(find(b4.id)).toEqual(a.store.data.bookmarks.find((x) => x.id === b4.id))
    expect(find(n2.id)).toEqual(a.store.data.notes.find((x) => x.id === n2.id))
    expect(ids(data.bookmarks)).toEqual(
      [
        'keep-mine-001',
        'take-theirs-001',
        'trashed-there-001',
        'same-001',
        'local-only-001',
        'new-there-001',
      ].sort(),
    )
    expect(ids(data.notes)).toEqual(
      ['trashed-here-001', 'note-same-001', 'new-note-there-001'].sort(),
    )
    expect(ids(b.annotations.trash())).toEqual(['trashed-here-001', 'trashed-there-001'])
    expect(data.palette).toEqual({
      yellow: { name: 'mine' },
      red: { name: 'objection' },
      blue: { name: 'source' },
      green: { name: 'follow up' },
    })
    expect(data.reading.articles[S000]).toMatchObject({ progress: 0.9, paragraph: 9 })
    expect(data.reading.articles[S001]).toMatchObject({ progress: 0.3, paragraph: 2 })

    // Restoring the same backup again changes nothing and adds nothing.
    const before = structuredClone(data)
    expect(await b.exporter.restore(second)).toEqual({
      added: 0,
      updated: 0,
      unchanged: 8,
      settings: 0,
    })
    expect(b.store.data).toEqual(before)
    // The first, older backup does not undo anything either.
    expect(await b.exporter.restore(first)).toMatchObject({ added: 0, updated: 0, settings: 0 })
    expect(b.store.data).toEqual(before)
  })
})

describe('restoring by time', () => {
  // src/main/services/annotations/annotationService.ts, restore(): taking an item out of the
  // trash deletes `deleted` but sets no time, so an older backup that has it in the trash
  // counts as newer (backup.ts `touched`) and puts it back in the trash.
  it('keeps an item taken out of the trash after the backup out of the trash', async () => {
    const a = await world(fixedClock())
    const note = await a.annotations.addNote({ articleId: S000, text: 'keep me' })
    await a.annotations.remove(note.id)
    const file = join(scratch, 'backup.json')
    await a.exporter.backup(file)
    await a.annotations.restore(note.id)
    const report = await a.exporter.restore(file)
    expect(a.annotations.trash()).toEqual([])
    expect(report).toMatchObject({ updated: 0, unchanged: 1 })
  })

  // src/main/services/export/backup.ts lines 80 and 105 compare ISO times as strings, but the
  // schema (store/schema.ts line 37, z.iso.datetime({ offset: true })) accepts offsets and any
  // precision: 13:00+02:00 (11:00Z) sorts after 12:00Z, and 09:00:00Z after 09:00:00.500Z.
  it('compares times as instants, whatever their offset or precision', () => {
    const note = (modified: string, text: string): Note => ({
      id: 'n',
      type: 'note',
      articleId: S000,
      text,
      tags: [],
      created: '2024-01-01T00:00:00.000Z',
      modified,
    })
    const cases: [local: string, backup: string, newer: string][] = [
      ['2024-01-01T12:00:00.000Z', '2024-01-01T13:00:00+02:00', 'local'],
      ['2024-01-01T09:00:00Z', '2024-01-01T09:00:00.500Z', 'backup'],
    ]
    for (const [local, backup, newer] of cases) {
      const data = emptyStoreData()
      data.notes.push(note(local, 'local'))
      const incoming = parseStoreData({ ...emptyStoreData(), notes: [note(backup, 'backup')] })
      restoreInto(data, incoming)
      expect(data.notes[0]?.text, `${local} vs ${backup}`).toBe(newer)
    }
  })
})

describe('restoring settings', () => {
  const withTheme = (theme: 'dark' | 'sepia', fontSize = DEFAULT_SETTINGS.fontSize): StoreData => ({
    ...emptyStoreData(),
    settings: { ...DEFAULT_SETTINGS, theme, fontSize },
  })

  it('takes the backup’s settings when the reader has not changed any here', () => {
    const data = emptyStoreData()
    expect(restoreInto(data, withTheme('sepia', 21)).settings).toBe(1)
    expect(data.settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'sepia', fontSize: 21 })
  })

  it('keeps settings the reader has changed here', () => {
    const data = withTheme('dark')
    expect(restoreInto(data, withTheme('sepia', 21)).settings).toBe(0)
    expect(data.settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' })
  })
})

describe('restoring something that is not a backup it can read', () => {
  let w: World
  let before: Record<string, string>
  let data: StoreData
  beforeEach(async () => {
    const first = await openWorld(library, { now: fixedClock() })
    await annotateSeeds(first)
    await first.store.close()
    // Reopened, as after a restart: the data file and its rolling backup are on disk.
    w = await openWorld(library, { dataDir: first.dataDir })
    worlds.push(w)
    data = structuredClone(w.store.data)
    before = await snapshot(w.dataDir)
  })

  const valid = (): BackupFile => ({
    format: BACKUP_FORMAT,
    exported: '2024-06-01T00:00:00.000Z',
    data: structuredClone(data),
  })

  const cases: [string, () => string, RegExp][] = [
    ['garbage', () => 'this is not JSON {', /not a Lectern backup: it is not valid JSON/],
    ['an empty file', () => '', /not valid JSON/],
    ['binary junk', () => '\u0000\u0001\u00ff\ufffd', /not valid JSON/],
    ['a JSON array', () => '[1, 2, 3]', /not a Lectern backup file/],
    ['JSON that is not a backup', () => '{"hello": "world"}', /not a Lectern backup file/],
    ['a data file, not a backup', () => JSON.stringify(data), /not a Lectern backup file/],
    [
      'another format',
      () => JSON.stringify({ ...valid(), format: 'zotero-backup' }),
      /not a Lectern backup file/,
    ],
    [
      'a backup from a future version',
      () => JSON.stringify({ ...valid(), data: { ...data, version: 5 } }),
      /newer Lectern.*version 5/,
    ],
    [
      'a backup with damaged data',
      () => JSON.stringify({ ...valid(), data: { ...data, bookmarks: 'none' } }),
      /The backup's data cannot be read: .*bookmarks/,
    ],
    [
      'a backup with a bad bookmark in it',
      () => {
        const bad = valid()
        const colour = { ...bad.data.bookmarks[0], color: 'purple' }
        bad.data.bookmarks.push(colour as unknown as Bookmark)
        return JSON.stringify(bad)
      },
      /The backup's data cannot be read: .*color/,
    ],
  ]

  it.each(cases)('refuses %s clearly and changes nothing', async (_, content, message) => {
    const file = join(scratch, 'bad.json')
    await writeFile(file, content())
    const error = await w.exporter.restore(file).then(
      () => null,
      (err: unknown) => err,
    )
    expect(error).toBeInstanceOf(LecternError)
    expect(error).toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(message),
    })
    expect(w.store.data).toEqual(data)
    expect(await snapshot(w.dataDir)).toEqual(before)
  })

  it('says when the file cannot be read, and changes nothing', async () => {
    const error = await w.exporter.restore(join(scratch, 'missing.json')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LecternError)
    expect(error).toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/missing\.json/),
    })
    expect(await snapshot(w.dataDir)).toEqual(before)
  })

  it('reads a backup of an earlier data version, migrating it', async () => {
    const v1 = JSON.parse(
      await readFile(join(import.meta.dirname, '../../../fixtures/store/v1.json'), 'utf8'),
    ) as { bookmarks: unknown[]; notes: unknown[] }
    const file = join(scratch, 'v1.json')
    await writeFile(file, JSON.stringify({ ...valid(), data: v1 }))
    expect(await w.exporter.restore(file)).toMatchObject({
      added: v1.bookmarks.length + v1.notes.length,
      updated: 0,
    })
    expect(w.store.data.bookmarks.length).toBe(data.bookmarks.length + v1.bookmarks.length)
  })
})
