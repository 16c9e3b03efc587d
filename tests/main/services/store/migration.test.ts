import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DamagedFileError } from '../../../../src/main/services/store/damagedFileError'
import { migrate } from '../../../../src/main/services/store/schema'
import { emptyStoreData, openUserStore } from '../../../../src/main/services/store/userStore'
import { DEFAULT_SETTINGS } from '../../../../src/shared/settings'
import { DEFAULT_PALETTE } from '../../../../src/shared/types'
import {
  FIXTURES,
  makeBookmark,
  makeNote,
  makeTempDir,
  onDiskData,
  readJson,
  removeTempDirs,
} from './fixtures'

afterEach(removeTempDirs)

/** The copy of an older version's file kept when it is first opened. */
async function oldVersionBackup(dir: string, version: number): Promise<string> {
  const names = (await readdir(join(dir, 'backups'))).filter((n) =>
    n.startsWith(`lectern-version-${version}-`),
  )
  expect(names).toHaveLength(1)
  return join(dir, 'backups', names[0] as string)
}

const V1 = join(FIXTURES, 'v1.json')
const V2 = join(FIXTURES, 'v2.json')

describe('a version 1 data file', () => {
  it('opens as version 4, keeps the old file as a backup, and rewrites the snapshot as version 4', async () => {
    const dir = await makeTempDir()
    const path = join(dir, 'lectern.json')
    await copyFile(V1, path)
    const v1 = (await readJson(V1)) as { bookmarks: object[]; notes: object[] }

    const store = await openUserStore(dir)
    expect(store.recovery).toBeNull()
    expect(store.data.version).toBe(4)
    expect(store.data.palette).toEqual(DEFAULT_PALETTE)
    expect(store.data.settings).toEqual(DEFAULT_SETTINGS)
    expect(store.data.reading).toEqual({ articles: {} })
    expect(store.data.bookmarks).toEqual(v1.bookmarks.map((b) => ({ ...b, tags: [] })))
    expect(store.data.notes).toEqual(v1.notes.map((n) => ({ ...n, tags: [] })))
    expect(store.data.bookmarks[1]?.deleted).toBe('2024-03-07T08:00:00.000Z')
    // The old file is kept byte for byte; the snapshot is rewritten at once, every record and
    // its times kept.
    expect(await readFile(await oldVersionBackup(dir, 1), 'utf8')).toBe(await readFile(V1, 'utf8'))
    expect(await readJson(path)).toMatchObject({
      version: 4,
      palette: DEFAULT_PALETTE,
      settings: DEFAULT_SETTINGS,
    })
    expect(migrate(await readJson(path))).toEqual(store.data)

    await store.update((data) => {
      data.notes[0]?.tags.push('history')
    })
    const saved = await onDiskData(dir)
    expect(saved).toEqual(store.data)
    expect(saved.notes[0]?.tags).toEqual(['history'])
    await store.close()
  })
})

describe('a version 2 data file', () => {
  it('keeps everything it had and gains the default settings', async () => {
    const dir = await makeTempDir()
    const path = join(dir, 'lectern.json')
    await copyFile(V2, path)
    const { version: _version, ...v2 } = (await readJson(V2)) as Record<string, unknown>

    const store = await openUserStore(dir)
    expect(store.recovery).toBeNull()
    expect(store.data).toEqual({ ...v2, version: 4, settings: DEFAULT_SETTINGS })
    expect(store.data.palette.red.name).toBe('doubt')
    expect(store.data.reading.articles['000_ba4c929e0bb2f9d7']?.progress).toBe(0.42)
    expect(await readFile(await oldVersionBackup(dir, 2), 'utf8')).toBe(await readFile(V2, 'utf8'))

    await store.update((data) => {
      data.settings.theme = 'sepia'
    })
    await store.close()
    expect(await readJson(path)).toMatchObject({ version: 4, settings: { theme: 'sepia' } })
    const again = await openUserStore(dir)
    expect(again.data.reading).toEqual(v2.reading)
    await again.close()
  })
})

describe('a version 3 data file (one file, no change logs)', () => {
  it('keeps every record with its times, and a backup of the old file', async () => {
    const dir = await makeTempDir()
    const v3 = {
      ...emptyStoreData(),
      version: 3,
      bookmarks: [makeBookmark(1)],
      notes: [makeNote(2)],
    }
    await writeFile(join(dir, 'lectern.json'), JSON.stringify(v3))
    const store = await openUserStore(dir)
    expect(store.data).toEqual({ ...v3, version: 4 })
    expect(await readJson(await oldVersionBackup(dir, 3))).toEqual(v3)
    await store.close()
    const again = await openUserStore(dir)
    expect(again.data).toEqual({ ...v3, version: 4 })
    await again.close()
  })

  it('is refused when its own part is damaged, as before', () => {
    expect(() => migrate({ version: 2, bookmarks: 'none', notes: [] })).toThrow(/bookmarks/)
  })
})

