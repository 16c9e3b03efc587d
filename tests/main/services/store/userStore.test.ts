import { readdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '../../../../src/main/services/store/schema'
import {
  emptyStoreData,
  openUserStore,
  STORE_VERSION,
  type UserStore,
} from '../../../../src/main/services/store/userStore'
import { LecternError } from '../../../../src/shared/reply'
import {
  createdIds,
  folderBytes,
  logRecordsSync,
  makeBookmark,
  makeNote,
  makeTempDir,
  observedLogFs,
  onDiskData,
  readJson,
  removeTempDirs,
} from './fixtures'

const open: UserStore[] = []
async function openStore(...args: Parameters<typeof openUserStore>): Promise<UserStore> {
  const store = await openUserStore(...args)
  open.push(store)
  return store
}

afterEach(async () => {
  await Promise.allSettled(open.splice(0).map((s) => s.close()))
  await removeTempDirs()
})

describe('the user store', () => {
  it('starts empty, keeps an update, and a later open sees it', async () => {
    const dir = join(await makeTempDir(), 'not', 'yet', 'there')
    const store = await openStore(dir)
    expect(store.path).toBe(join(dir, 'lectern.json'))
    expect(store.data).toEqual(emptyStoreData())
    expect(store.recovery).toBeNull()

    await store.update((data) => {
      data.bookmarks.push(makeBookmark(1))
    })
    expect(store.data.bookmarks).toEqual([makeBookmark(1)])
    await store.close()

    const onDisk = await readJson(store.path)
    expect(onDisk).toMatchObject({ version: STORE_VERSION, bookmarks: [makeBookmark(1)] })
    expect(migrate(onDisk)).toEqual(store.data)

    const again = await openStore(dir)
    expect(again.data.bookmarks).toEqual([makeBookmark(1)])
    expect(again.recovery).toBeNull()
  })

  it("resolves with the change's value, only once the change is on disk", async () => {
    const store = await openStore(await makeTempDir())
    const seen = await store
      .update((data) => {
        data.notes.push(makeNote(7))
        return 'note-7'
      })
      .then((value) => {
        // Read synchronously: the log must hold the note the moment the promise resolves.
        return { value, ids: createdIds(logRecordsSync(dirname(store.path)), 'n') }
      })
    expect(seen).toEqual({ value: 'note-7', ids: ['note-7'] })
  })

  it('lands a burst of 200 updates in order, in fewer writes than updates', async () => {
    const dir = await makeTempDir()
    const fs = observedLogFs()
    const store = await openStore(dir, { logFs: fs })
    const opened = fs.writes
    const resolved: number[] = []
    const onDiskAtResolve: number[] = []
    const updates = Array.from({ length: 200 }, (_, i) =>
      store
        .update((data) => {
          data.bookmarks.push(makeBookmark(i))
          return i
        })
        .then((value) => {
          resolved.push(value)
          onDiskAtResolve.push(createdIds(logRecordsSync(dir), 'b').length)
        }),
    )
    // Applied in memory at once, before any write.
    expect(store.data.bookmarks).toHaveLength(200)
    await Promise.all(updates)

    expect(resolved).toEqual(Array.from({ length: 200 }, (_, i) => i))
    for (const [i, count] of onDiskAtResolve.entries()) expect(count).toBeGreaterThan(i)
    expect(fs.writes - opened).toBeGreaterThanOrEqual(1)
    expect(fs.writes - opened).toBeLessThan(200)
    const onDisk = await onDiskData(dir)
    expect(onDisk.bookmarks.map((b) => b.id)).toEqual(updates.map((_, i) => `bm-${i}`))
  })

  it('keeps order across writes: updates made during a write resolve after it', async () => {
    const dir = await makeTempDir()
    const fs = observedLogFs()
    const store = await openStore(dir, { logFs: fs })
    const opened = fs.writes
    const order: string[] = []
    const resume = fs.pause()
    const first = store.update((d) => void d.bookmarks.push(makeBookmark(1)))
    const tracked = [first.then(() => order.push('first'))]
    // The first write is now held in flight; these wait for it, then share one write.
    await new Promise((resolve) => setTimeout(resolve, 20))
    for (const n of [2, 3, 4]) {
      const update = store.update((d) => void d.bookmarks.push(makeBookmark(n)))
      tracked.push(update.then(() => order.push(`then ${n}`)))
    }
    try {
      expect(order).toEqual([])
    } finally {
      resume()
    }
    await Promise.all(tracked)
    expect(order).toEqual(['first', 'then 2', 'then 3', 'then 4'])
    expect(fs.writes - opened).toBe(2)
    expect((await onDiskData(dir)).bookmarks).toHaveLength(4)
  })

  it('leaves the data as it was when the change throws, and writes nothing', async () => {
    const dir = await makeTempDir()
    const fs = observedLogFs()
    const store = await openStore(dir, { logFs: fs })
    await store.update((d) => void d.bookmarks.push(makeBookmark(1)))
    const before = structuredClone(store.data)
    const writes = fs.writes

    const refusal = new LecternError('not-found', 'No bookmark with id "x".')
    const failed = store.update((data) => {
      data.bookmarks.push(makeBookmark(2)) // a mutation before the throw must not show
      data.palette.red.name = 'changed'
      throw refusal
    })
    await expect(failed).rejects.toBe(refusal)
    expect(store.data).toEqual(before)
    expect(store.data.bookmarks.map((b) => b.id)).toEqual(['bm-1'])
    expect(store.data.palette.red.name).toBe('disagree')
    // A change that changes nothing has nothing to write.
    await store.update(() => undefined)
    expect(fs.writes).toBe(writes)
    expect((await onDiskData(dir)).bookmarks.map((b) => b.id)).toEqual(['bm-1'])
  })

  it('refuses a change that would leave invalid data, or that is asynchronous', async () => {
    const store = await openStore(await makeTempDir())
    const invalid = store.update((data) => {
      data.bookmarks.push({ ...makeBookmark(1), color: 'purple' as 'red' })
    })
    await expect(invalid).rejects.toThrow(/^The change would leave the data invalid: color/)
    await expect(invalid).rejects.toMatchObject({ code: 'internal' })
    const later = store.update(async (data) => {
      data.notes.push(makeNote(1))
    })
    await expect(later).rejects.toThrow('A store change must be synchronous.')
    expect(store.data).toEqual(emptyStoreData())
  })

  it('drops unknown fields a change adds', async () => {
    const store = await openStore(await makeTempDir())
    await store.update((data) => {
      data.notes.push({ ...makeNote(1), secret: 'x' } as ReturnType<typeof makeNote>)
    })
    expect(store.data.notes[0]).not.toHaveProperty('secret')
    await store.close()
    expect(JSON.stringify(await readJson(store.path))).not.toContain('secret')
    expect(JSON.stringify(logRecordsSync(dirname(store.path)))).not.toContain('secret')
  })

  it('rejects updates after close', async () => {
    const store = await openStore(await makeTempDir())
    await store.close()
    await expect(store.update(() => 1)).rejects.toThrow('The store is closed.')
  })

  it('on a failed write rejects every unsaved update and puts back what is on disk', async () => {
    const dir = await makeTempDir()
    const fs = observedLogFs()
    const store = await openStore(dir, { logFs: fs })
    await store.update((d) => void d.bookmarks.push(makeBookmark(1)))

    fs.failWrites = true
    const resume = fs.pause()
    const failing = store.update((d) => void d.bookmarks.push(makeBookmark(2)))
    // Made while the failing write is in flight: built on data that never reaches the disk.
    await new Promise((resolve) => setTimeout(resolve, 20))
    const queued = store.update((d) => void d.notes.push(makeNote(3)))
    try {
      expect(store.data.bookmarks).toHaveLength(2)
      expect(store.data.notes).toHaveLength(1)
    } finally {
      resume()
    }

    for (const update of [failing, queued]) {
      await expect(update).rejects.toBeInstanceOf(LecternError)
      await expect(update).rejects.toMatchObject({ code: 'internal' })
      await expect(update).rejects.toThrow(/^Could not save your data to .*\.jsonl: ENOSPC/)
    }
    expect(store.data).toEqual(await onDiskData(dir))
    expect(store.data.bookmarks.map((b) => b.id)).toEqual(['bm-1'])
    expect(store.data.notes).toEqual([])
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([])

    fs.failWrites = false
    await store.update((d) => void d.bookmarks.push(makeBookmark(4)))
    expect((await onDiskData(dir)).bookmarks.map((b) => b.id)).toEqual(['bm-1', 'bm-4'])
  })

  it('on a failed first write goes back to empty data, as the disk has none', async () => {
    const dir = await makeTempDir()
    const fs = observedLogFs()
    const store = await openStore(dir, { logFs: fs })
    fs.failWrites = true
    await expect(store.update((d) => void d.notes.push(makeNote(1)))).rejects.toThrow(/ENOSPC/)
    expect(store.data).toEqual(emptyStoreData())
  })
})

describe('a read-only store', () => {
  it('reads a missing folder as empty data and creates nothing', async () => {
    const dir = join(await makeTempDir(), 'missing')
    const store = await openStore(dir, { readOnly: true })
    expect(store.data).toEqual(emptyStoreData())
    await expect(store.update(() => 1)).rejects.toMatchObject({ code: 'forbidden' })
    await store.close()
    await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('takes no lock, so it opens beside a writer and sees what the writer saved', async () => {
    const dir = await makeTempDir()
    const writer = await openStore(dir)
    await writer.update((d) => void d.bookmarks.push(makeBookmark(1)))
    const before = await folderBytes(dir)

    const reader = await openStore(dir, { readOnly: true })
    expect(reader.data.bookmarks).toEqual([makeBookmark(1)])
    await reader.close()
    expect(await folderBytes(dir)).toBe(before)
  })

  it('refuses a damaged file and touches nothing', async () => {
    const dir = await makeTempDir()
    await writeFile(join(dir, 'lectern.json'), '{"version": 2, "bookm')
    await expect(openUserStore(dir, { readOnly: true })).rejects.toThrow(
      /^The data file .*lectern\.json is damaged \(not valid JSON \(truncated\?\)\)/,
    )
    await expect(openUserStore(dir, { readOnly: true })).rejects.toMatchObject({
      code: 'internal',
    })
    expect(await readdir(dir)).toEqual(['lectern.json'])
    expect(await readFile(join(dir, 'lectern.json'), 'utf8')).toBe('{"version": 2, "bookm')
  })
})
