/** Opens Lectern's services for one process: the app, the CLI or a test host. */
import type { Handlers } from '../shared/contract'
import { createHandlers, type Services } from './handlers'
import { createAnnotationService } from './services/annotations/annotationService'
import { noDesktop, type Desktop } from './services/desktop'
import { createExportService } from './services/export/exportService'
import { loadArticleLibrary } from './services/library/articleLibrary'
import { createLibrarySearch } from './services/search/librarySearch'
import { createSettingsService } from './services/settings/settingsService'
import { openUserStore } from './services/store/userStore'
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
  /** Vault sync, when opened with `vault: true`. */
  vault?: VaultController
  /** Waits for pending writes and releases the data folder. */
  close(): Promise<void>
}

export async function openLectern(options: LecternOptions): Promise<Lectern> {
  const { readOnly, desktop = noDesktop, vault: withVault, ...info } = options
  const [library, store] = await Promise.all([
    loadArticleLibrary(options.seedsDir),
    openUserStore(options.dataDir, { readOnly }),
  ])
  const annotations = createAnnotationService({ store, library })
  const search = createLibrarySearch(library, annotations)
  const exporter = createExportService({ library, annotations, store })
  const settings = createSettingsService(store)
  const services: Services = { ...info, library, annotations, settings, search, exporter, desktop }
  const handlers = createHandlers(services)
  if (!withVault || readOnly) return { ...services, handlers, close: () => store.close() }
  let vault: VaultController
  try {
    vault = await openVaultController({ dataDir: options.dataDir, exporter })
  } catch (error) {
    await store.close()
    throw error
  }
  return {
    ...services,
    vault,
    handlers: afterAnnotationChanges(handlers, () => annotations.revision, vault.changed),
    async close() {
      try {
        await vault.close()
      } finally {
        await store.close()
      }
    },
  }
}