describe('settings in the data file', () => {
  const withSettings = (settings: unknown) => ({ ...emptyStoreData(), settings })

  it('are read back as written', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      theme: 'dark',
      fontSize: 22,
      lineHeight: 1.5,
      panes: { ...DEFAULT_SETTINGS.panes, listWidth: 360, notesOpen: false, focus: true },
    }
    expect(migrate(withSettings(settings)).settings).toEqual(settings)
  })

  it('fall back to their defaults one value at a time when out of bounds, never failing the file', () => {
    const bad = {
      ...DEFAULT_SETTINGS,
      theme: 'neon',
      fontSize: 500,
      lineHeight: 1.9,
      panes: { ...DEFAULT_SETTINGS.panes, listWidth: -4, notesOpen: false },
    }
    expect(migrate(withSettings(bad)).settings).toEqual({
      ...DEFAULT_SETTINGS,
      lineHeight: 1.9,
      panes: { ...DEFAULT_SETTINGS.panes, notesOpen: false },
    })
    expect(migrate(withSettings('dark')).settings).toEqual(DEFAULT_SETTINGS)
    expect(migrate(withSettings(undefined)).settings).toEqual(DEFAULT_SETTINGS)
  })
})

describe('migrate', () => {
  const valid = { ...emptyStoreData(), bookmarks: [makeBookmark(1)], notes: [makeNote(1)] }
  const problemOf = (raw: unknown): string => {
    try {
      migrate(raw)
    } catch (error) {
      expect(error).toBeInstanceOf(DamagedFileError)
      return (error as DamagedFileError).problem
    }
    throw new Error('migrate accepted it')
  }

  it('accepts version 3 data as it is', () => {
    expect(migrate(structuredClone(valid))).toEqual(valid)
  })

  it('keeps tags a version 1 file already had', () => {
    const raw = { version: 1, bookmarks: [makeBookmark(1, { tags: ['a'] })], notes: [] }
    expect(migrate(raw).bookmarks[0]?.tags).toEqual(['a'])
  })

  it.each([
    ['not an object', [], 'wrong shape: not a JSON object'],
    ['null', null, 'wrong shape: not a JSON object'],
    ['no version', { bookmarks: [] }, 'wrong shape: no version number'],
    ['a string version', { ...valid, version: '3' }, 'wrong shape: unknown version "3"'],
    ['a fractional version', { ...valid, version: 1.5 }, 'wrong shape: unknown version 1.5'],
    ['version 0', { ...valid, version: 0 }, 'wrong shape: unknown version 0'],
  ])('refuses %s', (_, raw, problem) => {
    expect(problemOf(raw)).toBe(problem)
  })

  it('says a future version was written by a newer Lectern', () => {
    expect(problemOf({ ...valid, version: 99 })).toBe(
      'written by a newer Lectern (data format version 99; this Lectern reads up to version 4)',
    )
  })

  it.each([
    ['an empty id', { bookmarks: [makeBookmark(1, { id: '' })] }, /^bookmarks\.0\.id/],
    ['an unknown colour', { bookmarks: [makeBookmark(1, { color: 'pink' as 'red' })] }, /color/],
    ['a date that is not ISO', { notes: [makeNote(1, { created: 'yesterday' })] }, /created/],
    ['a bad deleted date', { notes: [makeNote(1, { deleted: '2024-13-01' })] }, /deleted/],
    ['tags that are not strings', { notes: [{ ...makeNote(1), tags: [1] }] }, /tags\.0/],
    [
      'a range that ends before it starts',
      {
        bookmarks: [
          makeBookmark(1, {
            anchor: { ...makeBookmark(1).anchor, position: { paragraph: 0, start: 5, end: 4 } },
          }),
        ],
      },
      /position: the passage must not end before it starts/,
    ],
    [
      'a negative paragraph',
      {
        bookmarks: [
          makeBookmark(1, {
            anchor: { ...makeBookmark(1).anchor, position: { paragraph: -1, start: 0, end: 1 } },
          }),
        ],
      },
      /position\.paragraph/,
    ],
    [
      'a text hash that is not SHA-256',
      { bookmarks: [makeBookmark(1, { anchor: { ...makeBookmark(1).anchor, textHash: 'x' } })] },
      /textHash/,
    ],
    [
      'a missing quote',
      { bookmarks: [{ ...makeBookmark(1), anchor: { textHash: 'x' } }] },
      /quote/,
    ],
    ['bookmarks as a string', { bookmarks: 'none' }, /^bookmarks: .*expected array/],
    ['a palette without red', { palette: { ...DEFAULT_PALETTE, red: undefined } }, /palette\.red/],
    [
      'progress above 1',
      {
        reading: {
          articles: { a: { progress: 2, paragraph: 0, updated: valid.bookmarks[0]?.created } },
        },
      },
      /progress/,
    ],
  ])('refuses %s', (_, change, where) => {
    const problem = problemOf({ ...structuredClone(valid), ...change })
    expect(problem).toMatch(/^wrong shape: /)
    expect(problem.slice('wrong shape: '.length)).toMatch(where)
  })

  it('drops fields it does not know, at every level', () => {
    const raw = {
      ...structuredClone(valid),
      extra: 1,
      bookmarks: [
        { ...makeBookmark(1), extra: 2, anchor: { ...makeBookmark(1).anchor, extra: 3 } },
      ],
    }
    expect(migrate(raw)).toEqual(valid)
    expect(JSON.stringify(migrate(raw))).not.toContain('extra')
  })
})
