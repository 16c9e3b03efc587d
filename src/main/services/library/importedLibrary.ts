/**
 * The reader's own articles, in the data folder:
 *
 *   library/articles/<id>/article.json   the normalised article (paragraphs, kinds, pictures)
 *   library/articles/<id>/original.<ext> the file as imported, for a better extractor later
 *   library/articles/<id>/images/…       its pictures
 *   library/trash/<id>/…                 removed articles, until restored or purged
 *   library/catalog.json                 every article's summary, so that opening reads one file
 *
 * The folders are the truth: an article's folder is written in `incoming/`, flushed, and
 * renamed into place in one step, so a crash leaves it whole or absent. The catalog is a
 * cache of their summaries, written after each change and checked against the folders on
 * open; one that is damaged is set aside and rebuilt, never trusted blindly.
 */
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import * as fsp from 'node:fs/promises'
import { join } from 'node:path'
import { LecternError } from '../../../shared/reply'
import type { Article, ArticleSummary, TrashedArticle } from '../../../shared/types'
import {
  errorCode,
  errorMessage,
  readJsonFile,
  syncDirectory,
  writeFileDurably,
} from '../store/durableFile'
import { DamagedFileError } from '../store/damagedFileError'
import { summaryOf, type ArticleLibrary, type LibraryChange } from './articleLibrary'

/** An imported article's id: its original file's content hash, so the same file is the same article everywhere. */
export const contentIdOf = (bytes: Uint8Array): string =>
  `a_${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`

export const IMPORTED_ID = /^a_[0-9a-f]{16}$/

/** Removed articles stay restorable this long, then go for good. */
export const TRASH_DAYS = 30

interface CatalogEntry {
  summary: ArticleSummary
  deleted?: string
}

interface Catalog {
  version: 1
  articles: CatalogEntry[]
}

/** What goes into a new article's folder besides `article.json`. */
export interface NewArticleFiles {
  /** The original file's extension (without the dot) and bytes. */
  original: { ext: string; bytes: Uint8Array }
  images: { file: string; bytes: Uint8Array }[]
}

export interface ImportedLibrary extends ArticleLibrary {
  /** The catalog entry for an id, live or in the trash. */
  entry(id: string): { summary: ArticleSummary; deleted?: string } | undefined
  /** Live articles that look like the same article saved again: same address or same title. */
  candidatesLike(article: Pick<ArticleSummary, 'url' | 'title'>): ArticleSummary[]
  add(article: Article, files: NewArticleFiles): Promise<void>
  remove(id: string): Promise<TrashedArticle>
  restore(id: string): Promise<ArticleSummary>
  /** Deletes a trashed article's folder for good. */
  purge(id: string): Promise<void>
  trash(): TrashedArticle[]
  /** A picture's bytes and type, read from the article's folder. */
  image(id: string, file: string): Promise<{ mime: string; bytes: Uint8Array }>
  /** Problems found on open (a damaged catalog or article), for the log. */
  readonly problems: string[]
  close(): Promise<void>
}

const CACHE_SIZE = 64
/** The names pictures are given in an article's folder. */
const PICTURE_FILE = /^images\/\d{1,5}\.(png|jpg|gif|webp|avif|svg|bmp)$/
const CATALOG_DELAY_MS = 250

