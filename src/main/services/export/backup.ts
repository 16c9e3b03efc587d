/**
 * The lossless JSON backup of all user data, and restoring one into a library that may
 * already hold data: matched by id, nothing lost, nothing duplicated, and a report of it all.
 */
import { z } from 'zod'
import { LecternError } from '../../../shared/reply'
import { isDefaultSettings } from '../../../shared/settings'
import { DEFAULT_PALETTE, type Annotation, type Palette } from '../../../shared/types'
import { migrate, type StoreData } from '../store/schema'

export const BACKUP_FORMAT = 'lectern-backup'

export interface BackupFile {
  format: typeof BACKUP_FORMAT
  exported: string
  data: StoreData
}

export interface RestoreReport {
  /** Items that were not in the library. */
  added: number
  /** Items that were, and whose copy in the backup is newer. */
  updated: number
  /** Items already in the library as they are in the backup, or newer there. */
  unchanged: number
  /** Colour names, reading positions and the reader's settings taken from the backup. */
  settings: number
}

const envelope = z.object({
  format: z.literal(BACKUP_FORMAT),
  exported: z.string(),
  data: z.unknown(),
})

export function makeBackup(data: StoreData, exported: string): BackupFile {
  return { format: BACKUP_FORMAT, exported, data: structuredClone(data) }
}

/** Reads a backup file's JSON; any earlier data version is migrated. */
export function readBackup(json: string): StoreData {
  let raw: unknown
  try {
    raw = JSON.parse(json)
  } catch {
    throw new LecternError(
      'invalid-argument',
      'This is not a Lectern backup: it is not valid JSON.',
    )
  }
  const parsed = envelope.safeParse(raw)
  if (!parsed.success)
    throw new LecternError('invalid-argument', 'This is not a Lectern backup file.')
  try {
    return migrate(parsed.data.data)
  } catch (err) {
    throw new LecternError(
      'invalid-argument',
      `The backup's data cannot be read: ${(err as Error).message}`,
    )
  }
}

/** Milliseconds since the epoch: ISO times may carry offsets, so their text does not sort. */
const time = (iso: string | undefined): number => (iso ? Date.parse(iso) : Number.NEGATIVE_INFINITY)

/** When an item was last touched: edited, or moved to the trash. */
const touched = (a: Annotation): number => Math.max(time(a.modified), time(a.deleted))

function mergeItems<T extends Annotation>(
  current: T[],
  incoming: readonly T[],
  report: RestoreReport,
): T[] {
  const at = new Map(current.map((item, i) => [item.id, i]))
  const merged = [...current]
  for (const item of incoming) {
    const i = at.get(item.id)
    if (i === undefined) {
      at.set(item.id, merged.length)
      merged.push(structuredClone(item))
      report.added++
    } else if (touched(item) > touched(merged[i] as T)) {
      merged[i] = structuredClone(item)
      report.updated++
    } else report.unchanged++
  }
  return merged
}

/** Merges a backup into the current data, in place. */
export function restoreInto(data: StoreData, backup: StoreData): RestoreReport {
  const report: RestoreReport = { added: 0, updated: 0, unchanged: 0, settings: 0 }
  data.bookmarks = mergeItems(data.bookmarks, backup.bookmarks, report)
  data.notes = mergeItems(data.notes, backup.notes, report)
  // Colour names the reader has not changed here are taken from the backup.
  const palette: Palette = { ...data.palette }
  for (const color of Object.keys(palette) as (keyof Palette)[]) {
    const unchanged = palette[color].name === DEFAULT_PALETTE[color].name
    if (unchanged && backup.palette[color].name !== palette[color].name) {
      palette[color] = { ...backup.palette[color] }
      report.settings++
    }
  }
  data.palette = palette
  for (const [id, reading] of Object.entries(backup.reading.articles)) {
    const mine = data.reading.articles[id]
    if (!mine || time(reading.updated) > time(mine.updated)) {
      data.reading.articles[id] = { ...reading }
      report.settings++
    }
  }
  data.reading.lastArticleId ??= backup.reading.lastArticleId
  // Like colour names: settings the reader has not changed here are taken from the backup.
  if (isDefaultSettings(data.settings) && !isDefaultSettings(backup.settings)) {
    data.settings = structuredClone(backup.settings)
    report.settings++
  }
  return report
}
