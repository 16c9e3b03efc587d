/**
 * Text edited on two computers from the same version, merged three-way (node-diff3): first
 * paragraph by paragraph (a line is a paragraph here), then, where both changed the same
 * paragraph, word by word within it. Changes that truly overlap, or a paragraph that one side
 * rewrote (kept less than half of its words), are not merged: the caller keeps both versions.
 *
 * Also the compact form in which a text edit names the text it was edited from (`from`):
 * `[p, s, was]`, meaning the first `p` and last `s` characters of the new text were there before,
 * with `was` between them. A typo fixed in a long note costs a few bytes, not the whole note.
 */
import { diff3Merge, diffComm } from 'node-diff3'

/** `[kept at the start, kept at the end, what was between]`, in UTF-16 code units. */
export type FromRef = [number, number, string]

type Chunk = { ok: string[] } | { conflict: { a: string[]; o: string[]; b: string[] } }

const merge3 = (a: string[], o: string[], b: string[]): Chunk[] =>
  diff3Merge(a, o, b, { excludeFalseConflicts: true }) as Chunk[]

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

/** One stretch both sides changed, merged word by word; null when that is not safe. */
function mergeWords(a: string, o: string, b: string): string | null {
  const [aw, ow, bw] = [wordsOf(a), wordsOf(o), wordsOf(b)]
  const words = ow.filter(isWord).length
  if (words === 0) return null
  // A side that rewrote the stretch: a word-level merge would be a patchwork nobody wrote.
  if (2 * wordsKept(ow, aw) < words || 2 * wordsKept(ow, bw) < words) return null
  const out: string[] = []
  for (const chunk of merge3(aw, ow, bw)) {
    if ('conflict' in chunk) return null
    out.push(...chunk.ok)
  }
  return out.join('')
}

/**
 * `a` and `b`, both edited from `base`, as one text; null when their changes overlap. The same
 * three texts always give the same answer, and swapping `a` and `b` gives the same text.
 */
export function mergeText(base: string, a: string, b: string): string | null {
  if (a === b || b === base) return a
  if (a === base) return b
  const out: string[] = []
  for (const chunk of merge3(a.split('\n'), base.split('\n'), b.split('\n'))) {
    if ('ok' in chunk) {
      out.push(...chunk.ok)
      continue
    }
    const { a: ca, o: co, b: cb } = chunk.conflict
    const merged = mergeWords(ca.join('\n'), co.join('\n'), cb.join('\n'))
    if (merged === null) return null
    out.push(merged)
  }
  return out.join('\n')
}
