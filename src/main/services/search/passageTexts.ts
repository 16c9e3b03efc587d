/**
 * The library's paragraph texts kept beside its search index, so that a snippet or a phrase
 * check reads one paragraph with one `readSync` instead of parsing a whole article file:
 *
 *   search/texts-<token>.bin  paragraphs' UTF-8 bytes, article after article, appended to
 *   search/texts.idx          what the .bin holds: per article its id, word count and offset,
 *                             per paragraph its byte length and CRC-32
 *
 * The .idx is written atomically and durably after the bytes it names are flushed, so a crash
 * leaves at most unnamed bytes at the end of the .bin. Removed articles' bytes stay there
 * until they are most of the file, when the live ones are copied to a new .bin (a new token:
 * the old file is never overwritten while named). Nothing here is trusted blindly: an .idx
 * that is damaged or names a missing or short .bin is dropped; an article whose word count is
 * not the library's is forgotten; a paragraph whose bytes fail their checksum is forgotten
 * with its article. Whatever is not held is read from the library by the caller.
 *
 * Articles added since the last save are held in memory until the next one.
 */
import { closeSync, fstatSync, fsync, openSync, readSync, write } from 'node:fs'
import { readdir, readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { crc32 } from 'node:zlib'
import { randomBytes } from 'node:crypto'
import { errorCode, errorMessage, syncDirectory, writeFileDurably } from '../store/durableFile'

export const TEXTS_INDEX = 'texts.idx'
const BIN = /^texts-[0-9a-f]{12}\.bin$/

const MAGIC = 0x5854584c // "LXTX" read as a little-endian u32
const VERSION = 1
const PREFIX = 16
/** Dead bytes at most, beside the live ones, before the .bin is compacted. */
const MIN_GARBAGE = 64 * 2 ** 20
/** Paragraphs read lately kept at hand (a few hundred kilobytes). */
const RECENT_PARAGRAPHS = 512
/** Bytes per write when spilling or copying. */
const CHUNK = 4 * 2 ** 20

const writeAt = promisify(write)
const flush = promisify(fsync)

/** An article's texts as the caller has them. */
export interface ArticleTexts {
  id: string
  /** The summary's word count: the fingerprint the texts are checked against. */
  words: number
  paragraphs: string[]
}

/** Where an article's paragraphs are in the .bin. */
interface Stored {
  words: number
  /** Index of its first paragraph in `starts`, `lengths` and `checks`. */
  first: number
  count: number
}

export interface PassageTexts {
  /** The paragraph's text, or undefined when it is not held (or fails its checksum). */
  textOf(articleId: string, paragraph: number): string | undefined
  /** Whether the article's texts are held for this word count. */
  holds(articleId: string, words: number): boolean
  /** Keeps an article's texts (in memory until saved); nothing in a read-only store. */
  keep(article: ArticleTexts): void
  /** Forgets articles that went or changed. */
  forget(articleIds: Iterable<string>): void
  /** Forgets every article the library does not hold at this word count; the ids it misses. */
  retain(library: Map<string, number>): string[]
  /** Bytes of texts held in memory, not yet written. */
  readonly heldBytes: number
  /** Writes the texts held in memory to the .bin, not yet named by the .idx. */
  spill(): Promise<void>
  /** Makes what is held durable: written, flushed, and named by a new .idx. */
  save(): Promise<void>
  close(): Promise<void>
}

/** Opens the texts in `dir` (the data folder's `search/`); problems go to `log`, never thrown. */
export async function openPassageTexts(
  dir: string,
  options: {
    readOnly?: boolean
    log?: (message: string) => void
    /** Dead bytes at least before the .bin is compacted (and at least as many as live ones). */
    minGarbageBytes?: number
  } = {},
): Promise<PassageTexts> {
  const log = options.log ?? (() => {})
  const indexPath = join(dir, TEXTS_INDEX)
  const stored = new Map<string, Stored>()
  let starts: number[] = []
  let lengths: number[] = []
  let checks: number[] = []
  const held = new Map<string, ArticleTexts>()
  let heldBytes = 0
  let bin: string | undefined
  let fd: number | undefined
  /** Where the next bytes go: the end of what the .idx may name. */
  let end = 0
  /** The .idx does not say what is stored now. */
  let dirty = false
  let closed = false
  let queue: Promise<void> = Promise.resolve()
  const serial = (job: () => Promise<void>): Promise<void> => {
    const run = queue.then(job)
    queue = run.catch((error: unknown) => log(`search: texts not saved: ${errorMessage(error)}`))
    return queue
  }

  /** Whether there was an .idx to read: none is no problem, a fresh start. */
  let found = false
  try {
    const bytes = await readFile(indexPath)
    found = true
    const loaded = decodeIndex(bytes)
    const opened = openSync(join(dir, loaded.bin), options.readOnly ? 'r' : 'r+')
    fd = opened
    if (fstatSync(opened).size < loaded.end) {
      throw new Error(`${loaded.bin} is shorter than its index says`)
    }
    bin = loaded.bin
    end = loaded.end
    lengths = loaded.lengths
    checks = loaded.checks
    starts = new Array<number>(lengths.length)
    // Offsets of each paragraph, article by article, in the order of the .idx.
    let at = 0
    for (const [id, words, offset, count] of loaded.articles) {
      if (typeof id !== 'string' || !(count >= 0) || at + count > lengths.length)
        throw new Error('the index of texts does not agree')
      stored.set(id, { words, first: at, count })
      let byte = offset
      for (let i = 0; i < count; i++) {
        starts[at + i] = byte
        byte += lengths[at + i] as number
      }
      if (byte > end) throw new Error(`${loaded.bin} is shorter than its index says`)
      at += count
    }
    if (at !== lengths.length) throw new Error('paragraphs do not match articles')
  } catch (error) {
    if (fd !== undefined) closeSync(fd)
    fd = undefined
    bin = undefined
    end = 0
    stored.clear()
    starts = []
    lengths = []
    checks = []
    if (found || errorCode(error) !== 'ENOENT') {
      log(`search: the paragraph texts are rebuilt: ${errorMessage(error)}`)
      dirty = true
    }
  }

  if (!options.readOnly) {
    // Files of earlier .bins that no .idx names any more (compacted, or a crash mid-write).
    const names = await readdir(dir).catch(() => [] as string[])
    await Promise.all(
      names
        .filter((n) => BIN.test(n) && n !== bin)
        .map((n) => unlink(join(dir, n)).catch(() => undefined)),
    )
  }

  /**
   * Paragraphs read lately: a search reads its best passages for feedback and again for their
   * snippets, and each keystroke of a word being typed lists much the same paragraphs.
   */
  const recent = new Map<string, string>()
  const forgetOne = (id: string): void => {
    recent.clear()
    if (stored.delete(id)) dirty = true
    const h = held.get(id)
    if (h) {
      held.delete(id)
      heldBytes -= bytesOf(h)
    }
  }

  /** A new .bin, written from the start. */
  const createBin = (): void => {
    bin = newBinName()
    fd = openSync(join(dir, bin), 'w+')
    end = 0
  }

  /** Appends the articles' paragraphs at `end` of `target`, returning where each went. */
  const append = async (
    target: number,
    articles: ArticleTexts[],
    at: number,
  ): Promise<{ placed: [ArticleTexts, number[], number[], number[]][]; end: number }> => {
    const placed: [ArticleTexts, number[], number[], number[]][] = []
    let chunk: Buffer[] = []
    let chunkBytes = 0
    let written = at
    const writeChunk = async (): Promise<void> => {
      const bytes = Buffer.concat(chunk, chunkBytes)
      for (let off = 0; off < bytes.length;) {
        const { bytesWritten } = await writeAt(target, bytes, off, bytes.length - off, written)
        off += bytesWritten
        written += bytesWritten
      }
      chunk = []
      chunkBytes = 0
    }
    let next = at
    for (const article of articles) {
      const s: number[] = []
      const l: number[] = []
      const c: number[] = []
      for (const text of article.paragraphs) {
        const bytes = Buffer.from(text, 'utf8')
        s.push(next)
        l.push(bytes.length)
        c.push(crc32(bytes))
        chunk.push(bytes)
        chunkBytes += bytes.length
        next += bytes.length
      }
      placed.push([article, s, l, c])
      if (chunkBytes >= CHUNK) await writeChunk()
    }
    if (chunkBytes) await writeChunk()
    return { placed, end: next }
  }

  const record = (id: string, words: number, s: number[], l: number[], c: number[]): void => {
    stored.set(id, { words, first: starts.length, count: l.length })
    for (let i = 0; i < l.length; i++) {
      starts.push(s[i] as number)
      lengths.push(l[i] as number)
      checks.push(c[i] as number)
    }
    dirty = true
  }

  const spillNow = async (): Promise<void> => {
    if (options.readOnly || closed || !held.size) return
    if (fd === undefined) createBin()
    const batch = [...held.values()]
    const { placed, end: after } = await append(fd as number, batch, end)
    end = after
    for (const [article, s, l, c] of placed) {
      // Only what is still the same article: one forgotten or kept anew meanwhile is not.
      if (held.get(article.id) !== article) continue
      held.delete(article.id)
      heldBytes -= bytesOf(article)
      record(article.id, article.words, s, l, c)
    }
  }

  /**
   * Copies the live articles into a new .bin when removed ones are most of the old. Reads go
   * on from the old one meanwhile; an article forgotten meanwhile is not carried over.
   */
  const compact = async (): Promise<void> => {
    let live = 0
    for (const s of stored.values()) {
      for (let i = 0; i < s.count; i++) live += lengths[s.first + i] as number
    }
    if (end - live <= Math.max(live, options.minGarbageBytes ?? MIN_GARBAGE) || fd === undefined)
      return
    const name = newBinName()
    const target = openSync(join(dir, name), 'w+')
    const copied: [string, Stored][] = []
    const next = { starts: [] as number[], lengths: [] as number[], checks: [] as number[] }
    const buffer = Buffer.allocUnsafe(CHUNK)
    let to = 0
    try {
      for (const [id, s] of [...stored]) {
        const from = starts[s.first] as number
        let size = 0
        for (let i = 0; i < s.count; i++) size += lengths[s.first + i] as number
        for (let done = 0; done < size;) {
          const n = Math.min(CHUNK, size - done)
          if (readSync(fd, buffer, 0, n, from + done) !== n) throw new Error('the texts are short')
          await writeAt(target, buffer, 0, n, to + done)
          done += n
        }
        copied.push([id, s])
        for (let i = 0; i < s.count; i++) {
          next.starts.push(to + (starts[s.first + i] as number) - from)
          next.lengths.push(lengths[s.first + i] as number)
          next.checks.push(checks[s.first + i] as number)
        }
        to += size
      }
    } catch (error) {
      closeSync(target)
      await unlink(join(dir, name)).catch(() => {})
      throw error
    }
    const kept = new Map<string, Stored>()
    let first = 0
    for (const [id, s] of copied) {
      if (stored.get(id) === s) kept.set(id, { words: s.words, first, count: s.count })
      first += s.count
    }
    closeSync(fd)
    // The old .bin goes once the new .idx names the new one (see `saveNow`).
    obsolete.push(bin as string)
    stored.clear()
    for (const [id, s] of kept) stored.set(id, s)
    ;({ starts, lengths, checks } = next)
    fd = target
    bin = name
    end = to
  }
  const obsolete: string[] = []

  const saveNow = async (): Promise<void> => {
    if (options.readOnly || closed) return
    await spillNow()
    if (!dirty) return
    if (fd === undefined) createBin()
    await compact()
    if (fd !== undefined) await flush(fd)
    const articles: [string, number, number, number][] = []
    const l: number[] = []
    const c: number[] = []
    for (const [id, s] of stored) {
      articles.push([id, s.words, starts[s.first] ?? 0, s.count])
      for (let i = 0; i < s.count; i++) {
        l.push(lengths[s.first + i] as number)
        c.push(checks[s.first + i] as number)
      }
    }
    dirty = false
    await writeFileDurably(indexPath, encodeIndex({ bin: bin ?? '', end, articles }, l, c))
    if (obsolete.length) {
      await Promise.all(obsolete.splice(0).map((n) => unlink(join(dir, n)).catch(() => {})))
      await syncDirectory(dir)
    }
  }

  // Read into one buffer, reused: most paragraphs are a few kilobytes.
  let scratch = Buffer.allocUnsafe(64 * 1024)

  return {
    textOf(articleId, paragraph) {
      const h = held.get(articleId)
      if (h) return h.paragraphs[paragraph]
      const s = stored.get(articleId)
      if (!s || fd === undefined || paragraph < 0 || paragraph >= s.count) return undefined
      const key = `${articleId}\n${paragraph}`
      const known = recent.get(key)
      if (known !== undefined) return known
      const i = s.first + paragraph
      const length = lengths[i] as number
      if (length > scratch.length) scratch = Buffer.allocUnsafe(length)
      try {
        const read = readSync(fd, scratch, 0, length, starts[i] as number)
        const bytes = scratch.subarray(0, length)
        if (read === length && crc32(bytes) === checks[i]) {
          const text = bytes.toString('utf8')
          if (recent.size >= RECENT_PARAGRAPHS) recent.delete(recent.keys().next().value as string)
          recent.set(key, text)
          return text
        }
        log(`search: the texts of article ${articleId} are damaged; it is read from the library`)
      } catch (error) {
        log(`search: the texts of article ${articleId} could not be read: ${errorMessage(error)}`)
      }
      forgetOne(articleId)
      return undefined
    },
    holds(articleId, words) {
      return (held.get(articleId) ?? stored.get(articleId))?.words === words
    },
    keep(article) {
      if (options.readOnly || closed) return
      forgetOne(article.id)
      const copy = { id: article.id, words: article.words, paragraphs: article.paragraphs }
      held.set(article.id, copy)
      heldBytes += bytesOf(copy)
    },
    forget(articleIds) {
      for (const id of articleIds) forgetOne(id)
    },
    retain(library) {
      for (const [id, s] of stored) if (library.get(id) !== s.words) forgetOne(id)
      for (const [id, h] of held) if (library.get(id) !== h.words) forgetOne(id)
      return [...library.keys()].filter((id) => !stored.has(id) && !held.has(id))
    },
    get heldBytes() {
      return heldBytes
    },
    spill: () => serial(spillNow),
    save: () => serial(saveNow),
    async close() {
      await serial(saveNow)
      closed = true
      if (fd !== undefined) closeSync(fd)
      fd = undefined
      held.clear()
    },
  }
}

const newBinName = (): string => `texts-${randomBytes(6).toString('hex')}.bin`

/** Roughly the bytes an article's texts take (UTF-16 in memory; the count is a bound). */
const bytesOf = (a: ArticleTexts): number => a.paragraphs.reduce((n, p) => n + 2 * p.length, 0)

interface IndexHeader {
  bin: string
  end: number
  /** [id, words, offset of the first paragraph, paragraphs] */
  articles: [string, number, number, number][]
}

/**
 *   0 "LXTX"  4 version  8 CRC-32 of bytes 16…  12 header length
 *   16 header (UTF-8 JSON), zero-padded to a multiple of 4
 *   then u32 count and count × u32 byte lengths, u32 count and count × u32 CRC-32s
 */
export function encodeIndex(header: IndexHeader, lengths: number[], checks: number[]): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header))
  const padded = Math.ceil(json.length / 4) * 4
  const bytes = new Uint8Array(PREFIX + padded + 8 + 4 * (lengths.length + checks.length))
  const view = new DataView(bytes.buffer)
  bytes.set(json, PREFIX)
  let at = PREFIX + padded
  for (const column of [lengths, checks]) {
    view.setUint32(at, column.length, true)
    at += 4
    for (const n of column) {
      view.setUint32(at, n, true)
      at += 4
    }
  }
  view.setUint32(0, MAGIC, true)
  view.setUint32(4, VERSION, true)
  view.setUint32(12, json.length, true)
  view.setUint32(8, crc32(bytes.subarray(PREFIX)), true)
  return bytes
}

