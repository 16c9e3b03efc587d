/**
 * The user's own data (bookmarks, notes, palette, reading state) in one JSON file,
 * `<dataDir>/lectern.json`, kept by lowdb through a durable adapter. One process writes at a
 * time (a lock file); a damaged file is set aside and restored from the rolling backups.
 *
 * How `update` stays correct:
 * - `change` runs against a structuredClone of the data, and the result is checked against the
 *   schema. Only if `change` returns normally and the result is valid does the clone become the
 *   data. So a change that throws part way, or that leaves bad data, changes nothing and its
 *   promise rejects (with the change's own error, or an 'internal' one for invalid data). The
 *   live data is never mutated in place, so a write in flight serializes a settled snapshot.
 * - Writes are serialized: while one is in flight, later updates wait and the next write carries
 *   all of them. Each promise resolves only after a write containing its change has completed,
 *   in the order the updates were made.
 * - If a write fails, the data is re-read from disk, and every update not on disk (the failed
 *   write's and any made since, which were built on top of it) rejects. Memory never claims
 *   more than the disk holds.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { LecternError } from '../../../shared/reply'
import type { RecoveryNotice } from '../../../shared/types'
import { backupDataFile, backupsDirOf } from './backups'
import { DamagedFileError } from './damagedFileError'
import {
  DurableJsonFile,
  errorMessage,
  nodeFs,
  removeLeftoverTempFiles,
  type DurableFs,
} from './durableFile'
import { acquireLock, type FileLock } from './fileLock'
import { recoverDamagedFile } from './recovery'
import { emptyStoreData, migrate, parseStoreData, type StoreData } from './schema'

export { STORE_VERSION, emptyStoreData, type StoreData } from './schema'
export { StoreLockedError } from './fileLock'
export { DamagedFileError } from './damagedFileError'
export type { DurableFs } from './durableFile'

export const DATA_FILE = 'lectern.json'

export interface UserStore {
  /** The data file: `<dataDir>/lectern.json`. */
  readonly path: string
  /** The current data. Read it; never mutate it (change it through `update`). */
  readonly data: StoreData
  /** Set when the data file was damaged at open and had to be replaced. */
  readonly recovery: RecoveryNotice | null
  /**
   * Applies `change` to the in-memory data at once, and resolves (with change's return value)
   * only when this change and all earlier ones are durable on disk. `change` must be
   * synchronous; it may throw to refuse the change.
   */
  update<R>(change: (data: StoreData) => R): Promise<R>
  /** Waits for pending writes, makes a backup if anything changed, releases the lock. */
  close(): Promise<void>
}

export interface UserStoreOptions {
  /** Read only: no lock is taken, nothing is ever written, a damaged file is an error. */
  readOnly?: boolean
  /** The file operations of durable writes, for tests that count or break writes. */
  fs?: DurableFs
}

export async function openUserStore(
  dataDir: string,
  options: UserStoreOptions = {},
): Promise<UserStore> {
  const fs = options.fs ?? nodeFs
  const file = new DurableJsonFile(join(dataDir, DATA_FILE), migrate, fs)
  const defaults = emptyStoreData()
  const db = new Low<StoreData>(file, defaults)
  if (options.readOnly) return openReadOnly(db, file.path)

  await mkdir(dataDir, { recursive: true })
  const lock = await acquireLock(dataDir, fs)
  try {
    // Holding the lock, any temporary file is a crashed writer's.
    await removeLeftoverTempFiles(dataDir, `${DATA_FILE}.`)
    await removeLeftoverTempFiles(backupsDirOf(dataDir), 'lectern-')
    let recovery: RecoveryNotice | null = null
    try {
      await db.read()
    } catch (error) {
      if (!(error instanceof DamagedFileError)) throw error
      const recovered = await recoverDamagedFile(dataDir, file, error.problem, fs)
      db.data = recovered.data
      recovery = recovered.notice
    }
    // lowdb keeps the defaults object when there is no file yet: nothing to back up then.
    if (!recovery && db.data !== defaults) await backupDataFile(file.path, dataDir, fs)
    return new WritableStore(db, file, dataDir, lock, recovery, fs)
  } catch (error) {
    await lock.release()
    throw error
  }
}

