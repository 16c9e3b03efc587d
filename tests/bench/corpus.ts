/** Larger corpora made from Cranfield: each abstract again with its sentences shuffled. */
import type { BenchDocument, BenchQuery } from './cranfield'

/** A small seeded generator (mulberry32), so every run builds the same corpus. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

/**
 * `copies` versions of every document (the first unchanged), ids `copy * stride + id`.
 * Copies share vocabulary and statistics with the original, like a large real library.
 */
export function replicate(documents: BenchDocument[], copies: number, seed = 1): BenchDocument[] {
  const random = seededRandom(seed)
  const stride = strideOf(documents)
  const out: BenchDocument[] = []
  for (let copy = 0; copy < copies; copy++) {
    for (const d of documents) {
      const sentences = d.text.split(/(?<=\s\.)\s+/)
      const text = copy === 0 ? d.text : shuffled(sentences, random).join(' ')
      out.push({ id: copy * stride + d.id, title: d.title, text })
    }
  }
  return out
}

/** The id step between copies. */
export const strideOf = (documents: BenchDocument[]): number =>
  10 ** String(Math.max(...documents.map((d) => d.id))).length

/**
 * Type-ahead queries as a reader types them: the first one to three words of each question
 * that carry meaning, the last cut short to a prefix of two or more letters.
 */
export function typeaheadQueries(
  queries: BenchQuery[],
  isStopWord: (w: string) => boolean,
  seed = 2,
): BenchQuery[] {
  const random = seededRandom(seed)
  return queries.flatMap((q) => {
    const words = (q.text.toLowerCase().match(/\p{L}+/gu) ?? []).filter(
      (w) => !isStopWord(w) && w.length > 2,
    )
    const count = 1 + Math.floor(random() * 3)
    const picked = words.slice(0, count)
    const last = picked.pop()
    if (!last) return []
    const cut = 2 + Math.floor(random() * (last.length - 2))
    return [{ ...q, text: [...picked, last.slice(0, cut)].join(' ') }]
  })
}
