import { copyFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DamagedFileError } from '../../../../src/main/services/store/damagedFileError'
import { migrate } from '../../../../src/main/services/store/schema'
import { emptyStoreData, openUserStore } from '../../../../src/main/services/store/userStore'
import { DEFAULT_PALETTE } from '../../../../src/shared/types'
import { FIXTURES, makeBookmark, makeNote, makeTempDir, readJson, removeTempDirs } from './fixtures'

afterEach(removeTempDirs)

const V1 = join(FIXTURES, 'v1.json')

describe('a version 1 data file', () => {
  it('opens as version 2, and is rewritten as version 2 only on the next write', async () => {
    const dir = await makeTempDir()
    const path = join(dir, 'lectern.json')
    await copyFile(V1, path)
    const v1 = (await readJson(V1)) as { bookmarks: object[]; notes: object[] }

    const store = await openUserStore(dir)
    expect(store.recovery).toBeNull()
    expect(store.data.version).toBe(2)
    expect(store.data.palette).toEqual(DEFAULT_PALETTE)
    expect(store.data.reading).toEqual({ articles: {} })
    expect(store.data.bookmarks).toEqual(v1.bookmarks.map((b) => ({ ...b, tags: [] })))
    expect(store.data.notes).toEqual(v1.notes.map((n) => ({ ...n, tags: [] })))
    expect(store.data.bookmarks[1]?.deleted).toBe('2024-03-07T08:00:00.000Z')
    // Opening alone changes nothing on disk.
    expect(await readFile(path, 'utf8')).toBe(await readFile(V1, 'utf8'))

    await store.update((data) => {
      data.notes[0]?.tags.push('history')
    })
    const rewritten = migrate(await readJson(path))
    expect(await readJson(path)).toMatchObject({ version: 2, palette: DEFAULT_PALETTE })
    expect(rewritten).toEqual(store.data)
    expect(rewritten.notes[0]?.tags).toEqual(['history'])
    await store.close()
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

  it('accepts version 2 data as it is', () => {
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
    ['a string version', { ...valid, version: '2' }, 'wrong shape: unknown version "2"'],
    ['a fractional version', { ...valid, version: 1.5 }, 'wrong shape: unknown version 1.5'],
    ['version 0', { ...valid, version: 0 }, 'wrong shape: unknown version 0'],
  ])('refuses %s', (_, raw, problem) => {
    expect(problemOf(raw)).toBe(problem)
  })

  it('says a future version was written by a newer Lectern', () => {
    expect(problemOf({ ...valid, version: 99 })).toBe(
      'written by a newer Lectern (data format version 99; this Lectern reads up to version 2)',
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
      /position: start must not be after end/,
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
