/**
 * Text edited on two computers from the same version, merged three-way (on node-diff3's
 * diffs): first paragraph by paragraph (each line a paragraph), then, where both changed the
 * same paragraph, word by word within it. Changes that truly overlap, a paragraph that one side
 * rewrote (kept less than half of its words), or a long stretch both changed, are not merged:
 * the caller keeps both versions.
 *
 * Also the compact form in which a text edit names the text it was edited from (`from`):
 * `[p, s, was]`, meaning the first `p` and last `s` characters of the new text were there before,
 * with `was` between them. A typo fixed in a long note costs a few bytes, not the whole note.
 */
import { diffComm, diffIndices } from 'node-diff3'

/** `[kept at the start, kept at the end, what was between]`, in UTF-16 code units. */
export type FromRef = [number, number, string]

const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff

/** How `after` was made from `before`, compactly: see FromRef. */
export function fromRef(before: string, after: string): FromRef {
  const most = Math.min(before.length, after.length)
  let p = 0
  while (p < most && before.charCodeAt(p) === after.charCodeAt(p)) p++
  // Never between the halves of a character outside the basic plane (an emoji, say).
  if (p > 0 && p < most && isLow(after.charCodeAt(p))) p--
  let s = 0
  while (
    s < most - p &&
    before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)
  )
    s++
  if (s > 0 && s < most - p && isLow(after.charCodeAt(after.length - s))) s--
  return [p, s, before.slice(p, before.length - s)]
}

/** The text `text` was edited from, or undefined when `ref` does not fit it. */
export function textBefore(text: string, ref: FromRef | undefined): string | undefined {
  if (!ref) return undefined
  const [p, s, was] = ref
  if (!Number.isInteger(p) || !Number.isInteger(s) || p < 0 || s < 0 || p + s > text.length)
    return undefined
  return text.slice(0, p) + was + text.slice(text.length - s)
}

/** One side's change of the base: tokens `s` to `e` (not included) become `with`. */
interface Hunk {
  side: 0 | 1
  s: number
  e: number
  with: string[]
}

function hunksOf(o: string[], edited: string[], side: 0 | 1): Hunk[] {
  type Diff = { buffer1: [number, number]; buffer2Content: string[] }
  return (diffIndices(o, edited) as Diff[]).map((d) => ({
    side,
    s: d.buffer1[0],
    e: d.buffer1[0] + d.buffer1[1],
    with: d.buffer2Content,
  }))
}

const sameHunk = (p: Hunk, q: Hunk): boolean =>
  p.s === q.s && p.e === q.e && p.with.join('\u0000') === q.with.join('\u0000')

/** Whether two changes touch the same tokens (next to each other is not touching). */
function clash(p: Hunk, q: Hunk): boolean {
  if (sameHunk(p, q)) return false
  if (Math.max(p.s, q.s) < Math.min(p.e, q.e)) return true
  if (p.s === q.s && p.e === q.e) return true // both inserted at the same place
  const inside = (point: number, h: Hunk): boolean => h.s < point && point < h.e
  return (p.s === p.e && inside(p.s, q)) || (q.s === q.e && inside(q.s, p))
}

function applyHunks(o: string[], from: number, to: number, hunks: Hunk[]): string[] {
  const out: string[] = []
  let at = from
  for (const h of hunks) {
    out.push(...o.slice(at, h.s), ...h.with)
    at = h.e
  }
  out.push(...o.slice(at, to))
  return out
}

/**
 * A three-way merge of token lists: both sides' changes of `o` applied; where they touch the
 * same tokens, `settle` gets that stretch as each side has it, and merges it or gives null.
 */
function merge3(
  a: string[],
  o: string[],
  b: string[],
  settle: (a: string[], o: string[], b: string[]) => string[] | null,
): string[] | null {
  const all = [...hunksOf(o, a, 0), ...hunksOf(o, b, 1)].sort(
    (p, q) => p.s - q.s || p.e - q.e || p.side - q.side,
  )
  const out: string[] = []
  let at = 0
  for (let i = 0; i < all.length;) {
    const group = [all[i] as Hunk]
    for (i++; i < all.length; i++) {
      const next = all[i] as Hunk
      if (!group.some((h) => clash(h, next) || sameHunk(h, next))) break
      group.push(next)
    }
    const from = Math.min(...group.map((h) => h.s))
    const to = Math.max(...group.map((h) => h.e))
    out.push(...o.slice(at, from))
    at = to
    const mine = group.filter((h) => h.side === 0)
    const theirs = group.filter((h) => h.side === 1)
    if (!group.some((h, k) => group.slice(k + 1).some((q) => clash(h, q)))) {
      // One side's change alone, or the same change made on both.
      out.push(...applyHunks(o, from, to, mine.length ? mine : theirs))
      continue
    }
    const settled = settle(
      applyHunks(o, from, to, mine),
      o.slice(from, to),
      applyHunks(o, from, to, theirs),
    )
    if (settled === null) return null
    out.push(...settled)
  }
  out.push(...o.slice(at))
  return out
}

/**
 * Lines, each with the line breaks before it (so a paragraph added at the end, or one taken out
 * with its blank line, touches no other): joined, they are the text again.
 */
const paragraphsOf = (text: string): string[] => text.split(/(?<=[^\n])(?=\n)/)

/** Words, runs of white space, and single other characters (punctuation, emoji parts). */
const WORDS = /[\p{L}\p{N}\p{M}_'’-]+|\s+|[^]/gu
const wordsOf = (text: string): string[] => text.match(WORDS) ?? []
const isWord = (token: string): boolean => /\S/.test(token)

/** How many of `base`'s words `edited` kept, in order. */
function wordsKept(base: string[], edited: string[]): number {
  const words = (tokens: string[]): string[] => tokens.filter(isWord)
  return (diffComm(words(base), words(edited)) as { common?: string[] }[]).reduce(
    (sum, part) => sum + (part.common?.length ?? 0),
    0,
  )
}

/** A stretch both sides changed longer than this is not merged word by word: both are kept. */
export const MAX_WORDS_MERGED = 400

/** One stretch both sides changed, merged word by word; null when that is not safe. */
function mergeWords(a: string, o: string, b: string): string | null {
  const [aw, ow, bw] = [wordsOf(a), wordsOf(o), wordsOf(b)]
  const words = ow.filter(isWord).length
  if (words === 0 || words > MAX_WORDS_MERGED) return null
  // A side that rewrote the stretch: a word-level merge would be a patchwork nobody wrote.
  if (2 * wordsKept(ow, aw) < words || 2 * wordsKept(ow, bw) < words) return null
  const merged = merge3(aw, ow, bw, () => null)
  return merged && merged.join('')
}

/**
 * `a` and `b`, both edited from `base`, as one text; null when their changes overlap. The same
 * three texts always give the same answer.
 */
export function mergeText(base: string, a: string, b: string): string | null {
  if (a === b || b === base) return a
  if (a === base) return b
  const merged = merge3(paragraphsOf(a), paragraphsOf(base), paragraphsOf(b), (ca, co, cb) => {
    const words = mergeWords(ca.join(''), co.join(''), cb.join(''))
    return words === null ? null : [words]
  })
  return merged && merged.join('')
}
