/**
 * Every bench question over the 10k library, one by one: its CPU time and its whole answer,
 * as JSON lines, so two versions of the search can be compared hit by hit and timed back to
 * back. `node --expose-gc --import tsx tests/bench/libraryCompare.ts DATA_DIR OUT.jsonl`
 * (DATA_DIR is kept between runs so the snapshot is built once).
 */
import { writeFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { isStopWord } from '../../src/main/services/search/analyzer'
import { createLibrarySearch } from '../../src/main/services/search/librarySearch'
import { createArticleLibrary } from '../../src/main/services/library/articleLibrary'
import { loadCacm } from './cacm'
import { typeaheadQueries } from './corpus'
import { loadCranfield } from './cranfield'
import { libraryArticles } from './libraryBench'

async function main(): Promise<void> {
  const [dataDir, out] = process.argv.slice(2) as [string, string]
  await mkdir(dataDir, { recursive: true })
  const cranfield = loadCranfield()
  const cacm = loadCacm()
  const articles = libraryArticles([...cranfield.documents, ...cacm.documents], 10_000)
  const search = createLibrarySearch(createArticleLibrary(articles), undefined, {
    dataDir,
    inlineWords: 0,
    saveDelayMs: 0,
  })
  await search.whenReady()
  // As in the bench: the word lists are made just after the index is ready.
  await new Promise((resolve) => setTimeout(resolve, 1500))
  process.stderr.write(`source ${search.status().source}\n`)
  const sets = {
    cranfield: cranfield.queries,
    cacm: cacm.queries,
    'type-ahead': typeaheadQueries(cranfield.queries, isStopWord),
  }
  const lines: string[] = []
  for (const [set, queries] of Object.entries(sets)) {
    for (const q of queries.slice(0, 20)) search.search(q.text, 20)
    for (const q of queries) {
      const cpu = process.cpuUsage()
      const answer = search.search(q.text, 20)
      const used = process.cpuUsage(cpu)
      const ms = (used.user + used.system) / 1000
      lines.push(JSON.stringify({ set, q: q.text, ms, answer }))
    }
  }
  await search.close()
  writeFileSync(out, `${lines.join('\n')}\n`)
}

void main()
