/**
 * One writer per data folder: a lock file created exclusively, naming the process that holds
 * it. A lock is stale, and taken over, when the process it names is gone (a crash, a kill),
 * is this very process (a pid reused after a reboot), runs another program (the pid was given
 * to something else), or the lock was written before the computer last started.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { open, readFile, unlink } from 'node:fs/promises'
import { hostname, uptime } from 'node:os'
import { basename, resolve } from 'node:path'
import { LecternError } from '../../../shared/reply'
import { errorCode, nodeFs, writeFileDurably, type DurableFs } from './durableFile'

export const LOCK_FILE = 'lectern.lock'

export interface LockHolder {
  pid: number
  hostname: string
  created: string
  /** The program that took it (`node`, `lectern`, `electron`); absent in older lock files. */
  program?: string
}

/** What can be known of the processes on this computer; a test passes its own. */
export interface ProcessProbe {
  isRunning(pid: number): boolean
  /** The program a running process runs, or null when that cannot be told. */
  programOf(pid: number): string | null
  /** When this computer last started, in ms since the epoch. */
  bootedAt(): number
}

/** A program's name as compared here: the executable's base name, lower case, no `.exe`. */
export function programName(path: string): string {
  return basename(path)
    .toLowerCase()
    .replace(/\.exe$/, '')
}

export const systemProbe: ProcessProbe = {
  isRunning(pid) {
    try {
      process.kill(pid, 0)
      return true
    } catch (error) {
      // EPERM: the process exists but belongs to someone else.
      return errorCode(error) !== 'ESRCH'
    }
  },
  programOf(pid) {
    try {
      if (process.platform === 'linux') {
        // `comm` is readable for every process (unlike `exe`), cut to 15 characters.
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim().toLowerCase()
      }
      if (process.platform === 'win32') {
        const csv = execFileSync('tasklist', ['/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH'], {
          encoding: 'utf8',
          timeout: 3000,
          windowsHide: true,
        })
        const image = csv.match(/^"([^"]+)"/)?.[1]
        return image ? programName(image) : null
      }
      const comm = execFileSync('ps', ['-p', String(pid), '-o', 'comm='], {
        encoding: 'utf8',
        timeout: 3000,
      }).trim()
      return comm ? programName(comm) : null
    } catch {
      return null
    }
  },
  bootedAt: () => Date.now() - uptime() * 1000,
}

/** Whether a process's program is the one a lock names (Linux cuts names to 15 characters). */
function sameProgram(recorded: string, running: string): boolean {
  return recorded === running || (running.length === 15 && recorded.startsWith(running))
}

/** Why a lock on this computer no longer stands, or null while its holder may still be writing. */
export function staleReason(holder: LockHolder, probe: ProcessProbe): string | null {
  if (holder.pid === process.pid) return 'it names this very process'
  const created = Date.parse(holder.created)
  // A minute's slack: boot time is derived from uptime and the clock may have been set since.
  if (Number.isFinite(created) && created < probe.bootedAt() - 60_000) {
    return 'it was written before the computer last started'
  }
  if (!probe.isRunning(holder.pid)) return 'its process is gone'
  const running = holder.program ? probe.programOf(holder.pid) : null
  if (holder.program && running !== null && !sameProgram(holder.program, running)) {
    return `its process now runs ${running}`
  }
  return null
}

/** Data folders this process holds the lock of: a second open in one process is refused too. */
const heldHere = new Set<string>()

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
function isLive(holder: LockHolder, probe: ProcessProbe): boolean {
  return holder.hostname !== hostname() || staleReason(holder, probe) === null
}

async function readLockText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null
    throw error
  }
}

/**
 * Takes the lock file in `lockDir` (this computer's state folder for a data folder, so that a
 * lock never travels to another computer with a synced folder); `dataDir` names it in messages.
 */
export async function acquireLock(
  lockDir: string,
  fs: DurableFs = nodeFs,
  probe: ProcessProbe = systemProbe,
  dataDir: string = lockDir,
): Promise<FileLock> {
  const path = resolve(lockDir, LOCK_FILE)
  const holder: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    created: '',
    program: programName(process.execPath),
  }
  if (heldHere.has(path)) throw new StoreLockedError(dataDir, holder)
  // A few rounds cover a lock released between our attempt to create it and our reading it.
  for (let attempt = 0; attempt < 5; attempt++) {
    holder.created = new Date().toISOString()
    const content = JSON.stringify(holder)
    if (await createExclusively(path, content)) return ownedLock(path, content)

    const text = await readLockText(path)
    if (text === null) continue
    const current = parseHolder(text)
    if (current && isLive(current, probe)) throw new StoreLockedError(dataDir, current)

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
  heldHere.add(path)
  return {
    path,
    async release() {
      try {
        if ((await readLockText(path)) === content) await unlink(path).catch(() => undefined)
      } finally {
        heldHere.delete(path)
      }
    },
  }
}
