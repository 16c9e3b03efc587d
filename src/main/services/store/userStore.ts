/**
 * The user's own data (bookmarks, notes, palette, reading state, settings). Each computer
 * appends its changes to its own log, `<dataDir>/journal/<device>.jsonl`; `<dataDir>/lectern.json`
 * (lowdb's file) is the readable snapshot the logs are folded into now and then. Logs of other
 * computers in the folder (brought by a sync tool) are merged in: see journal/entities.ts.
 *
 * How a save stays correct and fast:
 * - A save is a record of ops, each naming one entity. Only those entities are changed (on
 *   copies) and checked; if any would be invalid the save is refused and nothing changes.
 * - The record is applied in memory at once, and its promise resolves once the record is
 *   appended and `datasync`ed. Saves made while a write is in flight go out together next.
 * - If a write fails, the state is read back from disk and every save not on disk rejects.
 * - The snapshot is rewritten on a worker thread when the log has grown, and on close.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { LecternError } from '../../../shared/reply'
import type { RecoveryNotice } from '../../../shared/types'
import { resolveStateDir } from '../paths'
import { backupDataFile, backupsDirOf } from './backups'
import { DamagedFileError } from './damagedFileError'
import {
  createFileDurably,
  DurableJsonFile,
  errorMessage,
  nodeFs,
  removeLeftoverTempFiles,
  writeFileDurably,
  type DurableFs,
} from './durableFile'
import { acquireLock, type FileLock } from './fileLock'
import { fileStamp } from './fileStamp'
import {
  deviceState,
  knownDevice,
  ownLogPath,
  rememberLogBytes,
  type DeviceState,
} from './journal/device'
import { diffData, draftOf } from './journal/diffData'
import { textView, trashedAt, type TextView } from './journal/entities'
import { runFold } from './journal/foldRunner'
import { Clock } from './journal/hlc'
import { loadFolder, SNAPSHOT_FILE, type LoadedFolder } from './journal/loadFolder'
import { LogWriter, nodeLogFs, type LogFs } from './journal/logFile'
import { TEXT_FIELDS, kindOf, type Op } from './journal/ops'
import { snapshotText } from './journal/snapshot'
import { fromRef } from './journal/textMerge'
import type { JournalState } from './journal/state'
import { SyncWatch, type SyncStatus } from './journal/syncWatch'
import { migrate, type StoreData } from './schema'
import { recoverDamagedFile } from './recovery'

export { STORE_VERSION, emptyStoreData, type StoreData } from './schema'
export { StoreLockedError } from './fileLock'
export { DamagedFileError } from './damagedFileError'
export type { DurableFs } from './durableFile'
export type { Op } from './journal/ops'
export type { SyncStatus } from './journal/syncWatch'
export type { TextView } from './journal/entities'

export const DATA_FILE = SNAPSHOT_FILE
/** Fold the log into the snapshot (on a worker) once this much has been appended since. */
export const FOLD_AFTER_BYTES = 8 * 2 ** 20

export interface UserStore {
  /** The snapshot: `<dataDir>/lectern.json`. */
  readonly path: string
  /** The current data. Read it; never mutate it (change it through `save` or `update`). */
  readonly data: StoreData
  /** Set when the data file or this computer's log was damaged at open and had to be repaired. */
  readonly recovery: RecoveryNotice | null
  /** This computer's id in this data folder. */
  readonly device: string
  /** Counts records merged from other computers' logs. */
  readonly merged: number
  /**
   * Saves ops at once in memory; resolves once they are durable. Rejects, changing nothing,
   * when they would leave a record invalid. Costs the same at any size of store.
   */
  save(ops: Op[]): Promise<void>
  /**
   * Applies `change` to a copy of all the data and saves what it changed. Costs time in
   * proportion to the data: for rare changes to everything (restoring a backup).
   */
  update<R>(change: (data: StoreData) => R): Promise<R>
  /** Merges whatever other computers' logs brought since; resolves with the records merged. */
  refresh(): Promise<number>
  syncStatus(): SyncStatus
  /**
   * The versions of a bookmark's note or a note's text (`b:<id>`, `n:<id>`) as merging sees
   * them: what is shown and the versions it stands for, what it was edited from, the others.
   */
  textVersions(key: string): TextView | undefined
  /** Waits for pending writes, folds the log into the snapshot, releases the lock. */
  close(): Promise<void>
}

