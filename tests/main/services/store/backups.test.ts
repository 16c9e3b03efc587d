import { readdir, readFile, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BACKUPS_KEPT, listBackups } from '../../../../src/main/services/store/backups'
import { migrate } from '../../../../src/main/services/store/schema'
import { emptyStoreData, openUserStore } from '../../../../src/main/services/store/userStore'
import { makeBookmark, makeTempDir, readJson, removeTempDirs } from './fixtures'

afterEach(removeTempDirs)

describe('rolling backups', () => {
  it('makes none for a new, empty folder', async () => {
    const dir = await makeTempDir()
    const store = await openUserStore(dir)
    await store.close()
    expect(await listBackups(dir)).toEqual([])
  })

  it('copies a valid file at open, byte for byte, but not twice when nothing changed', async () => {
    const dir = await makeTempDir()
    const content = JSON.stringify({ ...emptyStoreData(), bookmarks: [makeBookmark(1)] })
    await writeFile(join(dir, 'lectern.json'), content)

    for (let i = 0; i < 3; i++) {
      const store = await openUserStore(dir)
      await store.close()
    }
    const backups = await listBackups(dir)
    expect(backups).toHaveLength(1)
    expect(await readFile(backups[0] ?? '', 'utf8')).toBe(content)
    expect(basename(backups[0] ?? '')).toMatch(
      /^lectern-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.json$/,
    )
  })

  it('backs up changes on close and keeps only the newest five', async () => {
    const dir = await makeTempDir()
    for (let i = 0; i < 8; i++) {
      const store = await openUserStore(dir)
      await store.update((data) => void data.bookmarks.push(makeBookmark(i)))
      await store.close()
    }
    const backups = await listBackups(dir)
    expect(backups).toHaveLength(BACKUPS_KEPT)
    expect(await readdir(join(dir, 'backups'))).toHaveLength(BACKUPS_KEPT)
    // Oldest first; the newest is the data as closed.
    const counts = await Promise.all(
      backups.map(async (b) => migrate(await readJson(b)).bookmarks.length),
    )
    expect(counts).toEqual([4, 5, 6, 7, 8])
    expect(await readFile(backups.at(-1) ?? '', 'utf8')).toBe(
      await readFile(join(dir, 'lectern.json'), 'utf8'),
    )
  })

  it('gives each backup a later name than the last, even within one millisecond', async () => {
    const dir = await makeTempDir()
    const store = await openUserStore(dir)
    await store.update((data) => void data.bookmarks.push(makeBookmark(1)))
    await store.close()
    const [first] = await listBackups(dir)
    // A backup stamped far in the future: the next must still sort after it.
    const future = join(dir, 'backups', 'lectern-2999-01-01T00-00-00.000Z.json')
    await writeFile(future, await readFile(first ?? ''))
    const again = await openUserStore(dir)
    await again.update((data) => void data.bookmarks.push(makeBookmark(2)))
    await again.close()
    const names = (await listBackups(dir)).map((p) => basename(p))
    expect(names.at(-1)).toBe('lectern-2999-01-01T00-00-00.001Z.json')
  })
})
