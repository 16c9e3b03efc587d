/**
 * Names in the data folder. Each computer appends to its own log, `journal/<device>.jsonl`;
 * sync tools may add copies of a log or of `lectern.json` when they see two versions of one
 * file. Those copies are read and merged like the originals, and never deleted.
 */
import { randomBytes } from 'node:crypto'

export const JOURNAL_DIR = 'journal'
export const LOG_SUFFIX = '.jsonl'
export const SNAPSHOT_STEM = 'lectern'

/** Device ids: 12 lower-case hex digits. */
export const DEVICE_PATTERN = '[0-9a-f]{12}'

export function newDeviceId(): string {
  return randomBytes(6).toString('hex')
}

/**
 * What sync tools add to a file's name when they keep two versions of it:
 * Syncthing `.sync-conflict-20261201-101010-ABCDEF1`, Dropbox ` (Ann's conflicted copy
 * 2026-12-01)`, Nextcloud ` (conflicted copy 2026-12-01 101010)`, iCloud and Finder ` 2`,
 * Windows and browsers ` (1)`, OneDrive `-LAPTOP` (the computer's name).
 */
const CONFLICT_SUFFIX = String.raw`(?:\.sync-conflict-\d{8}-\d{6}-[A-Za-z0-9]+|\s\([^()]*conflicted copy[^()]*\)(?:\s\(\d+\))?|\s\d+|\s\(\d+\)|-[A-Za-z0-9][A-Za-z0-9_-]*)`

const LOG_NAME = new RegExp(`^(${DEVICE_PATTERN})(${CONFLICT_SUFFIX})?\\.jsonl$`)
const SNAPSHOT_COPY = new RegExp(`^lectern${CONFLICT_SUFFIX}\\.json$`)

export interface LogName {
  device: string
  /** A sync tool's copy of the device's log, not the log itself. */
  copy: boolean
}

export function parseLogName(name: string): LogName | null {
  const match = LOG_NAME.exec(name)
  if (!match) return null
  return { device: match[1] as string, copy: match[2] !== undefined }
}

export const logNameOf = (device: string): string => `${device}${LOG_SUFFIX}`

/** A sync tool's copy of `lectern.json`. */
export function isSnapshotCopy(name: string): boolean {
  return SNAPSHOT_COPY.test(name)
}