export async function openImportedLibrary(
  dataDir: string,
  options: { now?: () => Date; readOnly?: boolean } = {},
): Promise<ImportedLibrary> {
  const now = options.now ?? (() => new Date())
  const root = join(dataDir, 'library')
  const articlesDir = join(root, 'articles')
  const trashDir = join(root, 'trash')
  const incomingDir = join(root, 'incoming')
  const catalogPath = join(root, 'catalog.json')
  const problems: string[] = []
  const folderOf = (id: string, deleted?: string): string =>
    join(deleted ? trashDir : articlesDir, id)

  if (!options.readOnly) {
    await Promise.all(
      [articlesDir, trashDir, incomingDir].map((d) => fsp.mkdir(d, { recursive: true })),
    )
    // A crash mid-import leaves a half-written folder here; it was never acknowledged.
    for (const name of await fsp.readdir(incomingDir))
      await fsp.rm(join(incomingDir, name), { recursive: true, force: true })
  }

  const entries = new Map<string, CatalogEntry>()
  let catalogDirty = false
  try {
    const raw = await readJsonFile(catalogPath)
    if (raw !== undefined) for (const e of parseCatalog(raw).articles) entries.set(e.summary.id, e)
  } catch (error) {
    if (!(error instanceof DamagedFileError)) throw error
    const aside = `${catalogPath}.damaged-${now().toISOString().replace(/[:.]/g, '-')}`
    if (!options.readOnly) await fsp.rename(catalogPath, aside).catch(() => undefined)
    problems.push(
      `The library catalog was ${error.problem}; it was set aside as ${aside} and rebuilt.`,
    )
    catalogDirty = true
  }

  // The folders are the truth: adopt what the catalog missed, drop what is no longer there.
  const onDisk = new Map<string, string | undefined>()
  for (const [dir, inTrash] of [
    [articlesDir, false],
    [trashDir, true],
  ] as const) {
    const names = await fsp.readdir(dir).catch((e: unknown) => {
      if (errorCode(e) === 'ENOENT') return [] as string[]
      throw e
    })
    for (const id of names.filter((n) => IMPORTED_ID.test(n))) {
      const known = entries.get(id)
      const deleted = inTrash ? (known?.deleted ?? (await mtimeOf(join(dir, id)))) : undefined
      onDisk.set(id, deleted)
    }
  }
  for (const id of entries.keys()) {
    if (!onDisk.has(id)) {
      entries.delete(id)
      catalogDirty = true
    }
  }
  for (const [id, deleted] of onDisk) {
    const known = entries.get(id)
    if (known && Boolean(known.deleted) === Boolean(deleted)) continue
    try {
      const article = readArticleFile(join(folderOf(id, deleted), 'article.json'), id)
      entries.set(id, { summary: summaryOf(article), ...(deleted ? { deleted } : {}) })
    } catch (error) {
      problems.push(
        `The imported article ${id} could not be read (${errorMessage(error)}); it is left where it is.`,
      )
      entries.delete(id)
    }
    catalogDirty = true
  }

  const cache = new Map<string, Article>()
  const listeners = new Set<(change: LibraryChange) => void>()
  let revision = 0
  let live: ArticleSummary[] | null = null
  let catalogTimer: NodeJS.Timeout | undefined
  let catalogWrite: Promise<void> = Promise.resolve()
  /** Changes run one at a time, in the order asked. */
  let queue: Promise<unknown> = Promise.resolve()

  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job)
    queue = run.catch(() => undefined)
    return run
  }

  const writeCatalog = (): Promise<void> => {
    clearTimeout(catalogTimer)
    catalogTimer = undefined
    if (!catalogDirty || options.readOnly) return catalogWrite
    catalogDirty = false
    const catalog: Catalog = { version: 1, articles: [...entries.values()] }
    const content = `${JSON.stringify(catalog)}\n`
    catalogWrite = catalogWrite
      .then(() => writeFileDurably(catalogPath, content))
      .catch((error: unknown) => {
        // The folders hold every article; the next open rebuilds what this write missed.
        catalogDirty = true
        problems.push(`The library catalog could not be saved: ${errorMessage(error)}`)
      })
    return catalogWrite
  }
  const catalogChanged = (change: LibraryChange): void => {
    catalogDirty = true
    live = null
    revision++
    catalogTimer ??= setTimeout(() => void writeCatalog(), CATALOG_DELAY_MS)
    for (const listener of listeners) listener(change)
  }
  if (catalogDirty && !options.readOnly) await writeCatalog()

  const liveEntry = (id: string): CatalogEntry => {
    const e = entries.get(id)
    if (!e || e.deleted) throw new LecternError('not-found', `No article with id "${id}".`)
    return e
  }

  const library: ImportedLibrary = {
    problems,
    get revision() {
      return revision
    },
    list() {
      live ??= [...entries.values()]
        .filter((e) => !e.deleted)
        .map((e) => e.summary)
        .sort((a, b) => (a.added ?? '').localeCompare(b.added ?? '') || a.id.localeCompare(b.id))
      return live
    },
    has: (id) => Boolean(entries.get(id) && !entries.get(id)?.deleted),
    entry: (id) => entries.get(id),
    get(id) {
      liveEntry(id)
      const cached = cache.get(id)
      if (cached) {
        cache.delete(id)
        cache.set(id, cached)
        return cached
      }
      // Synchronous, as placing bookmarks is: one small file, kept in a short cache.
      const article = readArticleFile(join(articlesDir, id, 'article.json'), id)
      cache.set(id, article)
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string)
      return article
    },
    *all() {
      for (const summary of library.list()) {
        const cached = cache.get(summary.id)
        yield cached ?? readArticleFile(join(articlesDir, summary.id, 'article.json'), summary.id)
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    candidatesLike({ url, title }) {
      const folded = foldTitle(title)
      return library
        .list()
        .filter(
          (s) => (url && s.url === url) || (folded.length > 0 && foldTitle(s.title) === folded),
        )
    },

    add: (article, files) =>
      serial(async () => {
        if (options.readOnly) throw new LecternError('forbidden', 'The library is open read-only.')
        if (entries.has(article.id))
          throw new LecternError('conflict', `Article ${article.id} is already in the library.`)
        // Only names Lectern gave: nothing written outside the article's own folder.
        for (const image of files.images)
          if (!PICTURE_FILE.test(image.file))
            throw new LecternError('invalid-argument', `Not a picture's name: "${image.file}".`)
        if (!/^[a-z0-9]{1,8}$/.test(files.original.ext))
          throw new LecternError(
            'invalid-argument',
            `Not a file extension: "${files.original.ext}".`,
          )
        const temp = join(incomingDir, `${article.id}.${randomBytes(4).toString('hex')}`)
        try {
          await fsp.mkdir(join(temp, 'images'), { recursive: true })
          await writeSynced(join(temp, `original.${files.original.ext}`), files.original.bytes)
          for (const image of files.images) await writeSynced(join(temp, image.file), image.bytes)
          await writeSynced(join(temp, 'article.json'), JSON.stringify(article))
          await syncDirectory(join(temp, 'images'))
          await syncDirectory(temp)
          await fsp.rename(temp, join(articlesDir, article.id))
          await syncDirectory(articlesDir)
        } catch (error) {
          await fsp.rm(temp, { recursive: true, force: true }).catch(() => undefined)
          throw error
        }
        entries.set(article.id, { summary: summaryOf(article) })
        cache.set(article.id, article)
        catalogChanged({ added: [article.id], removed: [] })
      }),

    remove: (id) =>
      serial(async () => {
        const entry = liveEntry(id)
        const deleted = now().toISOString()
        await moveFolder(join(articlesDir, id), join(trashDir, id))
        entry.deleted = deleted
        cache.delete(id)
        catalogChanged({ added: [], removed: [id] })
        return { ...entry.summary, deleted }
      }),

    restore: (id) =>
      serial(async () => {
        const entry = entries.get(id)
        if (!entry?.deleted) throw new LecternError('not-found', `No article "${id}" in the trash.`)
        await moveFolder(join(trashDir, id), join(articlesDir, id))
        delete entry.deleted
        catalogChanged({ added: [id], removed: [] })
        return entry.summary
      }),

    purge: (id) =>
      serial(async () => {
        const entry = entries.get(id)
        if (!entry?.deleted) throw new LecternError('not-found', `No article "${id}" in the trash.`)
        // Renamed out of the trash first, so a crash mid-delete leaves nothing half there.
        const doomed = join(incomingDir, `${id}.purge`)
        await fsp.rename(join(trashDir, id), doomed)
        await syncDirectory(trashDir)
        entries.delete(id)
        catalogDirty = true
        live = null
        revision++
        catalogTimer ??= setTimeout(() => void writeCatalog(), CATALOG_DELAY_MS)
        await fsp.rm(doomed, { recursive: true, force: true })
      }),

    trash() {
      return [...entries.values()]
        .filter((e): e is CatalogEntry & { deleted: string } => Boolean(e.deleted))
        .map((e) => ({ ...e.summary, deleted: e.deleted }))
        .sort((a, b) => b.deleted.localeCompare(a.deleted))
    },

    async image(id, file) {
      liveEntry(id)
      if (!PICTURE_FILE.test(file))
        throw new LecternError('not-found', `No picture "${file}" in article ${id}.`)
      const bytes = await fsp.readFile(join(articlesDir, id, file)).catch(() => {
        throw new LecternError('not-found', `No picture "${file}" in article ${id}.`)
      })
      return { mime: MIME[file.split('.').pop() as string] as string, bytes }
    },

    async close() {
      await queue
      await writeCatalog()
    },
  }
  return library
}

