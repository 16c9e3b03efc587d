/**
 * The app's side of vault sync: the folder the reader chose, remembered in the data folder
 * (`vault.json`, like the window's state: not part of the notes or their backups), synced
 * a moment after every change to bookmarks or notes.
 *
 * The folder is only ever set from a path main obtained itself (a folder dialog): the window
 * never names a path for main to write to.
 */
import { join } from 'node:path'
import { z } from 'zod'
import { errorMessage, readJsonFile, writeFileDurably } from '../store/durableFile'
import {
  openVaultSync,
  type ConflictChoice,
  type SyncReport,
  type VaultExporter,
  type VaultSync,
} from './vaultSync'

export const VAULT_SETTINGS_FILE = 'vault.json'

const settingsSchema = z.object({ folder: z.string().min(1).nullable() })

export type { VaultStatus } from '../../../shared/types'
import type { VaultStatus } from '../../../shared/types'

export interface VaultController {
  status(): VaultStatus
  /** Starts keeping `folder` up to date (syncing it at once), or stops with null. */
  setFolder(folder: string | null): Promise<VaultStatus>
  /** Bookmarks or notes changed: sync soon. */
  changed(): void
  resolve(articleId: string, choice: ConflictChoice): Promise<VaultStatus>
  close(): Promise<void>
}

export interface VaultControllerOptions {
  dataDir: string
  exporter: VaultExporter
  debounceMs?: number
  /** After every sync and failure: the window may want to say so. */
  onStatus?: (status: VaultStatus) => void
}

/** Opens the controller and, if a folder was chosen before, starts syncing it again. */
export async function openVaultController(
  options: VaultControllerOptions,
): Promise<VaultController> {
  const settingsPath = join(options.dataDir, VAULT_SETTINGS_FILE)
  let sync: VaultSync | null = null
  let last: SyncReport | null = null
  let error: string | null = null

  const status = (): VaultStatus => ({
    folder: sync?.folder ?? null,
    conflicts: sync?.conflicts() ?? [],
    last,
    error,
  })
  const tell = (): VaultStatus => {
    const now = status()
    options.onStatus?.(now)
    return now
  }
  const start = async (folder: string): Promise<void> => {
    sync = await openVaultSync({
      folder,
      exporter: options.exporter,
      debounceMs: options.debounceMs,
      onReport: (report) => {
        ;[last, error] = [report, null]
        tell()
      },
      onError: (e) => {
        error = e.message
        tell()
      },
    })
    try {
      ;[last, error] = [await sync.sync(), null]
    } catch (e) {
      error = errorMessage(e)
    }
  }

  let remembered: string | null = null
  try {
    const parsed = settingsSchema.safeParse(await readJsonFile(settingsPath))
    if (parsed.success) remembered = parsed.data.folder
  } catch {
    // An unreadable vault.json only means the folder has to be chosen again.
  }
  if (remembered) {
    try {
      await start(remembered)
    } catch (e) {
      // The folder is gone, or another Lectern has it: say so, and keep the choice.
      error = `Cannot keep ${remembered} up to date: ${errorMessage(e)}`
    }
  }

  return {
    status,
    async setFolder(folder) {
      const old = sync
      sync = null
      await old?.close()
      ;[last, error] = [null, null]
      if (folder) await start(folder)
      await writeFileDurably(settingsPath, `${JSON.stringify({ folder }, null, 2)}\n`)
      return tell()
    },
    changed() {
      sync?.changed()
    },
    async resolve(articleId, choice) {
      if (!sync) throw new Error('Vault sync is off.')
      last = await sync.resolve(articleId, choice)
      return tell()
    },
    async close() {
      await sync?.close()
      sync = null
    },
  }
}

/**
 * Wraps a handler table so that `changed` is called after any call that changed the reader's
 * bookmarks or notes (their revision moved), whichever call it was.
 */
export function afterAnnotationChanges<H extends Record<string, (args: never) => unknown>>(
  handlers: H,
  revision: () => number,
  changed: () => void,
): H {
  const wrapped = Object.entries(handlers).map(([name, handler]) => {
    const call = async (args: never): Promise<unknown> => {
      const before = revision()
      try {
        return await handler(args)
      } finally {
        if (revision() !== before) changed()
      }
    }
    return [name, call]
  })
  return Object.fromEntries(wrapped) as H
}
