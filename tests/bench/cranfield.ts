/**
 * The Cranfield collection: 1400 aeronautics abstracts, 225 questions and Cleverdon's
 * relevance judgements (codes 1 = complete answer … 4 = minimum interest; -1 marks none).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface BenchDocument {
  id: number
  title: string
  text: string
}

export interface BenchQuery {
  /** 1-based position in cran.qry: the number cranqrel uses (the .I numbers skip some). */
  id: number
  text: string
  /** Relevant document id → grade (4 = complete answer … 1 = minimum interest). */
  relevant: Map<number, number>
}

export interface Collection {
  documents: BenchDocument[]
  queries: BenchQuery[]
}

const DIR = join(import.meta.dirname, 'data', 'cranfield')

/** Splits a SMART-format file (Cranfield, CACM) into records of `.X` fields. */
export function records(text: string): Map<string, string>[] {
  return text
    .split(/^\.I /m)
    .slice(1)
    .map((chunk) => {
      const fields = new Map<string, string>()
      const [head = '', ...rest] = chunk.split(/^\.([A-Z])$/m)
      fields.set('I', head.trim())
      for (let i = 0; i + 1 < rest.length; i += 2) {
        fields.set(rest[i] as string, (rest[i + 1] as string).replace(/\s+/g, ' ').trim())
      }
      return fields
    })
}

export function loadCranfield(dir = DIR): Collection {
  const documents = records(readFileSync(join(dir, 'cran.all.1400'), 'latin1')).map((r) => ({
    id: Number(r.get('I')),
    title: r.get('T') ?? '',
    text: r.get('W') ?? '',
  }))
  const relevant = new Map<number, Map<number, number>>()
  for (const line of readFileSync(join(dir, 'cranqrel'), 'latin1').split('\n')) {
    const [q, d, code] = line.trim().split(/\s+/).map(Number)
    if (!q || !d || code === undefined || code < 1 || code > 4) continue
    const judged = relevant.get(q) ?? new Map<number, number>()
    judged.set(d, 5 - code)
    relevant.set(q, judged)
  }
  const queries = records(readFileSync(join(dir, 'cran.qry'), 'latin1')).map((r, i) => ({
    id: i + 1,
    text: r.get('W') ?? '',
    relevant: relevant.get(i + 1) ?? new Map<number, number>(),
  }))
  return { documents, queries: queries.filter((q) => q.relevant.size > 0) }
}