export interface UserStoreOptions {
  /** Read only: no lock is taken, nothing is ever written, a damaged file is an error. */
  readOnly?: boolean
  /** This computer's own state (device id, lock); default `resolveStateDir()`. */
  stateDir?: string
  /** The file operations of durable writes, for tests that count or break writes. */
  fs?: DurableFs
  /** The file operations of the log, for tests that lose unflushed writes. */
  logFs?: LogFs
  /** Merge other computers' logs this often (ms); 0: only on `refresh`. */
  refreshEvery?: number
  /** Fold on a worker after this many appended bytes. */
  foldAfterBytes?: number
  now?: () => number
}

export async function openUserStore(
  dataDir: string,
  options: UserStoreOptions = {},
): Promise<UserStore> {
  const fs = options.fs ?? nodeFs
  const stateDir = options.stateDir ?? resolveStateDir(undefined)
  if (options.readOnly) return openReadOnly(dataDir, stateDir)

  await mkdir(join(dataDir, 'journal'), { recursive: true })
  const device = await deviceState(stateDir, dataDir)
  const lock = await acquireLock(device.dir, fs, undefined, dataDir)
  try {
    // Holding the lock, any temporary file is a crashed writer's.
    await removeLeftoverTempFiles(dataDir, `${DATA_FILE}.`)
    await removeLeftoverTempFiles(backupsDirOf(dataDir), 'lectern-')
    const clock = new Clock(device.identity.device, options.now)
    let recovery: RecoveryNotice | null = null
    let loaded: LoadedFolder
    try {
      loaded = await loadFolder(dataDir, clock.device)
    } catch (error) {
      if (!(error instanceof DamagedFileError)) throw error
      const file = new DurableJsonFile(join(dataDir, DATA_FILE), migrate, fs)
      recovery = (await recoverDamagedFile(dataDir, file, error.problem, fs)).notice
      loaded = await loadFolder(dataDir, clock.device)
    }
    clock.observe(loaded.state.latest)
    const path = join(dataDir, DATA_FILE)
    if (loaded.migratedFrom !== null) {
      await keepOldVersion(path, dataDir, loaded.migratedFrom, fs)
      await writeFileDurably(path, snapshotText(loaded.state, loaded.offsets), fs)
    } else if (!recovery && loaded.hadSnapshot) {
      await backupDataFile(path, dataDir, fs)
    }
    const own = loaded.logs.find((log) => log.device === clock.device && !log.copy)
    const logPath = ownLogPath(dataDir, clock.device)
    if (own && own.size > own.end) recovery ??= await setAsideTail(logPath, own.end, own.size, fs)
    const writer = await LogWriter.open(logPath, own?.end ?? 0, options.logFs ?? nodeLogFs)
    const store = new JournalStore(
      dataDir,
      loaded,
      writer,
      clock,
      lock,
      device,
      recovery,
      fs,
      options,
    )
    if (!own || own.end === 0) await store.announce(hostname())
    return store
  } catch (error) {
    await lock.release()
    throw error
  }
}

/** Before the first snapshot of a new version replaces an older file, it is kept as it was. */
async function keepOldVersion(
  path: string,
  dataDir: string,
  version: number,
  fs: DurableFs,
): Promise<void> {
  const bytes = await readFile(path)
  await mkdir(backupsDirOf(dataDir), { recursive: true })
  await createFileDurably(
    join(backupsDirOf(dataDir), `lectern-version-${version}-${fileStamp(new Date())}`),
    '.json',
    bytes,
    fs,
  )
}

/** A cut or damaged end of this computer's log: kept aside, cut off, and the person told. */
async function setAsideTail(
  logPath: string,
  end: number,
  size: number,
  fs: DurableFs,
): Promise<RecoveryNotice> {
  const bytes = (await readFile(logPath)).subarray(end, size)
  const at = new Date()
  const movedTo = await createFileDurably(`${logPath}.damaged-${fileStamp(at)}`, '', bytes, fs)
  return {
    problem: `the last ${size - end} bytes of this computer's change log were an unfinished or damaged save (a crash or power loss while saving); everything saved before them is kept`,
    movedTo,
    restoredFrom: null,
    at: at.toISOString(),
  }
}

