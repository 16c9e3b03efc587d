/**
 * Reads a file of any supported format into an article, without adding it anywhere: the
 * first half of an import, and all of `lectern extract`. Electron-free; one extractor per
 * format, chosen by the file's extension (and for unknown names, by what the bytes look like).
 */
import { open, stat } from 'node:fs/promises'
import { extname, resolve } from 'node:path'
import type { Archive } from './archives/archive'
import { readOmnivore } from './archives/omnivore'
import { readLaterCsv } from './archives/readLater'
import { epubExtractor } from './epub/epubExtractor'
import { htmlExtractor } from './html/htmlExtractor'
import { HtmlWorkerPool, type PoolOptions } from './html/pool'
import { mhtmlExtractor } from './mhtml/mhtmlExtractor'
import { markdownExtractor } from './markdown/extractMarkdown'
import { isPdf, PDF_MEMORY_MB, PDF_TIMEOUT_MS, PDF_WORKER, pdfExtractor } from './pdf/pdfExtractor'
import { textExtractor } from './text/extractText'
import { ImportError, type ExtractedArticle, type Extractor } from './types'
import { looksLikeZip } from './zip/safeZip'

/** Exports of many articles, read by `readArchive` rather than by an extractor. */
const ARCHIVE_EXTENSIONS = ['zip', 'csv']

/** Files larger than this are refused before they are read. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024

export interface ImportServiceOptions extends PoolOptions {
  maxBytes?: number
  /** For PDFs, which are read whole: per file, in milliseconds. */
  pdfTimeoutMs?: number
  /** Heap ceiling of the PDF worker, in megabytes. */
  pdfMemoryMb?: number
}

const mb = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MB`

export class ImportService {
  private readonly pool: HtmlWorkerPool
  private readonly pdfPool: HtmlWorkerPool
  private readonly extractors: Extractor[]
  private readonly maxBytes: number

  constructor(options: ImportServiceOptions = {}) {
    this.pool = new HtmlWorkerPool(options)
    this.pdfPool = new HtmlWorkerPool(
      {
        ...options,
        timeoutMs: options.pdfTimeoutMs ?? PDF_TIMEOUT_MS,
        memoryMb: options.pdfMemoryMb ?? PDF_MEMORY_MB,
      },
      PDF_WORKER,
    )
    this.extractors = [
      htmlExtractor(this.pool),
      pdfExtractor(this.pdfPool),
      markdownExtractor,
      textExtractor,
      epubExtractor(this.pool),
      mhtmlExtractor(this.pool),
    ]
    this.maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES
  }

  /** Every extension Lectern imports, without the dot. */
  get extensions(): string[] {
    return [...this.extractors.flatMap((e) => e.extensions), ...ARCHIVE_EXTENSIONS]
  }

  /**
   * An export of many articles (Omnivore's zip; Pocket's, Instapaper's or Readwise's CSV),
   * read into its items; undefined for a file that holds one article.
   */
  async readArchive(name: string, bytes: Uint8Array): Promise<Archive | undefined> {
    const ext = extname(name).slice(1).toLowerCase()
    if (!ARCHIVE_EXTENSIONS.includes(ext)) return undefined
    if (bytes.byteLength > this.maxBytes)
      throw new ImportError(
        `over ${mb(this.maxBytes)}: the file is ${mb(bytes.byteLength)}`,
        'too-large',
      )
    if (ext === 'csv') return readLaterCsv(bytes)
    if (!looksLikeZip(bytes))
      throw new ImportError('not a zip file despite its name', 'wrong-format')
    return readOmnivore(bytes, (page, html, url) =>
      this.extractBytes(page, html, url ? { url } : {}),
    )
  }

  extractorFor(name: string, bytes: Uint8Array): Extractor {
    const ext = extname(name).slice(1).toLowerCase()
    const byName = this.extractors.find((e) => e.extensions.includes(ext))
    if (byName) return byName
    const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1').trimStart().toLowerCase()
    const format = /^(<!doctype html|<html|<\?xml)/.test(head)
      ? 'html'
      : isPdf(bytes)
        ? 'pdf'
        : undefined
    const sniffed = this.extractors.find((e) => e.format === format)
    if (sniffed) return sniffed
    throw new ImportError(
      `unsupported: Lectern reads ${this.extensions.map((e) => `.${e}`).join(', ')} files`,
      'unsupported',
    )
  }

  /** Bytes already in hand (a dropped file); `name` is its file name. */
  async extractBytes(
    name: string,
    bytes: Uint8Array,
    options: { path?: string; url?: string; resources?: string[] } = {},
  ): Promise<ExtractedArticle> {
    if (bytes.byteLength > this.maxBytes)
      throw new ImportError(
        `over ${mb(this.maxBytes)}: the file is ${mb(bytes.byteLength)}`,
        'too-large',
      )
    if (bytes.byteLength === 0) throw new ImportError('empty: the file has no content', 'empty')
    return this.extractorFor(name, bytes).extract({ bytes, ...options })
  }

  /** A file's bytes, its size checked before a byte of it is read. */
  async readFile(path: string): Promise<Uint8Array> {
    const full = resolve(path)
    try {
      const info = await stat(full)
      if (info.isDirectory())
        throw new ImportError('unsupported: a folder, not a file', 'unsupported')
      if (info.size > this.maxBytes)
        throw new ImportError(
          `over ${mb(this.maxBytes)}: the file is ${mb(info.size)}`,
          'too-large',
        )
      const handle = await open(full, 'r')
      try {
        return await handle.readFile()
      } finally {
        await handle.close()
      }
    } catch (err) {
      if (err instanceof ImportError) throw err
      const code = (err as NodeJS.ErrnoException).code
      const why =
        code === 'ENOENT'
          ? 'no such file'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : (err as Error).message
      throw new ImportError(`unreadable: ${why}`, 'unreadable')
    }
  }

  /** A file on disk; its size is checked before a byte of it is read. */
  async extractFile(path: string, options: { url?: string } = {}): Promise<ExtractedArticle> {
    const full = resolve(path)
    const bytes = await this.readFile(full)
    return this.extractBytes(full, bytes, {
      path: full,
      ...(options.url ? { url: options.url } : {}),
    })
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.close(), this.pdfPool.close()])
  }
}
