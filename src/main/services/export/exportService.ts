/** Writing the reader's notes out: Markdown per article or in one file, and JSON backups. */
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { LecternError } from '../../../shared/reply'
import type { AnnotationService } from '../annotations/annotationService'
import type { ArticleLibrary } from '../library/articleLibrary'
import { writeFileDurably } from '../store/durableFile'
import type { UserStore } from '../store/userStore'
import { lecternLink } from '../links/lecternLink'
import { makeBackup, readBackup, restoreInto, type RestoreReport } from './backup'
import { exportFileNames } from './fileNames'
import { articleMarkdown, libraryMarkdown, type ArticleExport } from './toMarkdown'

export interface ExportOptions {
  /**
   * Write the time of the export into the front matter. Off by default, so that exporting
   * the same data again gives the same bytes and leaves files (and a vault's sync) alone.
   */
  timestamp?: boolean
}

export interface Written {
  path: string
  files: string[]
}

export interface ExportService {
  /** One article's Markdown (for copying). */
  articleMarkdown(articleId: string, options?: ExportOptions): string
  /** The file name an article's export gets. */
  fileNameFor(articleId: string): string
  exportArticle(articleId: string, file: string, options?: ExportOptions): Promise<Written>
  /** Every article with bookmarks or notes, for writing them out. */
  articlesWithNotes(): ArticleExport[]
  /** Markdown for an article's export, as written into files. */
  render(data: ArticleExport, options?: ExportOptions): string
  /** Every article with bookmarks or notes: one file each into `folder`, or all into `file`. */
  exportLibrary(
    target: { folder: string } | { file: string },
    options?: ExportOptions,
  ): Promise<Written>
  backup(file: string): Promise<Written>
  restore(file: string): Promise<RestoreReport>
}

export interface ExportDeps {
  library: ArticleLibrary
  annotations: AnnotationService
  store: UserStore
  now?: () => string
}

/**
 * Files in `folder` that would take an article's name but are not an export of that article
 * (the reader's own note of the same title, say): those names are given to no article, so
 * exporting never replaces them.
 */
async function othersFiles(folder: string, articles: readonly ArticleExport[]): Promise<string[]> {
  const plain = exportFileNames(articles.map((a) => a.article))
  const others: string[] = []
  for (const a of articles) {
    const name = plain.get(a.article.id) as string
    let text: string
    try {
      text = await readFile(join(folder, name), 'utf8')
    } catch {
      continue
    }
    const mark = `\nlectern: ${lecternLink({ articleId: a.article.id })}\n`
    if (!text.startsWith('---\n') || !text.includes(mark)) others.push(name)
  }
  return others
}

export function createExportService({
  library,
  annotations,
  store,
  now = () => new Date().toISOString(),
}: ExportDeps): ExportService {
  const exportOf = (articleId: string): ArticleExport => {
    const article = library.get(articleId)
    const { bookmarks, notes } = annotations.list(articleId)
    return { article, bookmarks, notes }
  }
  const withNotes = (): ArticleExport[] =>
    library
      .list()
      .map((a) => exportOf(a.id))
      .filter((e) => e.bookmarks.length + e.notes.length > 0)
  const options = (o: ExportOptions = {}) => ({
    palette: annotations.userState().palette,
    exported: o.timestamp ? now() : undefined,
  })
  const write = async (path: string, content: string): Promise<void> => {
    try {
      await writeFileDurably(path, content)
    } catch (err) {
      throw new LecternError('internal', `Could not write ${path}: ${(err as Error).message}`)
    }
  }
  const fileNameFor = (articleId: string): string => {
    const article = library.get(articleId)
    return exportFileNames([article]).get(article.id) as string
  }

  return {
    articleMarkdown: (articleId, o) => articleMarkdown(exportOf(articleId), options(o)),
    fileNameFor,
    articlesWithNotes: withNotes,
    render: (data, o) => articleMarkdown(data, options(o)),

    async exportArticle(articleId, file, o) {
      await write(file, articleMarkdown(exportOf(articleId), options(o)))
      return { path: file, files: [file] }
    },

    async exportLibrary(target, o) {
      const articles = withNotes()
      const opts = options(o)
      if ('file' in target) {
        await write(target.file, libraryMarkdown(articles, opts))
        return { path: target.file, files: [target.file] }
      }
      try {
        await mkdir(target.folder, { recursive: true })
      } catch (err) {
        throw new LecternError(
          'invalid-argument',
          `Cannot export into ${target.folder}: ${(err as Error).message}`,
        )
      }
      const names = exportFileNames(
        articles.map((a) => a.article),
        { taken: await othersFiles(target.folder, articles) },
      )
      const files: string[] = []
      for (const a of articles) {
        const path = join(target.folder, names.get(a.article.id) as string)
        await write(path, articleMarkdown(a, opts))
        files.push(path)
      }
      return { path: target.folder, files }
    },

    async backup(file) {
      await write(file, `${JSON.stringify(makeBackup(store.data, now()), null, 2)}\n`)
      return { path: file, files: [file] }
    },

    async restore(file) {
      let json: string
      try {
        json = await readFile(file, 'utf8')
      } catch (err) {
        throw new LecternError('not-found', `Could not read ${file}: ${(err as Error).message}`)
      }
      const incoming = readBackup(json)
      return annotations.apply((data) => restoreInto(data, incoming))
    },
  }
}
