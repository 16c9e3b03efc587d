/**
 * The second half of an import: an extracted article into the library, with its pictures
 * and original file, once and only once. The same file again is recognised by its content
 * id; the same article saved again (same address, or same title and nearly the same text)
 * is recognised by comparing, and the caller decides: ask, keep both, or replace (the old
 * one goes to the trash and its bookmarks and notes move to the new one).
 */
import { readFile, readdir, stat } from 'node:fs/promises'
import { basename, extname, isAbsolute, join } from 'node:path'
import type { Article, ArticleSummary, FileImport, OnSimilar } from '../../../shared/types'
import { articleFromExtract, type PendingImage } from '../library/articleFromExtract'
import { contentIdOf, imageTypeOf, type ImportedLibrary } from '../library/importedLibrary'
import { MAX_EMBEDDED_IMAGE_BYTES } from './html/images'
import type { AnnotationService } from '../annotations/annotationService'
import type { Archive } from './archives/archive'
import type { ImportService } from './importService'
import { ImportError } from './types'

/** One file to import: its bytes, and where its pictures are. */
export interface ImportSource {
  /** Shown in results: the path or the name as the reader knows it. */
  file: string
  bytes: Uint8Array
  /** A real path on disk (pictures beside it are read from there), or one under a made-up root. */
  path?: string
  /** For a drop: the files that came with it, by the same made-up absolute paths. */
  resources?: ReadonlyMap<string, Uint8Array>
  url?: string
}

export interface ArticleMover {
  /** Moves bookmarks, notes and reading state from one article to another. */
  moveArticle(from: string, to: string): Promise<void>
  /** For exports that carry highlights and reading state (see AnnotationService). */
  importBookmark?: AnnotationService['importBookmark']
  importReading?: AnnotationService['importReading']
}

/** Two saves of one article share nearly all their word triples. */
export const SIMILAR_TEXT = 0.8