async function openReadOnly(db: Low<StoreData>, path: string): Promise<UserStore> {
  try {
    await db.read()
  } catch (error) {
    if (!(error instanceof DamagedFileError)) throw error
    throw new LecternError(
      'internal',
      `The data file ${path} is damaged (${error.problem}). Open Lectern normally, not read-only, to recover it from a backup.`,
    )
  }
  return {
    path,
    data: db.data,
    recovery: null,
    update: () =>
      Promise.reject(new LecternError('forbidden', `The data in ${path} was opened read-only.`)),
    close: () => Promise.resolve(),
  }
}

/** Runs `change` on a copy; returns its result and the checked new data, or throws. */
function applyChange<R>(
  data: StoreData,
  change: (data: StoreData) => R,
): { value: R; next: StoreData } {
  const draft = structuredClone(data)
  const value = change(draft)
  if (value instanceof Promise) {
    value.catch(() => undefined)
    throw new LecternError('internal', 'A store change must be synchronous.')
  }
  try {
    return { value, next: parseStoreData(draft) }
  } catch (error) {
    const problem = error instanceof DamagedFileError ? error.problem : errorMessage(error)
    throw new LecternError('internal', `The change would leave the data invalid: ${problem}`)
  }
}

interface Waiting {
  resolve(): void
  reject(error: unknown): void
}

class WritableStore implements UserStore {
  /** Updates applied in memory and not yet part of a write. */
  private waiting: Waiting[] = []
  private flushing: Promise<void> | null = null
  private closing: Promise<void> | null = null
  /** The data as last written or read: the fallback if the file cannot be read back. */
  private onDisk: StoreData
  private changed = false

  constructor(
    private readonly db: Low<StoreData>,
    private readonly file: DurableJsonFile<StoreData>,
    private readonly dataDir: string,
    private readonly lock: FileLock,
    readonly recovery: RecoveryNotice | null,
    private readonly fs: DurableFs,
  ) {
    this.onDisk = db.data
  }

  get path(): string {
    return this.file.path
  }

  get data(): StoreData {
    return this.db.data
  }

  update<R>(change: (data: StoreData) => R): Promise<R> {
    if (this.closing) return Promise.reject(new LecternError('internal', 'The store is closed.'))
    let applied: { value: R; next: StoreData }
    try {
      applied = applyChange(this.db.data, change)
    } catch (error) {
      return Promise.reject(error)
    }
    this.db.data = applied.next
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ resolve: () => resolve(applied.value), reject })
      this.flushing ??= this.flush()
    })
  }

  private async flush(): Promise<void> {
    try {
      // Lets the rest of a synchronous burst of updates join the first write.
      await Promise.resolve()
      while (this.waiting.length > 0) {
        const batch = this.waiting
        this.waiting = []
        const snapshot = this.db.data
        try {
          await this.db.write()
          this.onDisk = snapshot
          this.changed = true
          for (const waiting of batch) waiting.resolve()
        } catch (error) {
          await this.recoverFromFailedWrite(batch, error)
        }
      }
    } finally {
      this.flushing = null
    }
  }

  private async recoverFromFailedWrite(batch: Waiting[], error: unknown): Promise<void> {
    const failure = new LecternError(
      'internal',
      `Could not save your data to ${this.path}: ${errorMessage(error)}`,
    )
    let onDisk: StoreData
    try {
      onDisk = (await this.file.read()) ?? emptyStoreData()
    } catch {
      onDisk = this.onDisk
    }
    // Updates made since the failed write began were built on data the disk does not have.
    const lost = [...batch, ...this.waiting]
    this.waiting = []
    this.db.data = this.onDisk = onDisk
    for (const waiting of lost) waiting.reject(failure)
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown()
    return this.closing
  }

  private async shutDown(): Promise<void> {
    try {
      while (this.flushing) await this.flushing
      if (this.changed) await backupDataFile(this.path, this.dataDir, this.fs)
    } finally {
      await this.lock.release()
    }
  }
}
