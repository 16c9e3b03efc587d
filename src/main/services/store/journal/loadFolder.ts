/**
 * Reads a data folder into one merged state: the snapshot, any copies of it a sync tool made,
 * and every log (each from where the snapshot's fold of it ends, copies from their start).
 * Pure reading: the app's open and the fold both use it, so they agree on what the folder says.
 */
import { open, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { errorCode, errorMessage, readJsonFile } from '../durableFile'
import { emptyStoreData } from '../schema'
import { readLog, type LogRead } from './logFile'
import { isSnapshotCopy, JOURNAL_DIR, parseLogName, SNAPSHOT_STEM } from './folder'
import type { LogRecord } from './ops'
import { stateOfSnapshot } from './snapshot'
import { JournalState } from './state'

/** What was read of one log file. */
export interface LogSeen {
  name: string
  device: string
  copy: boolean
  /** Records applied from it (past the snapshot's fold). */
  records: number
  /** Bytes read as whole records, and the file's size. */
  end: number
  size: number
  stopped: LogRead['stopped']
  /** The computer's name, from the first record of its log, when read. */
  deviceName?: string
  /** The latest clock seen in it. */
  latest?: string
}

export interface LoadedFolder {
  state: JournalState
  /** Per log file (not copies): how far it was read, as whole records. */
  offsets: Record<string, number>
  logs: LogSeen[]
  snapshotCopies: string[]
  migratedFrom: number | null
  /** Whether `lectern.json` existed. */
  hadSnapshot: boolean
  problems: string[]
}

export const SNAPSHOT_FILE = `${SNAPSHOT_STEM}.json`

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort()
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return []
    throw error
  }
}

/** Reads the folder; a damaged `lectern.json` throws DamagedFileError (the caller recovers). */
export async function loadFolder(
  dataDir: string,
  device: string,
  observe: (record: LogRecord) => void = () => undefined,
): Promise<LoadedFolder> {
  const raw = await readJsonFile(join(dataDir, SNAPSHOT_FILE))
  const loaded =
    raw === undefined
      ? { state: new JournalState(emptyStoreData()), folded: {}, migratedFrom: null }
      : stateOfSnapshot(raw, device)
  const { state } = loaded
  const problems: string[] = []
  const snapshotCopies: string[] = []
  for (const name of (await listDir(dataDir)).filter(isSnapshotCopy)) {
    snapshotCopies.push(name)
    try {
      const copyRaw = await readJsonFile(join(dataDir, name))
      if (copyRaw === undefined) continue
      const copy = stateOfSnapshot(copyRaw, device).state
      for (const [key, entity] of copy.entities) state.join(key, entity)
      if (copy.latest > state.latest) state.latest = copy.latest
    } catch (error) {
      problems.push(`${name} could not be merged: ${errorMessage(error)}`)
    }
  }
  const offsets: Record<string, number> = {}
  const logs: LogSeen[] = []
  const journal = join(dataDir, JOURNAL_DIR)
  for (const name of await listDir(journal)) {
    const parsedName = parseLogName(name)
    if (!parsedName) continue
    const seen = await readLogFrom(
      join(journal, name),
      parsedName.copy ? 0 : (loaded.folded[name] ?? 0),
    )
    for (const record of seen.records) {
      observe(record)
      state.apply(record, false)
    }
    const first = seen.records[0]?.o[0]
    logs.push({
      name,
      device: parsedName.device,
      copy: parsedName.copy,
      records: seen.records.length,
      end: seen.end,
      size: seen.size,
      stopped: seen.stopped,
      ...(first?.t === 'device' ? { deviceName: first.name } : {}),
      ...(seen.records.length ? { latest: seen.records.at(-1)?.h } : {}),
    })
    if (!parsedName.copy) offsets[name] = seen.end
  }
  return {
    state,
    offsets,
    logs,
    snapshotCopies,
    migratedFrom: loaded.migratedFrom,
    hadSnapshot: raw !== undefined,
    problems,
  }
}

/**
 * Reads from `from`, the end of the records a snapshot holds; from the start instead when that
 * is not a record boundary (a log replaced under the snapshot): records apply twice harmlessly.
 */
export async function readLogFrom(path: string, from: number): Promise<LogRead> {
  return readLog(path, from > 0 && (await isRecordStart(path, from)) ? from : 0)
}

async function isRecordStart(path: string, at: number): Promise<boolean> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false
    throw error
  }
  try {
    const byte = Buffer.alloc(1)
    const { bytesRead } = await handle.read(byte, 0, 1, at - 1)
    return bytesRead === 1 && byte[0] === 0x0a
  } finally {
    await handle.close()
  }
}
