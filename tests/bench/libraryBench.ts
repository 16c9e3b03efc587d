/**
 * A large imported library's search, through the same service the app runs: ~10 000 articles
 * of 1–3k words in paragraphs, made from the Cranfield and CACM abstracts. Times the rebuild
 * (in the worker) with no snapshot, the open with a snapshot on disk (load + first answer),
 * searches over the bench's question sets, and memory after the open.
 *
 * `libraryBench` takes a factory for the library (the app's on-disk library by default).
 */
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import type { ArticleLibrary } from '../../src/main/services/library/articleLibrary'
import {
  contentIdOf,
  openImportedLibrary,
  type ImportedLibrary,
} from '../../src/main/services/library/importedLibrary'
import { SNAPSHOT_FILE } from '../../src/main/services/search/indexStore'
import { createLibrarySearch } from '../../src/main/services/search/librarySearch'
import type { Article } from '../../src/shared/types'
import { seededRandom } from './corpus'
import type { BenchDocument, BenchQuery } from './cranfield'
import { percentile } from './metrics'

export interface LibraryFigures {
  articles: number
  paragraphs: number
  words: number
  /** No snapshot: the worker builds the index; the main thread's longest stall meanwhile. */
  rebuildms: number
  rebuildStallms: number
  snapshotmb: number
  /** A snapshot on disk: from opening the library (its catalog) to the first search answered. */
  openms: number
  /** The same in CPU time of the process (the worker is idle then): fairer on a shared machine. */
  opencpums: number
  openStallms: number
  /** Searches (snippets included) per question set, over the opened index. */
  search: {
    set: string
    queries: number
    p50ms: number
    p99ms: number
    /** The same in CPU time (user + system) of the process: fairer on a shared machine. */
    p50cpums: number
    p99cpums: number
  }[]
  /**
   * After the open, collected: the process's heap and RSS, and what the index holds (heap and
   * buffers: loaded postings stay in the snapshot's bytes, outside the heap).
   */
  heapmb: number
  rssmb: number
  indexmb: number
}

/**
 * A library of the given articles in the data folder `dir`; `reopen` opens it again as the
 * app does at start (its cost counts towards the time to a usable window).
 */
export type LibraryFactory = (
  articles: Article[],
  dir: string,
) => Promise<{ library: ArticleLibrary; reopen?: () => Promise<ArticleLibrary> }>

/**
 * The app's own library of imported articles: one folder each under `library/articles/`,
 * as an import leaves them (written here without flushing each file, which only an import
 * needs), then opened once so that its catalog is written, as after any import.
 */