export const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  bmp: 'image/bmp',
}

/** A picture's real type from its first bytes (names and `data:` labels lie); undefined when it is not one. */
export function imageTypeOf(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 512))
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png'
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpg'
  if (head.subarray(0, 4).toString('latin1') === 'GIF8') return 'gif'
  if (
    head.subarray(0, 4).toString('latin1') === 'RIFF' &&
    head.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'webp'
  if (head.subarray(4, 12).toString('latin1') === 'ftypavif') return 'avif'
  if (head.subarray(0, 2).toString('latin1') === 'BM') return 'bmp'
  const text = head.toString('utf8').trimStart()
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg[^>]*>\s*)?<svg[\s>]/i.test(text))
    return 'svg'
  return undefined
}

const foldTitle = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

function parseCatalog(raw: unknown): Catalog {
  const c = raw as Partial<Catalog> | null
  if (!c || c.version !== 1 || !Array.isArray(c.articles))
    throw new DamagedFileError('not a library catalog of a version Lectern reads')
  for (const e of c.articles) {
    const s = (e as CatalogEntry | null)?.summary
    if (!s || typeof s.id !== 'string' || !IMPORTED_ID.test(s.id) || typeof s.title !== 'string')
      throw new DamagedFileError('misshapen (an entry without an article)')
  }
  return c as Catalog
}

function readArticleFile(path: string, id: string): Article {
  let article: Article
  try {
    article = JSON.parse(readFileSync(path, 'utf8')) as Article
  } catch (error) {
    throw new LecternError(
      'internal',
      `The article ${id} could not be read: ${errorMessage(error)}`,
    )
  }
  if (
    article?.id !== id ||
    !Array.isArray(article.paragraphs) ||
    typeof article.title !== 'string' ||
    !Array.isArray(article.headings)
  )
    throw new LecternError('internal', `The article ${id} is misshapen.`)
  return article
}

async function writeSynced(path: string, content: string | Uint8Array): Promise<void> {
  const handle = await fsp.open(path, 'wx')
  try {
    await handle.writeFile(content)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function moveFolder(from: string, to: string): Promise<void> {
  await fsp.rename(from, to)
  await syncDirectory(join(to, '..'))
  await syncDirectory(join(from, '..'))
}

async function mtimeOf(path: string): Promise<string> {
  return (await fsp.stat(path)).mtime.toISOString()
}
