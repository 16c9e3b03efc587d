/**
 * The WCXB measure: word-level F1 per page (lower-case, `\w+` words as Python reads them,
 * overlap as a multiset), and exact-match checks for title, author and date.
 */

const WORD = /[\p{L}\p{N}\p{M}_]+/gu

export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? []
}

export interface Prf {
  precision: number
  recall: number
  f1: number
}

export function wordF1(extracted: string, truth: string): Prf {
  const got = words(extracted)
  const want = words(truth)
  if (!got.length && !want.length) return { precision: 1, recall: 1, f1: 1 }
  if (!got.length || !want.length) return { precision: 0, recall: 0, f1: 0 }
  const counts = new Map<string, number>()
  for (const w of want) counts.set(w, (counts.get(w) ?? 0) + 1)
  let overlap = 0
  for (const w of got) {
    const n = counts.get(w) ?? 0
    if (n > 0) {
      overlap++
      counts.set(w, n - 1)
    }
  }
  const precision = overlap / got.length
  const recall = overlap / want.length
  return {
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
  }
}

/** Case, spacing, quotes and punctuation aside, the same text. */
export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  const norm = (s: string): string => words(s.normalize('NFKC')).join(' ')
  return Boolean(a && b && norm(a) === norm(b))
}

/** The same people, in any order, however joined (`A and B`, `A, B`). */
export function sameAuthors(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false
  const names = (s: string): string =>
    s
      .normalize('NFKC')
      .split(/\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s*/i)
      .map((n) => words(n).join(' '))
      .filter(Boolean)
      .sort()
      .join('|')
  return names(a) === names(b)
}
