/**
 * A file layer that forgets what was not flushed (a power cut), and a fold stopped at each of
 * its steps: neither loses an acknowledged save or changes what the folder means.
 */
import { appendFile, readFile, truncate } from 'node:fs/promises'
import * as fsp from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import type { DurableFs } from '../../../../../src/main/services/store/durableFile'
import { foldFolder } from '../../../../../src/main/services/store/journal/fold'
import { nodeLogFs, type LogFs } from '../../../../../src/main/services/store/journal/logFile'
import { openUserStore } from '../../../../../src/main/services/store/userStore'
import { makeTempDir, onDiskData, removeTempDirs } from '../fixtures'

afterEach(removeTempDirs)

const note = (i: number): Record<string, unknown> => ({
  id: `n${i}`,
  type: 'note',
  articleId: 'a',
  text: `note ${i}`,
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
})

/** Log files as the disk keeps them: only what was flushed survives a power cut. */
function forgetfulFs(): LogFs & { cut(): Promise<void> } {
  const flushed = new Map<string, number>()
  return {
    async open(path, flags) {
      const handle = await nodeLogFs.open(path, flags)
      flushed.set(path, (await fsp.stat(path)).size)
      return {
        write: (buffer, offset, length, position) => handle.write(buffer, offset, length, position),
        datasync: async () => {
          await handle.datasync()
          flushed.set(path, (await fsp.stat(path)).size)
        },
        truncate: (length) => handle.truncate(length),
        close: () => handle.close(),
      }
    },
    /** The power cut: unflushed bytes are gone, and the file's end may hold zeros. */
    async cut() {
      for (const [path, size] of flushed) {
        await truncate(path, size)
        await appendFile(path, Buffer.alloc(17))
      }
    },
  }
}

describe('a power cut', () => {
  it('loses no acknowledged save, whatever was written but not flushed', async () => {
    const dataDir = await makeTempDir()
    const stateDir = await makeTempDir()
    const fs = forgetfulFs()
    const store = await openUserStore(dataDir, { stateDir, logFs: fs })
    const acknowledged: string[] = []
    await store.save([{ t: 'put', e: 'n:first', f: { ...note(0), id: 'first' } }])
    acknowledged.push('first')
    for (let i = 0; i < 30; i++) {
      void store
        .save([{ t: 'put', e: `n:n${i}`, f: note(i) }])
        .then(() => acknowledged.push(`n${i}`))
    }
    // Some saves are flushed, the rest are still in flight when the power goes.
    await new Promise((resolve) => setTimeout(resolve, 5))
    const before = [...acknowledged]
    expect(before.length).toBeGreaterThan(0)
    await fs.cut()
    const lock = (store as unknown as { lock: { release(): Promise<void> } }).lock
    await lock.release()

    const after = await openUserStore(dataDir, { stateDir })
    const ids = after.data.notes.map((n) => n.id)
    for (const id of before) expect(ids).toContain(id)
    expect(after.recovery?.problem).toMatch(/unfinished or damaged save/)
    await after.close()
  })
})

describe('a fold stopped at each step', () => {
  it('leaves the folder meaning the same', async () => {
    const dataDir = await makeTempDir()
    const stateDir = await makeTempDir()
    const store = await openUserStore(dataDir, { stateDir })
    for (let i = 0; i < 5; i++) await store.save([{ t: 'put', e: `n:n${i}`, f: note(i) }])
    const device = store.device
    await store.close()
    for (let i = 5; i < 8; i++) {
      const again = await openUserStore(dataDir, { stateDir })
      await again.save([{ t: 'put', e: `n:n${i}`, f: note(i) }])
      // Left without folding: the snapshot lags the log.
      await (again as unknown as { writer: { close(): Promise<void> } }).writer.close()
      await (again as unknown as { lock: { release(): Promise<void> } }).lock.release()
    }
    const expected = await onDiskData(dataDir)
    expect(expected.notes).toHaveLength(8)
    const snapshotBefore = await readFile(`${dataDir}/lectern.json`, 'utf8')

    const steps = ['open', 'write', 'sync', 'rename', 'syncDirectory'] as const
    for (const step of steps) {
      let failed = false
      const fail = (): never => {
        failed = true
        throw Object.assign(new Error(`stopped at ${step}`), { code: 'EIO' })
      }
      const fs: DurableFs = {
        open: (async (path: string, flags: string) => {
          const isDir = flags === 'r'
          if (isDir && step === 'syncDirectory') fail()
          if (!isDir && step === 'open') fail()
          const handle = await fsp.open(path, flags)
          if (isDir) return handle
          return Object.assign(Object.create(handle) as fsp.FileHandle, {
            writeFile: (data: string) => (step === 'write' ? fail() : handle.writeFile(data)),
            sync: () => (step === 'sync' ? fail() : handle.sync()),
            close: () => handle.close(),
          })
        }) as DurableFs['open'],
        rename: ((from: string, to: string) =>
          step === 'rename' ? fail() : fsp.rename(from, to)) as DurableFs['rename'],
        unlink: fsp.unlink,
      }
      await expect(foldFolder(dataDir, device, fs)).rejects.toThrow(`stopped at ${step}`)
      expect(failed).toBe(true)
      expect(await onDiskData(dataDir)).toEqual(expected)
      if (step !== 'syncDirectory') {
        expect(await readFile(`${dataDir}/lectern.json`, 'utf8')).toBe(snapshotBefore)
      }
    }
    await foldFolder(dataDir, device)
    expect(await onDiskData(dataDir)).toEqual(expected)
    const reopened = await openUserStore(dataDir, { stateDir })
    expect(reopened.data).toEqual(expected)
    await reopened.close()
  })
})
