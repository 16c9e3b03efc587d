/**
 * A search snapshot's file form: a short JSON header (strings: article ids and titles, terms,
 * words) and the numeric columns as raw 32-bit integers, read back as views of the file's
 * bytes without parsing. JSON of the same postings is several times larger and slower to
 * parse. A checksum over everything after the fixed prefix tells a damaged file from a good one.
 *
 *   0  "LXSI"   4  format version   8  CRC-32 of bytes 16…   12  header length in bytes
 *   16 header (UTF-8 JSON), zero-padded to a multiple of 4
 *   then per column (passages, postings, wordTerms, compounds, filters): u32 count, count × i32
 *
 * Integers are little-endian, as on every platform Lectern ships for.
 */
import { crc32 } from 'node:zlib'
import { SNAPSHOT_VERSION, type SearchSnapshot, type Tuning } from './searchIndex'

const MAGIC = 0x4953584c // "LXSI" read as a little-endian u32
const PREFIX = 16

/** Why a snapshot file was not used. */
export class SnapshotError extends Error {
  constructor(
    message: string,
    readonly reason: 'damaged' | 'version',
  ) {
    super(message)
    this.name = 'SnapshotError'
  }
}

interface Header {
  tuning: Tuning
  articles: [string, string][]
  terms: string[]
  words: string[]
  /** Whatever the caller keeps beside the index (see `indexStore.ts`). */
  meta: unknown
}

/**
 * What a snapshot records of the library it indexed: with the article ids (in the index
 * itself), its fingerprint. Imported articles' ids derive from their content, so ids and
 * word counts tell which articles came, went or changed since.
 */
export interface SnapshotMeta {
  /** Each article's word count (from its summary), in the order of the snapshot's articles. */
  words: number[]
  count: number
  totalWords: number
}

export function metaFor(articleIds: string[], wordsOf: (id: string) => number): SnapshotMeta {
  const words = articleIds.map(wordsOf)
  return { words, count: words.length, totalWords: words.reduce((s, w) => s + w, 0) }
}

/** The meta of a decoded snapshot, or null when it does not agree with the snapshot. */
export function checkMeta(meta: unknown, snapshot: SearchSnapshot): SnapshotMeta | null {
  const m = meta as Partial<SnapshotMeta> | null
  if (!m || !Array.isArray(m.words) || m.count !== snapshot.articles.length) return null
  if (m.words.length !== m.count) return null
  if (m.words.reduce((s: number, w: unknown) => s + Number(w), 0) !== m.totalWords) return null
  return m as SnapshotMeta
}

const COLUMNS = ['passages', 'postings', 'wordTerms', 'compounds', 'filters'] as const

export function encodeSnapshot(snapshot: SearchSnapshot, meta: unknown): Uint8Array {
  const header: Header = {
    tuning: snapshot.tuning,
    articles: snapshot.articles,
    terms: snapshot.terms,
    words: snapshot.words,
    meta,
  }
  const headerBytes = new TextEncoder().encode(JSON.stringify(header))
  const headerPadded = Math.ceil(headerBytes.length / 4) * 4
  const columns = COLUMNS.map((name) => snapshot[name])
  const size = PREFIX + headerPadded + columns.reduce((sum, c) => sum + 4 + 4 * c.length, 0)
  const bytes = new Uint8Array(size)
  const view = new DataView(bytes.buffer)
  bytes.set(headerBytes, PREFIX)
  let at = PREFIX + headerPadded
  for (const column of columns) {
    view.setUint32(at, column.length, true)
    at += 4
    bytes.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), at)
    at += column.byteLength
  }
  view.setUint32(0, MAGIC, true)
  view.setUint32(4, SNAPSHOT_VERSION, true)
  view.setUint32(12, headerBytes.length, true)
  view.setUint32(8, crc32(bytes.subarray(PREFIX)), true)
  return bytes
}

/** The snapshot and its caller's meta; throws SnapshotError when the bytes cannot be used. */
export function decodeSnapshot(input: Uint8Array): { snapshot: SearchSnapshot; meta: unknown } {
  // Views of 32-bit integers need the bytes at a multiple of 4.
  const bytes = input.byteOffset % 4 ? input.slice() : input
  if (bytes.length < PREFIX) throw new SnapshotError('too short', 'damaged')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.getUint32(0, true) !== MAGIC) throw new SnapshotError('not a search index', 'damaged')
  const version = view.getUint32(4, true)
  if (version !== SNAPSHOT_VERSION) {
    throw new SnapshotError(`of version ${version}, not ${SNAPSHOT_VERSION}`, 'version')
  }
  if (view.getUint32(8, true) !== crc32(bytes.subarray(PREFIX))) {
    throw new SnapshotError('damaged (checksum does not match)', 'damaged')
  }
  const headerLength = view.getUint32(12, true)
  if (PREFIX + headerLength > bytes.length) throw new SnapshotError('header cut short', 'damaged')
  let header: Header
  try {
    header = JSON.parse(
      new TextDecoder().decode(bytes.subarray(PREFIX, PREFIX + headerLength)),
    ) as Header
  } catch {
    throw new SnapshotError('header unreadable', 'damaged')
  }
  let at = PREFIX + Math.ceil(headerLength / 4) * 4
  const columns = COLUMNS.map(() => {
    if (at + 4 > bytes.length) throw new SnapshotError('cut short', 'damaged')
    const count = view.getUint32(at, true)
    at += 4
    if (at + 4 * count > bytes.length) throw new SnapshotError('cut short', 'damaged')
    const column = new Int32Array(bytes.buffer, bytes.byteOffset + at, count)
    at += 4 * count
    return column
  }) as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array]
  if (at !== bytes.length) throw new SnapshotError('longer than its columns', 'damaged')
  const [passages, postings, wordTerms, compounds, filters] = columns
  if (
    !Array.isArray(header.articles) ||
    !Array.isArray(header.terms) ||
    !Array.isArray(header.words)
  ) {
    throw new SnapshotError('header incomplete', 'damaged')
  }
  return {
    snapshot: {
      version: SNAPSHOT_VERSION,
      tuning: header.tuning,
      articles: header.articles,
      passages,
      terms: header.terms,
      postings,
      words: header.words,
      wordTerms,
      compounds,
      filters,
    },
    meta: header.meta,
  }
}
