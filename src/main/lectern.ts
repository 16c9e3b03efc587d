/** Opens Lectern's services for one process: the app, the CLI or a test host. */
import type { Handlers } from '../shared/contract'
import { createHandlers, linkInbox, type Services } from './handlers'
import { createAnnotationService } from './services/annotations/annotationService'
import { noDesktop, type Desktop } from './services/desktop'
import { createExportService } from './services/export/exportService'
import { ImportService } from './services/import/importService'
import { createLibraryImport, type LibraryImport } from './services/import/libraryImport'
import { joinLibraries, loadArticleLibrary } from './services/library/articleLibrary'
import { openImportedLibrary, TRASH_DAYS } from './services/library/importedLibrary'
import { createLibrarySearch } from './services/search/librarySearch'
import { createSettingsService } from './services/settings/settingsService'
import { openUserStore, type UserStore } from './services/store/userStore'
import {
  afterAnnotationChanges,
  openVaultController,
  type VaultController,
} from './services/vault/vaultController'

export interface LecternOptions {
  seedsDir: string
  dataDir: string
  version: string
  /** Read the user's data without taking the writer's lock (for CLI commands that only read). */
  readOnly?: boolean
  /** This computer's own state (device id, lock); default `--state-dir`/`LECTERN_STATE_DIR`/platform. */
  stateDir?: string
  /** Merge other computers' changes from the data folder this often (ms); 0 or absent: at open. */
  refreshEvery?: number
  /** File dialogs and clipboard (the app's, or a test's); none for the CLI. */
  desktop?: Desktop
  /**
   * Keep the vault folder the reader chose (remembered in the data folder) up to date after
   * every change. For the app; never with `readOnly`.
   */
  vault?: boolean
}

export interface Lectern extends Services {
  handlers: Handlers
  /** The user store: its sync status, for `lectern sync-status`. */
  store: UserStore
  /** Vault sync, when opened with `vault: true`. */
  vault?: VaultController
  /** Waits for pending writes and releases the data folder. */
  close(): Promise<void>
}

export async function openLectern(options: LecternOptions): Promise<Lectern> {
  const {
    readOnly,
    desktop = noDesktop,
    vault: withVault,
    stateDir,
    refreshEvery,
    ...info
  } = options
  // The store first: its lock says whether this process may write the data folder at all.
  const store = await openUserStore(options.dataDir, {
    readOnly,
    ...(stateDir ? { stateDir } : {}),
    ...(refreshEvery ? { refreshEvery } : {}),
  })
  let closeLibrary = async (): Promise<void> => {}
  let extractor: ImportService | undefined
  const closeAll = async (): Promise<void> => {
    try {
      await extractor?.close()
      await closeLibrary()
    } finally {
      await store.close()
    }
  }
  let services: Services
  try {
    const [bundled, imported] = await Promise.all([
      loadArticleLibrary(options.seedsDir),
      openImportedLibrary(options.dataDir, { readOnly }),
    ])
    closeLibrary = () => imported.close()
    for (const problem of imported.problems) console.warn(`Lectern: ${problem}`)
    const library = joinLibraries(bundled, imported)
    const inTrash = (id: string): boolean => Boolean(imported.entry(id)?.deleted)
    const annotations = createAnnotationService({ store, library, inTrash })
    if (!readOnly) await purgeOldTrash(imported, annotations)
    const search = createLibrarySearch(library, annotations, { dataDir: options.dataDir, readOnly })
    const closeImported = closeLibrary
    closeLibrary = () => search.close().finally(closeImported)
    const exporter = createExportService({ library, annotations, store })
    const settings = createSettingsService(store)
    let importer: LibraryImport | undefined
    // Its worker pool starts with the first page it reads.
    const reader = (extractor = new ImportService())
    services = {
      ...info,
      library,
      imported,
      importer: () =>
        (importer ??= createLibraryImport({
          extractor: reader,
          library: imported,
          annotations,
        })),
      importExtensions: reader.extensions,
      annotations,
      settings,
      search,
      exporter,
      desktop,
      links: linkInbox(),
    }
  } catch (error) {
    await closeAll()
    throw error
  }
  const handlers = createHandlers(services)
  if (!withVault || readOnly) return { ...services, store, handlers, close: closeAll }
  let vault: VaultController
  try {
    vault = await openVaultController({ dataDir: options.dataDir, exporter: services.exporter })
    // The handlers read it when called: vault calls answer from here on.
    services.vault = vault
  } catch (error) {
    await closeAll()
    throw error
  }
  return {
    ...services,
    store,
    vault,
    handlers: afterAnnotationChanges(handlers, () => services.annotations.revision, vault.changed),
    async close() {
      try {
        await vault.close()
      } finally {
        await closeAll()
      }
    },
  }
}

/** Articles removed more than `TRASH_DAYS` ago go for good, with their bookmarks and notes. */
async function purgeOldTrash(
  imported: Awaited<ReturnType<typeof openImportedLibrary>>,
  annotations: Services['annotations'],
): Promise<void> {
  const cutoff = new Date(Date.now() - TRASH_DAYS * 86_400_000).toISOString()
  for (const article of imported.trash()) {
    if (article.deleted >= cutoff) continue
    await annotations.purgeArticle(article.id)
    await imported.purge(article.id)
  }
}