export function createLibraryImport(deps: {
  extractor: ImportService
  library: ImportedLibrary
  annotations?: ArticleMover
  now?: () => Date
}) {
  const { extractor, library, annotations } = deps
  const now = deps.now ?? (() => new Date())

  const lookalike = (article: Article): ArticleSummary | undefined => {
    for (const candidate of library.candidatesLike(article)) {
      if (article.url && candidate.url === article.url) return candidate
      try {
        const text = library.get(candidate.id).paragraphs
        if (similarity(text, article.paragraphs) >= SIMILAR_TEXT) return candidate
      } catch {
        // An article that cannot be read is not a duplicate of anything.
      }
    }
    return undefined
  }

  /**
   * Each article of an export, once and only once, with its reading state and highlights;
   * one that fails is named and the rest go on. Highlights that cannot be placed are kept as
   * orphaned bookmarks and listed.
   */
  async function importArchive(file: string, archive: Archive): Promise<FileImport> {
    const items: FileImport[] = []
    const orphans: NonNullable<FileImport['orphans']> = []
    let placed = 0
    for (const item of archive.items) {
      const name = `${file} › ${item.key}`
      try {
        const id = contentIdOf(item.original.bytes)
        const known = library.entry(id)
        if (known) {
          items.push({
            file: name,
            status: 'duplicate',
            articleId: id,
            title: known.summary.title,
            message: known.deleted
              ? `in the trash as “${known.summary.title}”`
              : `already in the library as “${known.summary.title}”`,
          })
          continue
        }
        const { article, images } = articleFromExtract(
          id,
          item.extracted,
          item.added ?? now().toISOString(),
        )
        if (article.paragraphs.length === 0)
          throw new ImportError('empty: no text to read', 'empty')
        const pictures = await readPictures(
          images,
          { file, bytes: item.original.bytes },
          item.extracted.files,
        )
        for (const image of article.images ?? []) {
          const stored = image.file && pictures.names.get(image.file)
          if (stored) image.file = stored
          else delete image.file
        }
        await library.add(article, { original: item.original, images: pictures.files })
        if (item.progress !== undefined || item.archived)
          await annotations?.importReading?.(id, {
            progress: item.progress ?? 0,
            ...(item.archived ? { archived: true } : {}),
            ...((item.progress ?? 0) >= 1 ? { finished: true } : {}),
          })
        for (const h of item.highlights) {
          const bookmark = await annotations?.importBookmark?.({
            articleId: id,
            quote: h.quote,
            note: h.note,
            tags: h.labels,
          })
          if (bookmark?.placed) placed++
          else if (bookmark) orphans.push({ articleId: id, title: article.title, quote: h.quote })
        }
        items.push({ file: name, status: 'imported', articleId: id, title: article.title })
      } catch (error) {
        items.push({ file: name, status: 'failed', error: reasonOf(error) })
      }
    }
    for (const s of archive.skipped)
      items.push({ file: `${file} › ${s.key}`, status: 'failed', error: s.reason })
    const count = (status: FileImport['status']): number =>
      items.filter((i) => i.status === status).length
    const imported = count('imported')
    const highlights = placed + orphans.length
    const parts = [
      `${imported} of ${archive.items.length + archive.skipped.length} articles from ${archive.service} imported`,
      count('duplicate') ? `${count('duplicate')} already in the library` : '',
      count('failed') ? `${count('failed')} not imported` : '',
      highlights
        ? `${placed} of ${highlights} highlights placed${orphans.length ? `; ${orphans.length} could not be placed and are kept as orphaned bookmarks (listed)` : ''}`
        : '',
    ].filter(Boolean)
    const first = items.find((i) => i.status === 'imported') ?? items.find((i) => i.articleId)
    return {
      file,
      status: imported ? 'imported' : count('duplicate') ? 'duplicate' : 'failed',
      ...(first?.articleId ? { articleId: first.articleId } : {}),
      title: `${archive.service} export`,
      ...(imported || count('duplicate')
        ? { message: parts.join(', ') }
        : { error: `nothing imported: ${parts.join(', ')}` }),
      items,
      ...(orphans.length ? { orphans } : {}),
    }
  }

  async function importSource(
    source: ImportSource,
    options: { onSimilar?: OnSimilar } = {},
  ): Promise<FileImport> {
    const { file, bytes } = source
    try {
      const archive = await extractor.readArchive(source.path ?? file, bytes)
      if (archive) return await importArchive(file, archive)
      const id = contentIdOf(bytes)
      const known = library.entry(id)
      if (known && !known.deleted)
        return {
          file,
          status: 'duplicate',
          articleId: id,
          title: known.summary.title,
          message: `already in the library as “${known.summary.title}”`,
        }
      if (known?.deleted) {
        const summary = await library.restore(id)
        return {
          file,
          status: 'imported',
          articleId: id,
          title: summary.title,
          message: 'brought back from the trash, with its bookmarks and notes',
        }
      }
      const extracted = await extractor.extractBytes(source.path ?? file, bytes, {
        ...(source.path ? { path: source.path } : {}),
        ...(source.url ? { url: source.url } : {}),
        ...(source.resources ? { resources: [...source.resources.keys()] } : {}),
      })
      const { article, images } = articleFromExtract(id, extracted, now().toISOString())
      if (article.paragraphs.length === 0) throw new ImportError('empty: no text to read', 'empty')
      const like = lookalike(article)
      const onSimilar = options.onSimilar ?? 'ask'
      if (like && onSimilar === 'ask')
        return {
          file,
          status: 'similar',
          title: article.title,
          similarTo: { id: like.id, title: like.title },
          message: `looks like “${like.title}”, already in the library`,
        }
      const pictures = await readPictures(images, source, extracted.files)
      for (const image of article.images ?? []) {
        if (!image.file) continue
        const stored = pictures.names.get(image.file)
        if (stored) image.file = stored
        else delete image.file
      }
      await library.add(article, {
        original: { ext: extensionOf(file), bytes },
        images: pictures.files,
      })
      if (like && onSimilar === 'replace') {
        await annotations?.moveArticle(like.id, id)
        await library.remove(like.id)
        return {
          file,
          status: 'imported',
          articleId: id,
          title: article.title,
          message: `replaced “${like.title}” (now in the trash); its bookmarks and notes moved here`,
        }
      }
      return { file, status: 'imported', articleId: id, title: article.title }
    } catch (error) {
      return { file, status: 'failed', error: reasonOf(error) }
    }
  }

  /** A file on disk, its size checked before it is read. */
  async function importFile(
    path: string,
    options: { onSimilar?: OnSimilar; url?: string } = {},
  ): Promise<FileImport> {
    let bytes: Uint8Array
    try {
      bytes = await extractor.readFile(path)
    } catch (error) {
      return { file: path, status: 'failed', error: reasonOf(error) }
    }
    return importSource(
      { file: path, bytes, path, ...(options.url ? { url: options.url } : {}) },
      options,
    )
  }

  return { importSource, importFile }
}