async function openReadOnly(dataDir: string, stateDir: string): Promise<UserStore> {
  const path = join(dataDir, DATA_FILE)
  const device = (await knownDevice(stateDir, dataDir)) ?? '000000000000'
  let loaded: LoadedFolder
  try {
    loaded = await loadFolder(dataDir, device)
  } catch (error) {
    if (!(error instanceof DamagedFileError)) throw error
    throw new LecternError(
      'internal',
      `The data file ${path} is damaged (${error.problem}). Open Lectern normally, not read-only, to recover it from a backup.`,
    )
  }
  const watch = new SyncWatch(dataDir, device, loaded, () => undefined)
  const refused = (): Promise<never> =>
    Promise.reject(new LecternError('forbidden', `The data in ${path} was opened read-only.`))
  return {
    path,
    data: loaded.state.data,
    recovery: null,
    device,
    merged: 0,
    save: refused,
    update: refused,
    refresh: () => Promise.resolve(0),
    syncStatus: () => watch.status(),
    textVersions: (key) => textVersionsOf(loaded.state, key),
    close: () => Promise.resolve(),
  }
}

function textVersionsOf(state: JournalState, key: string): TextView | undefined {
  const entity = state.entity(key)
  const field = TEXT_FIELDS[kindOf(key)]
  return entity && field && state.shows(key) ? textView(entity, field) : undefined
}

interface Waiting {
  resolve(): void
  reject(error: unknown): void
}

