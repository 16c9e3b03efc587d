/** The handler table: one function per contract call, built from Electron-free services. */
import { randomUUID } from 'node:crypto'
import { posix } from 'node:path'
import type { Handlers } from '../shared/contract'
import { LecternError } from '../shared/reply'
import type { AnnotationService } from './services/annotations/annotationService'
import type { Desktop } from './services/desktop'
import type { ExportService } from './services/export/exportService'
import { filesToImport, type LibraryImport } from './services/import/libraryImport'
import type { ArticleLibrary } from './services/library/articleLibrary'
import type { ImportedLibrary } from './services/library/importedLibrary'
import type { LibrarySearch } from './services/search/librarySearch'
import type { SettingsService } from './services/settings/settingsService'
import type { VaultController } from './services/vault/vaultController'
import type { LinkRoute, VaultStatus } from '../shared/types'

export interface Services {
  version: string
  dataDir: string
  /** Bundled and imported articles together. */
  library: ArticleLibrary
  /** The reader's own articles (in the data folder). */
  imported: ImportedLibrary
  /** Importing files into it; its worker pool starts on first use. */
  importer: () => LibraryImport
  /** The file extensions Lectern imports. */
  importExtensions: string[]
  annotations: AnnotationService
  settings: SettingsService
  /** Its indexes are built on first use, so start-up only does what the first paint needs. */
  search: LibrarySearch
  exporter: ExportService
  desktop: Desktop
  /** Vault sync, where this process keeps one (the app, the test host). */
  vault?: VaultController
  /** `lectern://` links the system asked to open, for the window to take. */
  links: LinkInbox
}

/** Links wait here from the moment they arrive until the window takes them. */
export interface LinkInbox {
  put(route: LinkRoute): void
  take(): LinkRoute | null
}

export function linkInbox(): LinkInbox {
  const waiting: LinkRoute[] = []
  return {
    put: (route) => void waiting.push(route),
    take: () => waiting.shift() ?? null,
  }
}

const NO_VAULT: VaultStatus = {
  folder: null,
  conflicts: [],
  last: null,
  error: 'Vault sync runs in the app.',
}

const today = (): string => new Date().toISOString().slice(0, 10)

/** Where a dropped file is imagined to be, so that its page's pictures resolve among its companions. */
const DROP_ROOT = '/dropped'
const dropPath = (name: string): string => posix.join(DROP_ROOT, name.replace(/\\/g, '/'))
/** File lists chosen in File ▸ Import are kept this many at a time (older ones are forgotten). */
const KEPT_CHOICES = 8

