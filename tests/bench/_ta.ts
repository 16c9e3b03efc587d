import { loadCranfield } from './cranfield'
import { replicate, typeaheadQueries } from './corpus'
import { SearchIndex } from '../../src/main/services/search/searchIndex'
import { isStopWord } from '../../src/main/services/search/analyzer'
import { percentile } from './metrics'
const c = loadCranfield()
const docs = replicate(c.documents, Number(process.argv[2] ?? 72))
let t = performance.now()
const index = new SearchIndex()
for (const d of docs) index.addArticle({ id: String(d.id), title: d.title, paragraphs: [d.text] })
console.log('add', (performance.now() - t).toFixed(0)); t = performance.now()
index.rank('x', 1)
console.log('flush', (performance.now() - t).toFixed(0))
const qs = typeaheadQueries(c.queries, isStopWord)
for (let pass = 0; pass < 6; pass++) {
  const times: number[] = []
  const slow: [number, string][] = []
  for (const q of qs) { const t0 = performance.now(); index.rank(q.text, 100); const dt = performance.now() - t0; times.push(dt); slow.push([dt, q.text]) }
  console.log('typeahead p50', percentile(times, 50).toFixed(3), 'p99', percentile(times, 99).toFixed(3), slow.sort((a, b) => b[0] - a[0]).slice(0, 4).map(([d, q]) => `${q}:${d.toFixed(1)}`).join(' | '))
}
