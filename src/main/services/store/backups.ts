/**
 * Rolling copies of the data file in `<dataDir>/backups/`, named by time, the newest few kept:
 * what a damaged data file is restored from.
 */
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { errorCode, nodeFs, readJsonFile, writeFileDurably, type DurableFs } from './durableFile'
import { FILE_STAMP_PATTERN, fileStamp, parseFileStamp } from './fileStamp'
import { migrate, type StoreData } from './schema'

export const BACKUPS_DIR = 'backups'
export const BACKUPS_KEPT = 5

const BACKUP_NAME = new RegExp(`^lectern-(${FILE_STAMP_PATTERN})\\.json$`)

export function backupsDirOf(dataDir: string): string {
  return join(dataDir, BACKUPS_DIR)
}

/** The backup files, oldest first (their names sort in time order). */
export async function listBackups(dataDir: string): Promise<string[]> {
  const dir = backupsDirOf(dataDir)
  let names: string[]
  try {
    names = await readdir(dir)
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return []
    throw error
  }
  return names
    .filter((name) => BACKUP_NAME.test(name))
    .sort()
    .map((name) => join(dir, name))
}

/** A name later than every existing backup's, even if the clock has gone back. */
function nextBackupName(newest: string | undefined): string {
  let time = Date.now()
  const newestStamp = newest ? BACKUP_NAME.exec(basename(newest)) : null
  if (newestStamp?.[1]) time = Math.max(time, parseFileStamp(newestStamp[1]) + 1)
  return `lectern-${fileStamp(new Date(time))}.json`
}

/**
 * Copies the data file's bytes to a new backup, unless the newest backup holds the same bytes,
 * then deletes all but the newest few. Returns the new backup's path, or null if none was made.
 */
export async function backupDataFile(
  dataFile: string,
  dataDir: string,
  fs: DurableFs = nodeFs,
): Promise<string | null> {
  let content: Buffer
  try {
    content = await readFile(dataFile)
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null
    throw error
  }
  const existing = await listBackups(dataDir)
  const newest = existing.at(-1)
  if (newest && (await readFile(newest).catch(() => null))?.equals(content)) return null

  await mkdir(backupsDirOf(dataDir), { recursive: true })
  const path = join(backupsDirOf(dataDir), nextBackupName(newest))
  await writeFileDurably(path, content, fs)
  for (const old of [...existing, path].slice(0, -BACKUPS_KEPT)) {
    await unlink(old).catch(() => undefined)
  }
  return path
}

/** The newest backup that reads, parses and migrates, skipping damaged ones. */
export async function newestValidBackup(
  dataDir: string,
): Promise<{ path: string; data: StoreData } | null> {
  for (const path of (await listBackups(dataDir)).reverse()) {
    try {
      const raw = await readJsonFile(path)
      if (raw !== undefined) return { path, data: migrate(raw) }
    } catch {
      // Damaged too: try an older one.
    }
  }
  return null
}
