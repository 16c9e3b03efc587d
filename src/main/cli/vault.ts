/**
 * `lectern vault sync DIR [--watch]` and `lectern vault resolve DIR ARTICLE CHOICE`: the vault
 * sync of the app, for people who script it. Lectern's data is only read, so this runs beside
 * the app; `--watch` follows the data file and syncs after each change until interrupted.
 */
import { watch } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import type { Lectern } from '../lectern'
import { DATA_FILE } from '../services/store/userStore'
import {
  openVaultSync,
  type ConflictChoice,
  type SyncReport,
  type VaultExporter,
  type VaultSync,
} from '../services/vault/vaultSync'

export const CHOICES: readonly ConflictChoice[] = ['overwrite', 'keep-theirs', 'write-beside']

export function printReport(folder: string, report: SyncReport): string {
  const { written, trashed, unchanged, conflicts } = report
  const lines = [
    `Synced ${folder}: ${written.length} written, ${trashed.length} moved to the trash, ${unchanged} unchanged.`,
  ]
  for (const c of conflicts) {
    const what =
      c.kind === 'removed'
        ? 'was removed outside Lectern'
        : c.wants === 'trash'
          ? 'was changed outside Lectern, and its article has no notes now'
          : 'was changed outside Lectern'
    const held = c.held ? ' (kept as theirs)' : ''
    lines.push(
      `Conflict${held}: ${c.path} ${what}.`,
      `  Settle it with: lectern vault resolve ${JSON.stringify(folder)} ${c.articleId} ${c.choices.join('|')}`,
    )
  }
  return `${lines.join('\n')}\n`
}

export interface WatchOptions {
  folder: string
  dataDir: string
  /** Opens Lectern's data read-only, as it is now. */
  open: () => Promise<Lectern>
  timestamp?: boolean
  /** Quiet time after the data file changes before syncing. */
  debounceMs?: number
  signal: AbortSignal
  onReport: (report: SyncReport) => void
  onError: (error: Error) => void
}

/** Syncs now, then after every change to the data file, until `signal` aborts. */
export async function watchVault(options: WatchOptions): Promise<void> {
  const { folder, dataDir, open, signal, onReport, onError } = options
  // Watched before Lectern has ever written there, the folder must be there to be watched.
  await mkdir(dataDir, { recursive: true })
  let lectern = await open()
  // The vault keeps one exporter; it reads from whichever Lectern was opened last.
  const exporter: VaultExporter = {
    articlesWithNotes: () => lectern.exporter.articlesWithNotes(),
    render: (data, o) => lectern.exporter.render(data, o),
  }
  let vault: VaultSync
  try {
    vault = await openVaultSync({ folder, exporter, timestamp: options.timestamp })
  } catch (error) {
    await lectern.close()
    throw error
  }
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> = Promise.resolve()
  const reload = async (): Promise<void> => {
    const fresh = await open()
    const old = lectern
    lectern = fresh
    await old.close()
    onReport(await vault.sync())
  }
  const watcher = watch(dataDir, (_event, name) => {
    if (name !== null && name !== DATA_FILE) return
    clearTimeout(timer)
    timer = setTimeout(() => {
      running = running.then(reload).catch((error: unknown) => onError(error as Error))
    }, options.debounceMs ?? 300)
  })
  watcher.on('error', onError)
  try {
    onReport(await vault.sync())
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve()
      signal.addEventListener('abort', () => resolve(), { once: true })
    })
  } finally {
    watcher.close()
    clearTimeout(timer)
    await running
    await vault.close()
    await lectern.close()
  }
}
