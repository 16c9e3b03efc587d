/**
 * One writer per data folder: a lock file created exclusively, naming the process that holds
 * it. A lock left by a process that is gone (it crashed, or was killed) is taken over.
 */
import { open, readFile, unlink } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { LecternError } from '../../../shared/reply'
import { errorCode, nodeFs, writeFileDurably, type DurableFs } from './durableFile'

export const LOCK_FILE = 'lectern.lock'

export interface LockHolder {
  pid: number
  hostname: string
  created: string
}

function lockedMessage(dataDir: string, holder: LockHolder): string {
  const owner =
    holder.hostname === hostname()
      ? `process ${holder.pid}`
      : `process ${holder.pid} on ${holder.hostname}`
  return `Another Lectern is using ${dataDir} (${owner}). Close it, or wait for it to finish, and try again.`
}

export class StoreLockedError extends LecternError {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super('conflict', lockedMessage(dataDir, holder))
    this.name = 'StoreLockedError'
  }
}

export interface FileLock {
  readonly path: string
  /** Removes the lock file, if it is still ours. */
  release(): Promise<void>
}

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder> | null
    if (
      Number.isInteger(value?.pid) &&
      (value?.pid ?? 0) > 0 &&
      typeof value?.hostname === 'string' &&
      typeof value.created === 'string'
    ) {
      return value as LockHolder
    }
  } catch {
    // Garbage: treated like a lock whose owner is gone.
  }
  return null
}

/** Another host's processes cannot be checked, so its lock is respected. */
function isAlive(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return true
  try {
    process.kill(holder.pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errorCode(error) !== 'ESRCH'
  }
}

async function readLockText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null
    throw error
  }
}

export async function acquireLock(dataDir: string, fs: DurableFs = nodeFs): Promise<FileLock> {
  const path = join(dataDir, LOCK_FILE)
  const holder: LockHolder = { pid: process.pid, hostname: hostname(), created: '' }
  // A few rounds cover a lock released between our attempt to create it and our reading it.
  for (let attempt = 0; attempt < 5; attempt++) {
    holder.created = new Date().toISOString()
    const content = JSON.stringify(holder)
    if (await createExclusively(path, content)) return ownedLock(path, content)

    const text = await readLockText(path)
    if (text === null) continue
    const current = parseHolder(text)
    if (current && isAlive(current)) throw new StoreLockedError(dataDir, current)

    // Replaced atomically, then read back: of two processes taking over at once, one sees
    // the other's lock and gives way.
    await writeFileDurably(path, content, fs)
    const after = await readLockText(path)
    if (after === content) return ownedLock(path, content)
    const winner = after === null ? null : parseHolder(after)
    if (winner) throw new StoreLockedError(dataDir, winner)
  }
  throw new LecternError('internal', `Could not take the lock ${path}: it keeps changing.`)
}

async function createExclusively(path: string, content: string): Promise<boolean> {
  let handle
  try {
    handle = await open(path, 'wx')
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false
    throw error
  }
  try {
    await handle.writeFile(content)
  } catch (error) {
    await handle.close()
    await unlink(path).catch(() => undefined)
    throw error
  }
  await handle.close()
  return true
}

function ownedLock(path: string, content: string): FileLock {
  return {
    path,
    async release() {
      if ((await readLockText(path)) === content) await unlink(path).catch(() => undefined)
    },
  }
}
