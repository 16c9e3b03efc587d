/** The handler table: one function per contract call, built from Electron-free services. */
import type { Handlers } from '../shared/contract'
import type { AnnotationService } from './services/annotations/annotationService'
import type { Desktop } from './services/desktop'
import type { ExportService } from './services/export/exportService'
import type { ArticleLibrary } from './services/library/articleLibrary'
import type { LibrarySearch } from './services/search/librarySearch'
import type { SettingsService } from './services/settings/settingsService'

export interface Services {
  version: string
  dataDir: string
  library: ArticleLibrary
  annotations: AnnotationService
  settings: SettingsService
  /** Its indexes are built on first use, so start-up only does what the first paint needs. */
  search: LibrarySearch
  exporter: ExportService
  desktop: Desktop
}

const today = (): string => new Date().toISOString().slice(0, 10)

export function createHandlers(services: Services): Handlers {
  const { version, dataDir, library, annotations, settings, search, exporter, desktop } = services
  return {
    getAppInfo: () => ({ version, dataDir, articleCount: library.list().length }),
    listArticles: () => library.list(),
    getArticle: ({ id }) => library.get(id),
    search: ({ query, limit }) => ({
      query,
      ...(query.trim() ? search.search(query, limit ?? 50) : { hits: [] }),
    }),

    getUserState: () => annotations.userState(),
    listAnnotations: ({ articleId }) => {
      if (articleId) library.get(articleId) // an unknown id is an error, not an empty list
      return annotations.list(articleId)
    },
    addBookmark: (input) => annotations.addBookmark(input),
    updateBookmark: (input) => annotations.updateBookmark(input),
    addNote: (input) => annotations.addNote(input),
    updateNote: (input) => annotations.updateNote(input),
    deleteAnnotation: ({ id }) => annotations.remove(id),
    restoreAnnotation: ({ id }) => annotations.restore(id),
    purgeAnnotation: ({ id }) => annotations.purge(id),
    listTrash: () => annotations.trash(),
    emptyTrash: () => annotations.emptyTrash(),
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
    async importBackup() {
      const file = await desktop.openFile({ title: 'Restore a Lectern backup', kind: 'json' })
      if (!file) return { cancelled: true }
      return { cancelled: false, path: file, ...(await exporter.restore(file)) }
    },
  }
}