export type LibraryImport = ReturnType<typeof createLibraryImport>

/**
 * Every file to import under the given paths: files as given, folders walked (hidden
 * entries and a saved page's `_files` folder skipped), only the formats Lectern reads.
 */
export async function filesToImport(
  paths: readonly string[],
  extensions: readonly string[],
  limit = 100_000,
): Promise<string[]> {
  const out: string[] = []
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
    entries.sort((a, b) => a.name.localeCompare(b.name))
    for (const e of entries) {
      if (out.length >= limit) return
      if (e.name.startsWith('.')) continue
      const full = join(dir, e.name)
      if (e.isDirectory()) {
        if (!/_files$|\.files$/i.test(e.name)) await walk(full)
      } else if (e.isFile() && extensions.includes(extname(e.name).slice(1).toLowerCase())) {
        out.push(full)
      }
    }
  }
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined)
    if (info?.isDirectory()) await walk(path)
    else out.push(path) // a named file is tried, and fails with its reason if it must
  }
  return out
}

/** Copies each picture's bytes in, checked to be a picture, with the extension its bytes say. */
async function readPictures(
  images: PendingImage[],
  source: ImportSource,
  inside?: ReadonlyMap<string, Uint8Array>,
): Promise<{ files: { file: string; bytes: Uint8Array }[]; names: Map<string, string> }> {
  const files: { file: string; bytes: Uint8Array }[] = []
  const names = new Map<string, string>()
  for (const image of images) {
    let bytes: Uint8Array | undefined
    try {
      if (inside?.has(image.src)) bytes = inside.get(image.src)
      else if (image.src.startsWith('data:')) bytes = decodeDataUri(image.src)
      else if (source.resources) bytes = source.resources.get(image.src)
      else if (isAbsolute(image.src)) {
        const info = await stat(image.src)
        if (info.size <= MAX_EMBEDDED_IMAGE_BYTES) bytes = await readFile(image.src)
      }
    } catch {
      bytes = undefined // a missing picture leaves its alt text
    }
    const type = bytes && bytes.byteLength <= MAX_EMBEDDED_IMAGE_BYTES && imageTypeOf(bytes)
    if (!bytes || !type) continue
    const file = `${image.file}.${type}`
    files.push({ file, bytes })
    names.set(image.file, file)
  }
  return { files, names }
}

function decodeDataUri(uri: string): Uint8Array | undefined {
  const comma = uri.indexOf(',')
  if (comma < 0) return undefined
  const head = uri.slice(5, comma)
  const data = uri.slice(comma + 1)
  return head.endsWith(';base64')
    ? Buffer.from(data, 'base64')
    : Buffer.from(decodeURIComponent(data), 'utf8')
}

const extensionOf = (file: string): string =>
  /^[a-z0-9]{1,8}$/.exec(extname(basename(file)).slice(1).toLowerCase())?.[0] ?? 'bin'

function reasonOf(error: unknown): string {
  if (error instanceof ImportError) return error.message
  const message = error instanceof Error ? error.message : String(error)
  return `not imported: ${message}`
}

/** Share of word triples two texts have in common (Jaccard); 1 for the same words in the same order. */
export function similarity(a: readonly string[], b: readonly string[]): number {
  const triples = (paragraphs: readonly string[]): Set<string> => {
    const words =
      paragraphs
        .join(' ')
        .toLowerCase()
        .match(/[\p{L}\p{N}]+/gu) ?? []
    const out = new Set<string>()
    for (let i = 0; i + 2 < words.length; i++)
      out.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`)
    if (out.size === 0 && words.length) out.add(words.join(' '))
    return out
  }
  const x = triples(a)
  const y = triples(b)
  if (!x.size && !y.size) return 1
  let shared = 0
  for (const t of x) if (y.has(t)) shared++
  return shared / (x.size + y.size - shared)
}