export function createHandlers(services: Services): Handlers {
  const { version, dataDir, library, annotations, settings, search, exporter, desktop } = services
  const { imported, importer } = services
  /** Files chosen in File ▸ Import: the renderer names them by token and index, never by path. */
  const choices = new Map<string, string[]>()
  return {
    getAppInfo: () => ({ version, dataDir, articleCount: library.list().length }),
    listArticles: () => library.list(),
    getArticle: ({ id }) => library.get(id),
    search: ({ query, limit }) => ({
      query,
      ...(query.trim() ? search.search(query, limit ?? 50) : { hits: [] }),
    }),

    async getArticleImage({ articleId, file }) {
      const { mime, bytes } = await imported.image(articleId, file)
      return { mime, data: Buffer.from(bytes).toString('base64') }
    },
    async chooseImport({ folder }) {
      const paths = await desktop.chooseImport({
        title: folder ? 'Import a folder of articles' : 'Import articles',
        folder: folder ?? false,
        extensions: services.importExtensions,
      })
      if (!paths) return { cancelled: true }
      const files = await filesToImport(paths, services.importExtensions)
      const token = randomUUID()
      choices.set(token, files)
      if (choices.size > KEPT_CHOICES) choices.delete(choices.keys().next().value as string)
      return {
        cancelled: false,
        token,
        files: files.map((path, index) => ({ index, name: path })),
      }
    },
    importChosen({ token, index, onSimilar }) {
      const path = choices.get(token)?.[index]
      if (!path) throw new LecternError('not-found', 'That file was not among those chosen.')
      return importer().importFile(path, onSimilar ? { onSimilar } : {})
    },
    importDropped({ name, data, resources, onSimilar }) {
      return importer().importSource(
        {
          file: name,
          bytes: Buffer.from(data, 'base64'),
          path: dropPath(name),
          resources: new Map(
            (resources ?? []).map((r) => [dropPath(r.name), Buffer.from(r.data, 'base64')]),
          ),
        },
        onSimilar ? { onSimilar } : {},
      )
    },
    removeArticle({ articleId }) {
      if (!imported.has(articleId))
        throw new LecternError(
          library.has(articleId) ? 'forbidden' : 'not-found',
          library.has(articleId)
            ? 'Articles that come with Lectern can be archived, not removed.'
            : `No article with id "${articleId}".`,
        )
      return imported.remove(articleId)
    },
    restoreArticle: ({ articleId }) => imported.restore(articleId),
    listRemovedArticles: () => imported.trash(),
    setReadingMark: ({ articleId, mark, on }) => annotations.setReadingMark(articleId, mark, on),

    getUserState: () => annotations.userState(),
    listAnnotations: ({ articleId }) => {
      if (articleId) library.get(articleId) // an unknown id is an error, not an empty list
      return annotations.list(articleId)
    },
    addBookmark: (input) => annotations.addBookmark(input),
    updateBookmark: (input) => annotations.updateBookmark(input),
    addNote: (input) => annotations.addNote(input),
    updateNote: (input) => annotations.updateNote(input),
    getConflict: ({ id }) => annotations.conflict(id),
    resolveConflict: ({ id, ...how }) => annotations.resolveConflict(id, how),
    deleteAnnotation: ({ id }) => annotations.remove(id),
    restoreAnnotation: ({ id }) => annotations.restore(id),
    purgeAnnotation: ({ id }) => annotations.purge(id),
    listTrash: () => annotations.trash(),
    async emptyTrash() {
      let { removed } = await annotations.emptyTrash()
      for (const article of imported.trash()) {
        removed += (await annotations.purgeArticle(article.id)).removed + 1
        await imported.purge(article.id)
      }
      return { removed }
    },
    renameColor: ({ color, name }) => annotations.renameColor(color, name),
    saveReading: ({ articleId, progress, paragraph }) =>
      annotations.saveReading(articleId, progress, paragraph),
    dismissRecovery: () => annotations.dismissRecovery(),
    getSettings: () => settings.get(),
    saveSettings: (change) => settings.save(change),

    async exportArticle({ articleId }) {
      const defaultName = exporter.fileNameFor(articleId)
      const file = await desktop.saveFile({
        title: 'Export notes as Markdown',
        defaultName,
        kind: 'markdown',
      })
      if (!file) return { cancelled: true }
      const { path, files } = await exporter.exportArticle(articleId, file)
      return { cancelled: false, path, files: files.length }
    },
    async exportLibrary({ single }) {
      const target = single
        ? await desktop.saveFile({
            title: 'Export all notes to one file',
            defaultName: `lectern-notes-${today()}.md`,
            kind: 'markdown',
          })
        : await desktop.chooseFolder({ title: 'Export all notes into a folder' })
      if (!target) return { cancelled: true }
      const { path, files } = await exporter.exportLibrary(
        single ? { file: target } : { folder: target },
      )
      return { cancelled: false, path, files: files.length }
    },
    copyArticleMarkdown({ articleId }) {
      const markdown = exporter.articleMarkdown(articleId)
      desktop.copyText(markdown)
      return { chars: markdown.length }
    },
    async exportBackup() {
      const file = await desktop.saveFile({
        title: 'Back up Lectern data',
        defaultName: `lectern-backup-${today()}.json`,
        kind: 'json',
      })
      if (!file) return { cancelled: true }
      const { path } = await exporter.backup(file)
      return { cancelled: false, path, files: 1 }
    },
    getVaultStatus: () => services.vault?.status() ?? NO_VAULT,
    async chooseVaultFolder({ stop }) {
      const vault = services.vault
      if (!vault) return NO_VAULT
      if (stop) return vault.setFolder(null)
      const folder = await desktop.chooseFolder({
        title: 'Keep notes in a folder (say, inside your Obsidian vault)',
      })
      return folder ? vault.setFolder(folder) : vault.status()
    },
    resolveVaultConflict: ({ articleId, choice }) =>
      services.vault ? services.vault.resolve(articleId, choice) : NO_VAULT,
    takeOpenedLink: () => services.links.take(),
    async importBackup() {
      const file = await desktop.openFile({ title: 'Restore a Lectern backup', kind: 'json' })
      if (!file) return { cancelled: true }
      return { cancelled: false, path: file, ...(await exporter.restore(file)) }
    },
  }
}