export function decodeIndex(
  bytes: Uint8Array,
): IndexHeader & { lengths: number[]; checks: number[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.length < PREFIX || view.getUint32(0, true) !== MAGIC)
    throw new Error('not an index of texts')
  if (view.getUint32(4, true) !== VERSION) throw new Error('an index of texts of another version')
  if (view.getUint32(8, true) !== crc32(bytes.subarray(PREFIX)))
    throw new Error('the index of texts is damaged (checksum does not match)')
  const length = view.getUint32(12, true)
  const header = JSON.parse(
    new TextDecoder().decode(bytes.subarray(PREFIX, PREFIX + length)),
  ) as IndexHeader
  if (typeof header.bin !== 'string' || !BIN.test(header.bin) || !Array.isArray(header.articles))
    throw new Error('the index of texts is incomplete')
  let at = PREFIX + Math.ceil(length / 4) * 4
  const columns = [0, 1].map(() => {
    if (at + 4 > bytes.length) throw new Error('the index of texts is cut short')
    const count = view.getUint32(at, true)
    at += 4
    if (at + 4 * count > bytes.length) throw new Error('the index of texts is cut short')
    const column = new Array<number>(count)
    for (let i = 0; i < count; i++) column[i] = view.getUint32(at + 4 * i, true)
    at += 4 * count
    return column
  })
  const [lengths, checks] = columns as [number[], number[]]
  if (lengths.length !== checks.length) throw new Error('the index of texts does not agree')
  return { ...header, lengths, checks }
}
