/** Shared helpers for the store's tests: valid records, temporary folders, an observable fs. */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, type PathLike } from 'node:fs'
import * as fsp from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DurableFs } from '../../../../src/main/services/store/durableFile'
import { loadFolder } from '../../../../src/main/services/store/journal/loadFolder'
import {
  nodeLogFs,
  parseLogBytes,
  type LogFs,
} from '../../../../src/main/services/store/journal/logFile'
import type { LogRecord } from '../../../../src/main/services/store/journal/ops'
import { openUserStore, type UserStore } from '../../../../src/main/services/store/userStore'
import type { StoreData } from '../../../../src/main/services/store/schema'
import type { Bookmark, Note } from '../../../../src/shared/types'

export const FIXTURES = join(import.meta.dirname, '../../../fixtures/store')

const TEXT_HASH = createHash('sha256').update('An article.\n\nIts second paragraph.').digest('hex')

/** A valid bookmark whose id and times follow from `i`. */
export function makeBookmark(i: number, overrides: Partial<Bookmark> = {}): Bookmark {
  const at = new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString()
  return {
    id: `bm-${i}`,
    type: 'bookmark',
    articleId: '000_ba4c929e0bb2f9d7',
    color: 'yellow',
    tags: [],
    note: '',
    anchor: {
      quote: { exact: 'second paragraph', prefix: 'Its ', suffix: '.' },
      position: { paragraph: 1, start: 4, end: 20 },
      textHash: TEXT_HASH,
    },
    created: at,
    modified: at,
    ...overrides,
  }
}

export function makeNote(i: number, overrides: Partial<Note> = {}): Note {
  const at = new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString()
  return {
    id: `note-${i}`,
    type: 'note',
    articleId: '000_ba4c929e0bb2f9d7',
    text: `Note ${i}`,
    tags: ['draft'],
    created: at,
    modified: at,
    ...overrides,
  }
}

const made: string[] = []

/** A new empty folder under the system's temporary folder; see removeTempDirs. */
export async function makeTempDir(): Promise<string> {
  const dir = await fsp.mkdtemp(join(tmpdir(), 'lectern-store-'))
  made.push(dir)
  return dir
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => fsp.rm(dir, { recursive: true, force: true })))
}

export async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await fsp.readFile(path, 'utf8')) as unknown
}

export interface ObservedFs extends DurableFs {
  /** Completed renames onto the target: one per write of it. */
  writes: number
  /** When set, renames onto the target fail as on a full disk. */
  failWrites: boolean
  /** Holds renames onto the target until the returned function is called. */
  pause(): () => void
}

/** The real file operations, watched and steered for writes of `target`. */
export function observedFs(target: string): ObservedFs {
  let paused: Promise<void> | null = null
  const fs: ObservedFs = {
    writes: 0,
    failWrites: false,
    pause() {
      let resume = () => {}
      paused = new Promise((resolve) => (resume = resolve))
      return () => {
        paused = null
        resume()
      }
    },
    open: fsp.open,
    unlink: fsp.unlink,
    rename: async (from: PathLike, to: PathLike) => {
      if (String(to) === target) {
        await paused
        if (fs.failWrites) {
          const error = new Error(`ENOSPC: no space left on device, rename '${String(from)}'`)
          throw Object.assign(error, { code: 'ENOSPC' })
        }
        fs.writes++
      }
      return fsp.rename(from, to)
    },
  }
  return fs
}

/** The pid of a process that has exited: no process has it (barring reuse). */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
  await new Promise((resolve) => child.once('exit', resolve))
  if (child.pid === undefined) throw new Error('could not start a process')
  return child.pid
}

/** The data a fresh open of `dataDir` would see: the snapshot and every log, as on disk. */
export async function onDiskData(dataDir: string): Promise<StoreData> {
  return (await loadFolder(dataDir, '000000000000')).state.data
}

/** Every byte of the folder's data (snapshot and logs): equal when nothing was written. */
export async function folderBytes(dataDir: string): Promise<string> {
  const parts: string[] = []
  const read = (path: string): Promise<string> => fsp.readFile(path, 'utf8').catch(() => '')
  parts.push(await read(join(dataDir, 'lectern.json')))
  const journal = join(dataDir, 'journal')
  for (const name of (await fsp.readdir(journal).catch(() => [] as string[])).sort()) {
    parts.push(name, await read(join(journal, name)))
  }
  return parts.join('\n')
}

export interface ObservedLogFs extends LogFs {
  /** Appends flushed: one per write of the log. */
  writes: number
  /** When set, writes to the log fail as on a full disk. */
  failWrites: boolean
  /** Holds flushes until the returned function is called. */
  pause(): () => void
}

/** The real file operations of change logs, watched and steered. */
export function observedLogFs(): ObservedLogFs {
  let paused: Promise<void> | null = null
  const fs: ObservedLogFs = {
    writes: 0,
    failWrites: false,
    pause() {
      let resume = () => {}
      paused = new Promise((resolve) => (resume = resolve))
      return () => {
        paused = null
        resume()
      }
    },
    async open(path, flags) {
      const handle = await nodeLogFs.open(path, flags)
      let wrote = false
      return {
        write: async (buffer, offset, length, position) => {
          await paused
          if (fs.failWrites) {
            throw Object.assign(new Error(`ENOSPC: no space left on device, write`), {
              code: 'ENOSPC',
            })
          }
          wrote = true
          return handle.write(buffer, offset, length, position)
        },
        datasync: async () => {
          await handle.datasync()
          if (wrote) fs.writes++
          wrote = false
        },
        truncate: (length) => handle.truncate(length),
        close: () => handle.close(),
      }
    },
  }
  return fs
}

/** The records of every log in the folder, read synchronously (as at a promise's resolution). */
export function logRecordsSync(dataDir: string): LogRecord[] {
  const journal = join(dataDir, 'journal')
  return readdirSync(journal)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) => parseLogBytes(readFileSync(join(journal, name))).records)
}

/** Ids of the bookmarks or notes some log record creates. */
export function createdIds(records: LogRecord[], kind: 'b' | 'n'): string[] {
  return records.flatMap((r) =>
    r.o.flatMap((op) =>
      op.t === 'put' && op.e.startsWith(`${kind}:`) && op.f.type ? [op.e.slice(2)] : [],
    ),
  )
}

export interface OtherComputer {
  /** Its own copy of the data folder, as a sync tool delivered it, and its own state folder. */
  dataDir: string
  stateDir: string
  store: UserStore
  /** Copies its log into `dataDir` (the first computer's folder), as a sync tool would. */
  deliverTo(dataDir: string): Promise<void>
  close(): Promise<void>
}

/**
 * Another computer sharing `dataDir` through a sync tool: a copy of the folder as it is now
 * (snapshot and logs), opened with its own state folder, so it writes its own log.
 */
export async function anotherComputer(dataDir: string): Promise<OtherComputer> {
  const copy = await makeTempDir()
  const stateDir = await makeTempDir()
  await fsp.cp(dataDir, copy, { recursive: true })
  const store = await openUserStore(copy, { stateDir })
  return {
    dataDir: copy,
    stateDir,
    store,
    async deliverTo(target) {
      const name = `${store.device}.jsonl`
      await fsp.copyFile(join(copy, 'journal', name), join(target, 'journal', name))
    },
    close: () => store.close(),
  }
}
