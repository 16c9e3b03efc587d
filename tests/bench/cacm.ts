/**
 * The CACM collection: 3204 titles and abstracts from the Communications of the ACM (many
 * records are a title alone), 64 questions, 52 of them judged; judgements are binary.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { records, type Collection } from './cranfield'

const DIR = join(import.meta.dirname, 'data', 'cacm')

export function loadCacm(dir = DIR): Collection {
  // Title and abstract only: authors, dates and citation data are not text to search.
  const documents = records(readFileSync(join(dir, 'cacm.all'), 'latin1')).map((r) => ({
    id: Number(r.get('I')),
    title: r.get('T') ?? '',
    text: r.get('W') ?? '',
  }))
  const relevant = new Map<number, Map<number, number>>()
  for (const line of readFileSync(join(dir, 'qrels.text'), 'latin1').split('\n')) {
    const [q, d] = line.trim().split(/\s+/).map(Number)
    if (!q || !d) continue
    const judged = relevant.get(q) ?? new Map<number, number>()
    judged.set(d, 1)
    relevant.set(q, judged)
  }
  const queries = records(readFileSync(join(dir, 'query.text'), 'latin1')).map((r) => {
    const id = Number(r.get('I'))
    return { id, text: r.get('W') ?? '', relevant: relevant.get(id) ?? new Map<number, number>() }
  })
  return { documents, queries: queries.filter((q) => q.relevant.size > 0) }
}
