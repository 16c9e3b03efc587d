import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  acquireLock,
  programName,
  staleReason,
  type LockHolder,
  type ProcessProbe,
} from '../../../../src/main/services/store/fileLock'
import { folderStateDir } from '../../../../src/main/services/store/journal/device'
import { openUserStore, StoreLockedError } from '../../../../src/main/services/store/userStore'
import { resolveStateDir } from '../../../../src/main/services/paths'
import { LecternError } from '../../../../src/shared/reply'
import { deadPid, makeTempDir, readJson, removeTempDirs } from './fixtures'

afterEach(removeTempDirs)

/** The lock lives in this computer's state folder for the data folder, never in the data folder. */
const lockOf = async (dir: string): Promise<string> => {
  const folder = await folderStateDir(resolveStateDir(undefined), dir)
  await mkdir(folder, { recursive: true })
  return join(folder, 'lectern.lock')
}

describe('the writer lock', () => {
  it('refuses a second writer while the first is open, and lets one in after close', async () => {
    const dir = await makeTempDir()
    const first = await openUserStore(dir)
    expect(await readJson(await lockOf(dir))).toEqual({
      pid: process.pid,
      hostname: hostname(),
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      program: programName(process.execPath),
    })

    const second = openUserStore(dir)
    await expect(second).rejects.toBeInstanceOf(StoreLockedError)
    await expect(second).rejects.toBeInstanceOf(LecternError)
    await expect(second).rejects.toMatchObject({
      code: 'conflict',
      message: `Another Lectern is using ${dir} (process ${process.pid}). Close it, or wait for it to finish, and try again.`,
    })

    await first.close()
    await expect(stat(await lockOf(dir))).rejects.toMatchObject({ code: 'ENOENT' })
    const third = await openUserStore(dir)
    await third.close()
  })

  it('takes over a lock left by a process that is gone', async () => {
    const dir = await makeTempDir()
    const pid = await deadPid()
    const created = new Date().toISOString()
    await writeFile(await lockOf(dir), JSON.stringify({ pid, hostname: hostname(), created }))
    const store = await openUserStore(dir)
    expect(await readJson(await lockOf(dir))).toMatchObject({ pid: process.pid })
    await store.close()
  })

  it.each([
    ['garbage', 'h\u0000\u0001 not json'],
    ['an empty file', ''],
    ['JSON of the wrong shape', '{"pid": "12"}'],
  ])('takes over a lock file holding %s', async (_, content) => {
    const dir = await makeTempDir()
    await writeFile(await lockOf(dir), content)
    const store = await openUserStore(dir)
    expect(await readJson(await lockOf(dir))).toMatchObject({ pid: process.pid })
    await store.close()
  })

  it("respects another computer's lock, which it cannot check", async () => {
    const dir = await makeTempDir()
    const holder = { pid: 4242, hostname: 'other-machine', created: new Date().toISOString() }
    await writeFile(await lockOf(dir), JSON.stringify(holder))
    await expect(openUserStore(dir)).rejects.toThrow(
      `Another Lectern is using ${dir} (process 4242 on other-machine).`,
    )
  })

  it('on close, leaves a lock that is no longer its own', async () => {
    const dir = await makeTempDir()
    const store = await openUserStore(dir)
    const someoneElse = JSON.stringify({ pid: 1, hostname: hostname(), created: 'x' })
    await writeFile(await lockOf(dir), someoneElse)
    await store.close()
    expect(await readFile(await lockOf(dir), 'utf8')).toBe(someoneElse)
  })
})

describe('a stale lock after a crash or a reboot', () => {
  const BOOT = Date.parse('2026-11-30T08:00:00Z')
  /** A computer where pid 4321 runs `program`, booted at BOOT. */
  const probe = (program: string | null, running = true): ProcessProbe => ({
    isRunning: (pid) => running && pid === 4321,
    programOf: () => program,
    bootedAt: () => BOOT,
  })
  const holder = (over: Partial<LockHolder> = {}): LockHolder => ({
    pid: 4321,
    hostname: hostname(),
    created: new Date(BOOT + 3_600_000).toISOString(),
    program: 'lectern',
    ...over,
  })

  it('stands while Lectern (or the CLI) that wrote it still runs', () => {
    expect(staleReason(holder(), probe('lectern'))).toBeNull()
    expect(staleReason(holder({ program: 'node' }), probe('node'))).toBeNull()
    // Linux cuts program names to 15 characters.
    expect(
      staleReason(holder({ program: 'lectern-reader-app' }), probe('lectern-reader-')),
    ).toBeNull()
    // Which program runs cannot always be told (another user's process): then it stands.
    expect(staleReason(holder(), probe(null))).toBeNull()
    // Older lock files name no program.
    expect(staleReason(holder({ program: undefined }), probe('bash'))).toBeNull()
  })

  it('is stale when its pid now runs another program', () => {
    expect(staleReason(holder(), probe('bash'))).toBe('its process now runs bash')
  })

  it('is stale when its process is gone', () => {
    expect(staleReason(holder(), probe('lectern', false))).toBe('its process is gone')
  })

  it('is stale when it names this very process (a pid reused after a reboot)', () => {
    expect(staleReason(holder({ pid: process.pid }), probe('lectern'))).toBe(
      'it names this very process',
    )
  })

  it('is stale when it was written before the computer last started', () => {
    const before = holder({ created: new Date(BOOT - 86_400_000).toISOString() })
    expect(staleReason(before, probe('lectern'))).toBe(
      'it was written before the computer last started',
    )
  })

  it('is taken over at open in each of those cases, and refused otherwise', async () => {
    for (const [lock, p, taken] of [
      [holder(), probe('bash'), true],
      [holder({ pid: process.pid }), probe('lectern'), true],
      [holder({ created: new Date(BOOT - 86_400_000).toISOString() }), probe('lectern'), true],
      [holder(), probe('lectern'), false],
    ] as const) {
      const dir = await makeTempDir()
      // acquireLock takes the lock file in the folder it is given.
      await writeFile(join(dir, 'lectern.lock'), JSON.stringify(lock))
      if (taken) {
        const ours = await acquireLock(dir, undefined, p)
        expect(await readJson(join(dir, 'lectern.lock'))).toMatchObject({ pid: process.pid })
        await ours.release()
      } else {
        await expect(
          acquireLock(dir, undefined, { ...p, bootedAt: () => 0 }),
        ).rejects.toBeInstanceOf(StoreLockedError)
      }
    }
  })

  it('is never taken over from this process itself while it holds it', async () => {
    const dir = await makeTempDir()
    const lock = await acquireLock(dir)
    await expect(acquireLock(dir)).rejects.toBeInstanceOf(StoreLockedError)
    await lock.release()
    const again = await acquireLock(dir)
    await again.release()
  })
})
