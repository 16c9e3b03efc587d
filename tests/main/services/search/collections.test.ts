/**
 * Relevance on the judged collections against SQLite FTS5's bm25, computed here in the same
 * run on the same questions: Lectern must rank at least as well on each collection.
 */
import { describe, expect, it } from 'vitest'
import { loadCacm } from '../../../bench/cacm'
import { loadCranfield, type Collection } from '../../../bench/cranfield'
import { fts5, lectern, type Engine } from '../../../bench/engines'
import { averagePrecision, ndcg } from '../../../bench/metrics'

function measure(
  engine: Engine,
  { documents, queries }: Collection,
): { ndcg: number; map: number } {
  engine.build(documents)
  let gain = 0
  let precision = 0
  for (const q of queries) {
    const ranking = engine.search(q.text, 100)
    gain += ndcg(ranking, q, 10)
    precision += averagePrecision(ranking, q, 100)
  }
  engine.close()
  return { ndcg: gain / queries.length, map: precision / queries.length }
}

describe.each([
  ['Cranfield', loadCranfield],
  ['CACM', loadCacm],
])('relevance on %s', (_name, load) => {
  it('is at least that of SQLite FTS5 bm25, on nDCG@10 and on MAP@100', () => {
    const collection = load()
    const ours = measure(lectern(), collection)
    const theirs = measure(fts5(), collection)
    expect(ours.ndcg).toBeGreaterThanOrEqual(theirs.ndcg)
    expect(ours.map).toBeGreaterThanOrEqual(theirs.map)
  }, 120_000)
})
