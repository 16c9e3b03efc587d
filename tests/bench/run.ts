/**
 * `npm run bench`: Lectern's search against its peers on the Cranfield and CACM collections,
 * then on Cranfield replicated to ~10k and ~100k, type-ahead at ~100k, and the app's own hot
 * paths. Prints a Markdown report, or with `--json` one JSON object.
 *
 * A benchmark, not a test: figures depend on the machine. Run with `node --expose-gc` (the
 * npm script does) so that memory is measured after collection.
 */
import { isStopWord } from '../../src/main/services/search/analyzer'
import * as app from './appBench'
import { replicate, strideOf, typeaheadQueries } from './corpus'
import { loadCacm } from './cacm'
import { loadCranfield, type BenchQuery } from './cranfield'
import { allEngines, typeaheadEngines, type Engine } from './engines'
import { epubBench, epubReport, mobyImportBench } from './epubBench'
import { importBench, importReport } from './importBench'
import { libraryBench, libraryReport } from './libraryBench'
import { pdfBench, pdfReport } from './pdfBench'
import { relevanceReport, report, type BenchResult } from './report'
import { runEngine, type EngineFigures } from './searchBench'
import { storeBench, storeReport } from './storeBench'

const json = process.argv.includes('--json')
const quick = process.argv.includes('--quick')
/** Only the relevance of each engine on each collection (a minute, not a quarter of an hour). */
const relevanceOnly = process.argv.includes('--relevance') || process.argv.includes('relevance')
/**
 * `--import-only`: just the import section; `--import-stride N`: every Nth page;
 * `--import-offset K`: starting from page K (another split of the same stride);
 * `--no-baselines` / `--no-defuddle`: leave the other extractors (or the slowest) out;
 * `--per-page FILE`: each page's F1 per extractor, as TSV;
 * `--meta-out FILE`: each page's title, author and date, Lectern's beside the truth, as TSV.
 * `--html-only` (`--only html`): the saved web pages alone, without the PDF and book parts.
 * `--pdf-only`: just the PDF part of the import section; `--pdf-count N` articles printed (48).
 */
const flag = (name: string): string | undefined => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}
/** `--only <section>`: one section alone: store, import, html, pdf, epub, library or relevance. */
const only = flag('--only')
const SECTIONS = ['store', 'import', 'html', 'pdf', 'epub', 'library', 'relevance']
if (only !== undefined && !SECTIONS.includes(only)) {
  throw new Error(`--only takes one of ${SECTIONS.join(', ')}, not ${only}`)
}
const importOnly = process.argv.includes('--import-only') || only === 'import'
const htmlOnly = process.argv.includes('--html-only') || only === 'html'
const pdfOnly = process.argv.includes('--pdf-only') || only === 'pdf'
const epubOnly = process.argv.includes('--epub-only') || only === 'epub'
/** `--library-only`: just the large library section; `--library-count N` articles (10 000). */
const libraryOnly = process.argv.includes('--library-only') || only === 'library'
/**
 * `--skip-import`: the whole report but the import, PDF and book sections (which take far
 * longer than the rest), so search, the app's paths, the store and the library can be read in
 * one run.
 */
const skipImport = process.argv.includes('--skip-import')
const importStride = Number(flag('--import-stride') ?? 1)
const importOffset = Number(flag('--import-offset') ?? 0)
const log = (line: string): void => {
  process.stderr.write(`${line}\n`)
}

type Table = Record<string, EngineFigures>

/** Every engine over one corpus; type-ahead too where asked, on the same built index. */
function runAll(
  engines: Engine[],
  label: string,
  documents: ReturnType<typeof loadCranfield>['documents'],
  queries: BenchQuery[],
  options: { typeahead?: BenchQuery[]; judgedId?: (id: number) => number; passes: number },
): { table: Table; typeahead: Table } {
  const table: Table = {}
  const typeahead: Table = {}
  for (const engine of engines) {
    log(`${label}: ${engine.name}…`)
    const { typeahead: prefixes, ...run } = options
    table[engine.name] = runEngine(engine, documents, queries, run)
    if (prefixes && engine.typeahead) {
      typeahead[engine.name] = runEngine(engine, [], prefixes, {
        ...run,
        typeahead: true,
        reuseIndex: true,
      })
    }
    engine.close()
  }
  return { table, typeahead }
}

async function runImport(): Promise<Awaited<ReturnType<typeof importBench>>> {
  return importBench({
    stride: importStride,
    offset: importOffset,
    baselines: !process.argv.includes('--no-baselines'),
    defuddle: !process.argv.includes('--no-defuddle'),
    log,
    ...(flag('--per-page') ? { perPageOut: flag('--per-page') } : {}),
    ...(flag('--meta-out') ? { metaOut: flag('--meta-out') } : {}),
  })
}

/** The library section: 10k articles from both collections, asked both sets of questions. */
async function runLibrary(): Promise<Awaited<ReturnType<typeof libraryBench>>> {
  const cranfield = loadCranfield()
  const cacm = loadCacm()
  return libraryBench({
    documents: [...cranfield.documents, ...cacm.documents],
    questionSets: {
      cranfield: cranfield.queries,
      cacm: cacm.queries,
      'type-ahead': typeaheadQueries(cranfield.queries, isStopWord),
    },
    count: Number(flag('--library-count') ?? 10_000),
    log,
  })
}

const runPdf = (): ReturnType<typeof pdfBench> =>
  pdfBench({ count: Number(flag('--pdf-count') ?? 48), log })