export const onDiskLibrary: LibraryFactory = async (articles, dir) => {
  const root = join(dir, 'library', 'articles')
  for (const [i, a] of articles.entries()) {
    const id = contentIdOf(Buffer.from(`bench article ${i}`))
    const folder = join(root, id)
    await mkdir(join(folder, 'images'), { recursive: true })
    await writeFile(join(folder, 'article.json'), JSON.stringify({ ...a, id }))
  }
  const first = await openImportedLibrary(dir)
  await first.close()
  let library: ImportedLibrary = await openImportedLibrary(dir)
  return {
    library,
    reopen: async () => {
      await library.close()
      library = await openImportedLibrary(dir)
      return library
    },
  }
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.()
const mb = (bytes: number): number => bytes / 2 ** 20

/**
 * `count` articles of 1–3k words: each a run of abstracts (one per paragraph, sentences
 * shuffled) drawn from both collections, titled by its first abstract's title.
 */
export function libraryArticles(documents: BenchDocument[], count: number, seed = 3): Article[] {
  const random = seededRandom(seed)
  const usable = documents.filter((d) => d.text.split(' ').length >= 30)
  const articles: Article[] = []
  for (let i = 0; i < count; i++) {
    const target = 1000 + Math.floor(random() * 2000)
    const paragraphs: string[] = []
    let words = 0
    let title = ''
    while (words < target) {
      const d = usable[Math.floor(random() * usable.length)] as BenchDocument
      title ||= d.title
      const sentences = d.text.split(/(?<=\s\.)\s+/)
      for (let j = sentences.length - 1; j > 0; j--) {
        const k = Math.floor(random() * (j + 1))
        ;[sentences[j], sentences[k]] = [sentences[k] as string, sentences[j] as string]
      }
      const text = sentences.join(' ')
      paragraphs.push(text)
      words += text.split(' ').length
    }
    articles.push({
      id: `imported-${i.toString(36).padStart(4, '0')}`,
      title: title || `Article ${i}`,
      paragraphs,
      headings: [],
      words,
      readingMinutes: Math.ceil(words / 230),
      origin: 'imported',
    })
  }
  return articles
}

/** How long the main thread was held at most while `work` ran. */
async function stalled<T>(work: () => Promise<T>): Promise<[T, number, number]> {
  const delay = monitorEventLoopDelay({ resolution: 5 })
  delay.enable()
  const start = performance.now()
  const out = await work()
  const ms = performance.now() - start
  // The histogram hears of a stall when its timer next runs: let it.
  await new Promise((resolve) => setTimeout(resolve, 20))
  delay.disable()
  return [out, ms, delay.max / 1e6]
}

export async function libraryBench(options: {
  documents: BenchDocument[]
  questionSets: Record<string, BenchQuery[]>
  count?: number
  factory?: LibraryFactory
  log?: (line: string) => void
}): Promise<LibraryFigures> {
  const log = options.log ?? (() => {})
  const dataDir = await mkdtemp(join(tmpdir(), 'lectern-bench-library-'))
  try {
    log(`library: making ${options.count ?? 10_000} articles…`)
    // The articles' texts are let go once written: the app holds none of them in memory.
    const { made, count, paragraphs, words } = await (async () => {
      const articles = libraryArticles(options.documents, options.count ?? 10_000)
      log('library: writing them…')
      return {
        made: await (options.factory ?? onDiskLibrary)(articles, dataDir),
        count: articles.length,
        paragraphs: articles.reduce((s, a) => s + a.paragraphs.length, 0),
        words: articles.reduce((s, a) => s + a.words, 0),
      }
    })()
    let library = made.library
    const serviceOptions = { dataDir, inlineWords: 0, saveDelayMs: 3_600_000 }

    log('library: rebuild in the worker…')
    const [built, rebuildms, rebuildStallms] = await stalled(async () => {
      const s = createLibrarySearch(library, undefined, serviceOptions)
      await s.whenReady()
      return s
    })
    if (built.status().source !== 'worker') throw new Error(`built by ${built.status().source}`)
    await built.close()
    const snapshotmb = mb((await stat(join(dataDir, SNAPSHOT_FILE))).size)

    gc()
    gc()
    const inUse = (m: NodeJS.MemoryUsage): number => m.heapUsed + m.external
    const before = inUse(process.memoryUsage())
    log('library: open with the snapshot…')
    const firstQuestion = Object.values(options.questionSets)[0]?.[0]?.text ?? 'wing'
    const openCpu = process.cpuUsage()
    const [search, openms, openStallms] = await stalled(async () => {
      // As at start: the library's catalog, then the index from its snapshot, then an answer.
      if (made.reopen) library = await made.reopen()
      const s = createLibrarySearch(library, undefined, serviceOptions)
      await s.whenReady()
      s.search(firstQuestion, 20)
      return s
    })
    // The word lists and a first search of each kind are made in the idle turns just after,
    // before the reader can have typed anything: counted in the open's CPU time, not in the
    // searches'.
    await new Promise((resolve) => setTimeout(resolve, 500))
    const openUsed = process.cpuUsage(openCpu)
    if (search.status().source !== 'snapshot') {
      throw new Error(`opened from ${search.status().source}: ${search.status().problem}`)
    }
    gc()
    gc()
    const memory = process.memoryUsage()

    const sets: LibraryFigures['search'] = []
    for (const [set, queries] of Object.entries(options.questionSets)) {
      log(`library: search, ${set}…`)
      for (const q of queries.slice(0, 20)) search.search(q.text, 20) // warm up
      const times: number[] = []
      const cpuTimes: number[] = []
      for (const q of queries) {
        // Each search is a call of its own in the app, so the event loop turns between two, and
        // V8 runs the collections it has scheduled there; a loop that never yields forces them
        // into a search.
        await new Promise((resolve) => setImmediate(resolve))
        const start = performance.now()
        const cpu = process.cpuUsage()
        search.search(q.text, 20)
        const used = process.cpuUsage(cpu)
        times.push(performance.now() - start)
        cpuTimes.push((used.user + used.system) / 1000)
      }
      sets.push({
        set,
        queries: queries.length,
        p50ms: percentile(times, 50),
        p99ms: percentile(times, 99),
        p50cpums: percentile(cpuTimes, 50),
        p99cpums: percentile(cpuTimes, 99),
      })
    }
    await search.close()
    return {
      articles: count,
      paragraphs,
      words,
      rebuildms,
      rebuildStallms,
      snapshotmb,
      openms,
      opencpums: (openUsed.user + openUsed.system) / 1000,
      openStallms,
      search: sets,
      heapmb: mb(memory.heapUsed),
      rssmb: mb(memory.rss),
      indexmb: mb(inUse(memory) - before),
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}

export function libraryReport(f: LibraryFigures): string {
  const ms = (n: number): string => `${n.toFixed(1)} ms`
  const rows: [string, string, string][] = [
    [
      `open: the library's catalog, the index from its snapshot (${f.snapshotmb.toFixed(1)} MB), the first search`,
      ms(f.openms),
      '< 1 s',
    ],
    ['… in CPU time (with the word lists and first searches made just after)', ms(f.opencpums), ''],
    ['… longest main-thread stall during the open', ms(f.openStallms), ''],
    ['rebuild without a snapshot (worker), to ready', ms(f.rebuildms), ''],
    ['… longest main-thread stall during the rebuild', ms(f.rebuildStallms), ''],
    ...f.search.flatMap((s): [string, string, string][] => [
      [`search p50, ${s.set} (${s.queries} queries, snippets included)`, ms(s.p50ms), ''],
      [`search p99, ${s.set}`, ms(s.p99ms), '< 10 ms'],
      [`… in CPU time, p50 / p99`, `${ms(s.p50cpums)} / ${ms(s.p99cpums)}`, ''],
    ]),
    [
      'memory after the open: heap / RSS of the process (the index’s own heap + buffers)',
      `${f.heapmb.toFixed(0)} / ${f.rssmb.toFixed(0)} MB (${f.indexmb.toFixed(0)} MB)`,
      '',
    ],
  ]
  return [
    `## Library: ${f.articles.toLocaleString('en')} imported articles (${f.paragraphs.toLocaleString('en')} paragraphs, ${(f.words / 1e6).toFixed(1)}M words)`,
    '| path | measured | target |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n')
}
