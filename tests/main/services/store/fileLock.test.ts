import { readFile, stat, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openUserStore, StoreLockedError } from '../../../../src/main/services/store/userStore'
import { LecternError } from '../../../../src/shared/reply'
import { deadPid, makeTempDir, readJson, removeTempDirs } from './fixtures'

afterEach(removeTempDirs)

const lockOf = (dir: string) => join(dir, 'lectern.lock')

describe('the writer lock', () => {
  it('refuses a second writer while the first is open, and lets one in after close', async () => {
    const dir = await makeTempDir()
    const first = await openUserStore(dir)
    expect(await readJson(lockOf(dir))).toEqual({
      pid: process.pid,
      hostname: hostname(),
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    })

    const second = openUserStore(dir)
    await expect(second).rejects.toBeInstanceOf(StoreLockedError)
    await expect(second).rejects.toBeInstanceOf(LecternError)
    await expect(second).rejects.toMatchObject({
      code: 'conflict',
      message: `Another Lectern is using ${dir} (process ${process.pid}). Close it, or wait for it to finish, and try again.`,
    })

    await first.close()
    await expect(stat(lockOf(dir))).rejects.toMatchObject({ code: 'ENOENT' })
    const third = await openUserStore(dir)
    await third.close()
  })

  it('takes over a lock left by a process that is gone', async () => {
    const dir = await makeTempDir()
    const pid = await deadPid()
    const created = new Date().toISOString()
    await writeFile(lockOf(dir), JSON.stringify({ pid, hostname: hostname(), created }))
    const store = await openUserStore(dir)
    expect(await readJson(lockOf(dir))).toMatchObject({ pid: process.pid })
    await store.close()
  })

  it.each([
    ['garbage', 'h\u0000\u0001 not json'],
    ['an empty file', ''],
    ['JSON of the wrong shape', '{"pid": "12"}'],
  ])('takes over a lock file holding %s', async (_, content) => {
    const dir = await makeTempDir()
    await writeFile(lockOf(dir), content)
    const store = await openUserStore(dir)
    expect(await readJson(lockOf(dir))).toMatchObject({ pid: process.pid })
    await store.close()
  })

  it("respects another computer's lock, which it cannot check", async () => {
    const dir = await makeTempDir()
    const holder = { pid: 4242, hostname: 'other-machine', created: new Date().toISOString() }
    await writeFile(lockOf(dir), JSON.stringify(holder))
    await expect(openUserStore(dir)).rejects.toThrow(
      `Another Lectern is using ${dir} (process 4242 on other-machine).`,
    )
  })

  it('on close, leaves a lock that is no longer its own', async () => {
    const dir = await makeTempDir()
    const store = await openUserStore(dir)
    const someoneElse = JSON.stringify({ pid: 1, hostname: hostname(), created: 'x' })
    await writeFile(lockOf(dir), someoneElse)
    await store.close()
    expect(await readFile(lockOf(dir), 'utf8')).toBe(someoneElse)
  })
})