async function main(): Promise<void> {
  const started = Date.now()
  if (only === 'store') {
    const figures = await storeBench(quick ? [0, 10_000] : undefined, 1000, log)
    process.stdout.write(json ? `${JSON.stringify(figures)}\n` : `${storeReport(figures)}\n`)
    return
  }
  if (pdfOnly) {
    const figures = await runPdf()
    process.stdout.write(json ? `${JSON.stringify(figures)}\n` : `${pdfReport(figures)}\n`)
    return
  }
  if (libraryOnly) {
    const figures = await runLibrary()
    process.stdout.write(json ? `${JSON.stringify(figures)}\n` : `${libraryReport(figures)}\n`)
    return
  }
  if (epubOnly) {
    const books = epubBench(log)
    const moby = await mobyImportBench()
    process.stdout.write(
      json ? `${JSON.stringify({ books, moby })}\n` : `${epubReport(books, moby)}\n`,
    )
    return
  }
  if (htmlOnly) {
    const figures = await runImport()
    process.stdout.write(json ? `${JSON.stringify(figures)}\n` : `${importReport(figures)}\n`)
    return
  }
  if (importOnly) {
    const figures = await runImport()
    const pdf = await runPdf()
    const books = epubBench(log)
    const moby = await mobyImportBench()
    process.stdout.write(
      json
        ? `${JSON.stringify({ ...figures, pdf, epub: books, moby })}\n`
        : `${importReport(figures)}\n\n${pdfReport(pdf)}\n\n${epubReport(books, moby)}\n`,
    )
    return
  }
  // The app's start-up first, while nothing else has warmed the parsers up.
  log('app: start-up…')
  const startupms = await app.startup()

  const { documents, queries } = loadCranfield()
  const stride = strideOf(documents)
  const judgedId = (id: number): number => id % stride
  const prefixes = typeaheadQueries(queries, isStopWord)

  const cranfield = runAll(allEngines(), 'cranfield', documents, queries, { passes: 3 })
  const cacmCollection = loadCacm()
  const cacm = runAll(allEngines(), 'cacm', cacmCollection.documents, cacmCollection.queries, {
    passes: 3,
  })
  if (relevanceOnly) {
    process.stdout.write(relevanceReport({ cranfield: cranfield.table, cacm: cacm.table }))
    return
  }
  const docs10k = replicate(documents, 7)
  const scale10k = runAll(allEngines(), '10k', docs10k, queries, { judgedId, passes: 1 })
  let scale100k: Table = {}
  let typeahead100k: Table = {}
  let count100k = 0
  if (!quick) {
    const docs100k = replicate(documents, 72)
    count100k = docs100k.length
    const engines = [
      ...allEngines(),
      ...typeaheadEngines().filter((e) => e.name === 'flexsearch-forward'),
    ]
    const run = runAll(engines, '100k', docs100k, queries, {
      judgedId,
      passes: 1,
      typeahead: prefixes,
    })
    scale100k = run.table
    typeahead100k = run.typeahead
    // That engine is there for type-ahead only: its build belongs in that table.
    const forward = scale100k['flexsearch-forward']
    const forwardTypeahead = typeahead100k['flexsearch-forward']
    if (forward && forwardTypeahead) {
      Object.assign(forwardTypeahead, {
        buildms: forward.buildms,
        buildcpums: forward.buildcpums,
        heapmb: forward.heapmb,
      })
    }
    delete scale100k['flexsearch-forward']
  }

  log('app: index of ~10k articles…')
  const index10k = app.index10k(docs10k)
  log('app: saves…')
  const save = await app.saves(quick ? [0, 10_000] : [0, 10_000, 100_000])
  log('app: export…')
  const export10kms = await app.export10k()
  log('app: first paint…')
  const firstPaint50kms = await app.firstPaint(documents)
  log('store…')
  const storeFigures = await storeBench(quick ? [0, 10_000] : undefined, 1000, log)
  const importFigures = skipImport ? undefined : await runImport()
  const pdfFigures = skipImport ? undefined : await runPdf()
  const epubFigures = skipImport ? undefined : epubBench(log)
  const mobyFigures = skipImport ? undefined : await mobyImportBench()
  const libraryFigures = await runLibrary()

  const result: BenchResult = {
    machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
    corpus: {
      cranfield: documents.length,
      cacm: cacmCollection.documents.length,
      cacmQueries: cacmCollection.queries.length,
      scale10k: docs10k.length,
      scale100k: count100k,
      queries: queries.length,
      typeahead: prefixes.length,
    },
    cranfield: cranfield.table,
    cacm: cacm.table,
    scale10k: scale10k.table,
    scale100k,
    typeahead100k,
    app: { startupms, index10k, save, export10kms, firstPaint50kms },
    import: importFigures,
    pdf: pdfFigures,
    epub: epubFigures,
    library: libraryFigures,
    store: storeFigures,
    seconds: Math.round((Date.now() - started) / 1000),
  }
  process.stdout.write(
    json
      ? `${JSON.stringify(result)}\n`
      : [
          report(result),
          libraryReport(libraryFigures),
          importFigures && importReport(importFigures),
          pdfFigures && pdfReport(pdfFigures),
          epubFigures && mobyFigures && epubReport(epubFigures, mobyFigures),
          storeReport(storeFigures),
        ]
          .filter(Boolean)
          .join('\n\n') + '\n',
  )
}

await main()