class JournalStore implements UserStore {
  private state: JournalState
  private lines: string[] = []
  private waiting: Waiting[] = []
  private flushing: Promise<void> | null = null
  private closing: Promise<void> | null = null
  private folding: Promise<void> | null = null
  private bytesAtFold: number
  private changed = false
  private applied = 0
  private readonly watch: SyncWatch
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly dataDir: string,
    loaded: LoadedFolder,
    private readonly writer: LogWriter,
    private readonly clock: Clock,
    private readonly lock: FileLock,
    private readonly deviceState: DeviceState,
    readonly recovery: RecoveryNotice | null,
    private readonly fs: DurableFs,
    private readonly options: UserStoreOptions,
  ) {
    this.state = loaded.state
    this.bytesAtFold = loaded.offsets[`${clock.device}.jsonl`] ?? 0
    this.watch = new SyncWatch(dataDir, clock.device, loaded, (record) => {
      this.clock.observe(record.h)
      this.state.apply(record, false)
      this.applied++
      this.changed = true
    })
    const every = options.refreshEvery ?? 0
    if (every > 0) {
      this.timer = setInterval(() => void this.refresh().catch(() => undefined), every)
      this.timer.unref()
    }
  }

  get path(): string {
    return join(this.dataDir, DATA_FILE)
  }

  get data(): StoreData {
    return this.state.data
  }

  get device(): string {
    return this.clock.device
  }

  get merged(): number {
    return this.applied
  }

  save(ops: Op[]): Promise<void> {
    if (this.closing) return Promise.reject(new LecternError('internal', 'The store is closed.'))
    const h = this.clock.tick()
    const record = { h, o: this.complete(ops, h) }
    try {
      this.state.apply(record, true)
    } catch (error) {
      return Promise.reject(error)
    }
    this.lines.push(`${JSON.stringify(record)}\n`)
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject })
      this.flushing ??= this.flush()
    })
  }

  /** Starts this computer's log with its name; not a change to the data (no snapshot needed). */
  async announce(name: string): Promise<void> {
    const changed = this.changed
    await this.save([{ t: 'device', name }])
    this.changed = changed
  }

  /**
   * Fills in what only the store knows: what a trash or purge had seen, which versions a text edit
   * replaces, and that an edit of an item in the trash leaves it there.
   */
  private complete(ops: Op[], h: string): Op[] {
    const out: Op[] = []
    const edited = new Set<string>()
    const untrashed = new Set<string>()
    for (const op of ops) {
      if (op.t === 'device') {
        out.push(op)
        continue
      }
      const entity = this.state.entity(op.e)
      if (op.t === 'trash' || op.t === 'purge') {
        // This computer has seen all its own edits, including any in this record.
        out.push({ ...op, seen: { ...entity?.e, [this.clock.device]: h } })
        continue
      }
      if (op.t === 'untrash') untrashed.add(op.e)
      if (op.t === 'put') {
        const field = TEXT_FIELDS[kindOf(op.e)]
        if (field && field in op.f && entity && entity.f[field] !== undefined) {
          // An edit replaces what it was made from: the text shown (merged versions and all);
          // versions left as a conflict stay until the person resolves it.
          const view = textView(entity, field)
          const after = op.f[field]
          out.push({
            ...op,
            base: op.base ?? { [field]: view.shown.map((version) => version.h) },
            ...(!op.from && typeof view.text === 'string' && typeof after === 'string'
              ? { from: { [field]: fromRef(view.text, after) } }
              : {}),
          })
        } else out.push(op)
      } else out.push(op)
      if (op.t === 'put' || op.t === 'tags') edited.add(op.e)
    }
    for (const key of edited) {
      const entity = this.state.entity(key)
      const at = entity && trashedAt(entity)
      if (at && !untrashed.has(key)) {
        out.push({ t: 'trash', e: key, at, seen: { ...entity.e, [this.clock.device]: h } })
      }
    }
    return out
  }

  update<R>(change: (data: StoreData) => R): Promise<R> {
    if (this.closing) return Promise.reject(new LecternError('internal', 'The store is closed.'))
    let value: R
    let ops: Op[]
    try {
      const draft = draftOf(this.state.data)
      value = change(draft)
      if (value instanceof Promise) {
        value.catch(() => undefined)
        throw new LecternError('internal', 'A store change must be synchronous.')
      }
      ops = diffData(this.state.data, draft)
    } catch (error) {
      return Promise.reject(error)
    }
    if (ops.length === 0) return (this.flushing ?? Promise.resolve()).then(() => value)
    return this.save(ops).then(() => value)
  }

  private async flush(): Promise<void> {
    try {
      // Lets the rest of a synchronous burst of saves join the first write.
      await Promise.resolve()
      while (this.waiting.length > 0) {
        const batch = this.waiting
        const lines = this.lines.join('')
        this.waiting = []
        this.lines = []
        try {
          await this.writer.append(lines)
          this.changed = true
          for (const waiting of batch) waiting.resolve()
        } catch (error) {
          await this.recoverFromFailedWrite(batch, error)
        }
        if (
          this.writer.bytes - this.bytesAtFold >
          (this.options.foldAfterBytes ?? FOLD_AFTER_BYTES)
        ) {
          this.foldInBackground()
        }
      }
    } finally {
      this.flushing = null
    }
  }

  private async recoverFromFailedWrite(batch: Waiting[], error: unknown): Promise<void> {
    const failure = new LecternError(
      'internal',
      `Could not save your data to ${this.writer.path}: ${errorMessage(error)}`,
    )
    const lost = [...batch, ...this.waiting]
    this.waiting = []
    this.lines = []
    try {
      const loaded = await loadFolder(this.dataDir, this.clock.device)
      this.state = loaded.state
      this.watch.reset(loaded)
    } catch {
      // Keep what is in memory: the next open reads the disk again.
    }
    for (const waiting of lost) waiting.reject(failure)
  }

  private foldInBackground(): void {
    if (this.folding) return
    const bytes = this.writer.bytes
    this.folding = runFold(this.dataDir, this.clock.device)
      .then(() => {
        this.bytesAtFold = bytes
      })
      .catch(() => undefined)
      .finally(() => {
        this.folding = null
      })
  }

  refresh(): Promise<number> {
    if (this.closing) return Promise.resolve(0)
    return this.watch.refresh()
  }

  textVersions(key: string): TextView | undefined {
    return textVersionsOf(this.state, key)
  }

  syncStatus(): SyncStatus {
    return this.watch.status()
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown()
    return this.closing
  }

  private async shutDown(): Promise<void> {
    clearInterval(this.timer)
    try {
      while (this.flushing) await this.flushing
      while (this.folding) await this.folding
      if (this.changed) {
        // What is in memory is exactly what the logs read so far hold.
        const offsets = {
          ...this.watch.offsets(),
          [`${this.clock.device}.jsonl`]: this.writer.bytes,
        }
        await writeFileDurably(this.path, snapshotText(this.state, offsets), this.fs)
        await backupDataFile(this.path, this.dataDir, this.fs)
      }
      await rememberLogBytes(this.deviceState, this.writer.bytes)
    } finally {
      await this.writer.close().catch(() => undefined)
      await this.lock.release()
    }
  }
}
