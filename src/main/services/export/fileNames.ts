/**
 * Export file names: the article's title, as Obsidian shows a note's file name as its title,
 * made safe on Windows, macOS and Linux and in Obsidian links, and unique. A short hash of the
 * id is added only to tell apart two articles (or an article and someone else's file) whose
 * names would clash on a case-insensitive file system.
 */
import { createHash } from 'node:crypto'

/** Long enough to read; well inside the 255 bytes file systems allow, with room for a hash. */
const MAX_CHARS = 100
const MAX_BYTES = 180
/** Names Windows reserves whatever follows their first dot (superscript digits included). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i
/**
 * Characters Windows refuses (`<>:"/\|?*`), control characters, and those that break an
 * Obsidian link to the file (`#^[]|`).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[<>:"/\\|?*#^[\]\u0000-\u001f\u007f-\u009f]/g
export const EXTENSION = '.md'
export const UNTITLED = 'Untitled'

const shortId = (articleId: string, length: number): string =>
  createHash('sha256').update(articleId).digest('hex').slice(0, length)

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8')

/** Cuts `s` to the limits, at a space when there is one in the last part. */
function shorten(s: string): string {
  const chars = [...s]
  if (chars.length <= MAX_CHARS && bytes(s) <= MAX_BYTES) return s
  let cut = chars.slice(0, MAX_CHARS).join('')
  while (bytes(cut) > MAX_BYTES) cut = [...cut].slice(0, -1).join('')
  const space = cut.lastIndexOf(' ')
  return space > cut.length * 0.6 ? cut.slice(0, space) : cut
}

/** The title as a file name without extension: `Israel Remains Putin’s ‘Partner!’`. */
export function fileStemOf(title: string): string {
  let stem = title
    .normalize('NFC')
    .replace(UNSAFE, ' ')
    // Bidi controls and other invisible format characters would hide what the name says.
    .replace(/\p{Cf}/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
  // No hidden files; Windows drops trailing dots and spaces.
  stem = shorten(stem.replace(/^[.\s]+/u, '')).replace(/[.\s]+$/u, '')
  if (!stem) return UNTITLED
  return RESERVED.test(stem.split('.')[0] as string) ? `_${stem}` : stem
}

/** How a case-insensitive, normalising file system compares names. */
export const sameNameKey = (name: string): string => name.normalize('NFC').toLowerCase()

export interface NamingOptions {
  /** Names already given, to keep (a vault keeps an article's file once it has one). */
  keep?: ReadonlyMap<string, string>
  /** Names of files already there that are not any of these articles'. */
  taken?: Iterable<string>
}

/**
 * File names for a set of articles, e.g. `Broader Look at Russia-Israel Partnership.md`.
 * Where names clash, the article with the smallest id keeps the plain name and the others get
 * ` <8 hex digits of the id's SHA-256>` (more digits should those clash too).
 */
export function exportFileNames(
  articles: readonly { id: string; title: string }[],
  { keep = new Map(), taken = [] }: NamingOptions = {},
): Map<string, string> {
  const names = new Map<string, string>()
  const used = new Set([...taken].map(sameNameKey))
  for (const a of articles) {
    const kept = keep.get(a.id)
    if (kept === undefined) continue
    names.set(a.id, kept)
    used.add(sameNameKey(kept))
  }
  const rest = articles
    .filter((a) => !names.has(a.id))
    .map((a) => ({ id: a.id, stem: fileStemOf(a.title) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  for (const { id, stem } of rest) {
    let name = `${stem}${EXTENSION}`
    for (let length = 8; used.has(sameNameKey(name)); length += 8) {
      if (length > 64) throw new Error(`two articles share the id ${id}`)
      name = `${stem} ${shortId(id, length)}${EXTENSION}`
    }
    names.set(id, name)
    used.add(sameNameKey(name))
  }
  return names
}
