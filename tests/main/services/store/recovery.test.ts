import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/services/store/schema'
import {
  emptyStoreData,
  openUserStore,
  STORE_VERSION,
} from '../../../../src/main/services/store/userStore'
import { makeBookmark, makeTempDir, readJson, removeTempDirs } from './fixtures'

afterEach(removeTempDirs)

const dataWith = (...ids: number[]) => ({
  ...emptyStoreData(),
  bookmarks: ids.map((i) => makeBookmark(i)),
})

/** Backups as openUserStore would have left them, oldest first. */
async function writeBackups(dir: string, contents: (string | object)[]): Promise<string[]> {
  await mkdir(join(dir, 'backups'))
  return Promise.all(
    contents.map(async (content, i) => {
      const path = join(dir, 'backups', `lectern-2024-05-0${i + 1}T10-00-00.000Z.json`)
      await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content))
      return path
    }),
  )
}

const DAMAGED: [string, Buffer, RegExp][] = [
  [
    'truncated JSON',
    Buffer.from(JSON.stringify(dataWith(9)).slice(0, 60)),
    /^not valid JSON \(truncated\?\)$/,
  ],
  [
    'binary garbage',
    Buffer.from([0x00, 0xff, 0x13, 0x37, 0x89, 0x50, 0x4e, 0x47, 0x00]),
    /^not valid JSON \(binary data\)$/,
  ],
  [
    'the wrong shape',
    Buffer.from(JSON.stringify({ ...dataWith(), bookmarks: 'x' })),
    /^wrong shape: bookmarks: .*expected array/,
  ],
  [
    'a future version',
    Buffer.from(JSON.stringify({ ...dataWith(9), version: 99 })),
    /^written by a newer Lectern \(data format version 99;/,
  ],
  ['an empty file', Buffer.alloc(0), /^empty$/],
]

describe('opening a damaged data file', () => {
  it.each(DAMAGED)(
    'with %s: keeps it aside intact and restores the newest backup',
    async (_, bytes, problem) => {
      const dir = await makeTempDir()
      const [, newest] = await writeBackups(dir, [dataWith(1), dataWith(1, 2)])
      await writeFile(join(dir, 'lectern.json'), bytes)

      const store = await openUserStore(dir)
      const notice = store.recovery
      expect(notice?.problem).toMatch(problem)
      expect(notice?.restoredFrom).toBe(newest)
      expect(Date.parse(notice?.at ?? '')).toBeGreaterThan(Date.now() - 60_000)
      expect(store.data).toEqual(dataWith(1, 2))

      const movedTo = notice?.movedTo ?? ''
      expect(basename(movedTo)).toMatch(
        /^lectern\.damaged-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.json$/,
      )
      expect(movedTo.startsWith(dir)).toBe(true)
      expect(await readFile(movedTo)).toEqual(bytes)
      expect(migrate(await readJson(store.path))).toEqual(dataWith(1, 2))
      expect(await readJson(store.path)).toMatchObject({ version: STORE_VERSION })
      await store.close()

      // The restored file is sound: the next open needs no recovery.
      const again = await openUserStore(dir)
      expect(again.recovery).toBeNull()
      expect(again.data).toEqual(dataWith(1, 2))
      await again.close()
    },
  )

  it('skips a damaged newest backup and restores an older one', async () => {
    const dir = await makeTempDir()
    const [, middle] = await writeBackups(dir, [
      dataWith(1),
      { ...dataWith(1, 2), version: 1, palette: undefined },
      '{"version": 2, "book',
    ])
    await writeFile(join(dir, 'lectern.json'), 'garbage')
    const store = await openUserStore(dir)
    // The middle one is version 1: usable, and migrated.
    expect(store.recovery?.restoredFrom).toBe(middle)
    expect(store.data).toEqual(dataWith(1, 2))
    await store.close()
  })

  it('starts empty when no backup is usable', async () => {
    const dir = await makeTempDir()
    await writeBackups(dir, ['', '[]'])
    await writeFile(join(dir, 'lectern.json'), '{')
    const store = await openUserStore(dir)
    expect(store.recovery).toMatchObject({
      problem: 'not valid JSON (truncated?)',
      restoredFrom: null,
    })
    expect(store.data).toEqual(emptyStoreData())
    expect(migrate(await readJson(store.path))).toEqual(emptyStoreData())
    expect(await readFile(store.recovery?.movedTo ?? '', 'utf8')).toBe('{')
    await store.close()
  })

  it('starts empty with no backups folder at all', async () => {
    const dir = await makeTempDir()
    await writeFile(join(dir, 'lectern.json'), '{"version": 99}')
    const store = await openUserStore(dir)
    expect(store.recovery?.restoredFrom).toBeNull()
    expect(store.data).toEqual(emptyStoreData())
    expect((await stat(store.recovery?.movedTo ?? '')).isFile()).toBe(true)
    await store.close()
  })

  it('never overwrites an earlier damaged copy', async () => {
    const dir = await makeTempDir()
    const moved: string[] = []
    for (const bytes of ['first', 'second', 'third']) {
      await writeFile(join(dir, 'lectern.json'), bytes)
      const store = await openUserStore(dir)
      moved.push(store.recovery?.movedTo ?? '')
      await store.close()
    }
    expect(new Set(moved).size).toBe(3)
    expect(await Promise.all(moved.map((p) => readFile(p, 'utf8')))).toEqual([
      'first',
      'second',
      'third',
    ])
  })

  it('refuses to replace a data file it cannot read at all', async () => {
    const dir = await makeTempDir()
    await mkdir(join(dir, 'lectern.json'))
    await expect(openUserStore(dir)).rejects.toMatchObject({ code: 'internal' })
    await expect(openUserStore(dir)).rejects.toThrow(
      /cannot read its data file .*will not replace it/,
    )
    expect((await stat(join(dir, 'lectern.json'))).isDirectory()).toBe(true)
    // Nothing was set aside, and the lock was released.
    // Only this computer's (empty) journal folder is made.
    expect((await readdir(dir)).sort()).toEqual(['journal', 'lectern.json'])
  })
})
