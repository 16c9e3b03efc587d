/** The benchmark's Markdown report: one table per corpus, ratios to Lectern beside each figure. */
import type { epubBench } from './epubBench'
import type { AppFigures } from './appBench'
import type { importBench } from './importBench'
import type { pdfBench } from './pdfBench'
import type { LibraryFigures } from './libraryBench'
import type { EngineFigures } from './searchBench'
import type { StoreFigures } from './storeBench'

export interface BenchResult {
  machine: { node: string; cpus: number }
  corpus: {
    cranfield: number
    cacm: number
    cacmQueries: number
    scale10k: number
    scale100k: number
    queries: number
    typeahead: number
  }
  cranfield: Record<string, EngineFigures>
  cacm: Record<string, EngineFigures>
  scale10k: Record<string, EngineFigures>
  scale100k: Record<string, EngineFigures>
  typeahead100k: Record<string, EngineFigures>
  app: AppFigures
  /** Left out with `--skip-import`. */
  import: Awaited<ReturnType<typeof importBench>> | undefined
  pdf: Awaited<ReturnType<typeof pdfBench>> | undefined
  epub: ReturnType<typeof epubBench> | undefined
  library: LibraryFigures
  store: StoreFigures
  seconds: number
}

const fixed = (n: number, digits: number): string => (Number.isFinite(n) ? n.toFixed(digits) : '—')

/** A figure with its ratio to Lectern's, e.g. `0.301 (0.85×)`. */
function withRatio(value: number, lectern: number | undefined, digits: number): string {
  if (!Number.isFinite(value)) return '—'
  if (lectern === undefined || !lectern || value === lectern) return fixed(value, digits)
  return `${fixed(value, digits)} (${fixed(value / lectern, 2)}×)`
}

function table(rows: Record<string, EngineFigures>, relevance: boolean): string {
  const lectern = rows.lectern
  const head = relevance
    ? [
        'engine',
        'MAP@100',
        'nDCG@10',
        'P@10',
        'R@100',
        'p50 ms',
        'p99 ms',
        'p99 CPU ms',
        'build ms',
        'build CPU ms',
        'heap MB',
      ]
    : [
        'engine',
        'p50 ms',
        'p99 ms',
        'p99 CPU ms',
        'queries timed',
        'build ms',
        'build CPU ms',
        'heap MB',
      ]
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`]
  for (const [name, f] of Object.entries(rows)) {
    const cells = [
      name === 'lectern' ? '**lectern**' : name,
      ...(relevance
        ? [
            withRatio(f.map, lectern?.map, 3),
            withRatio(f.ndcg10, lectern?.ndcg10, 3),
            withRatio(f.p10, lectern?.p10, 3),
            withRatio(f.recall100, lectern?.recall100, 3),
          ]
        : []),
      withRatio(f.p50ms, lectern?.p50ms, 3),
      withRatio(f.p99ms, lectern?.p99ms, 3),
      withRatio(f.p99cpums, lectern?.p99cpums, 3),
      ...(relevance ? [] : [String(f.timed)]),
      f.buildms ? withRatio(f.buildms, lectern?.buildms, 0) : '(same index)',
      f.buildms ? withRatio(f.buildcpums, lectern?.buildcpums, 0) : '',
      f.buildms ? withRatio(f.heapmb, lectern?.heapmb, 1) : '',
    ]
    lines.push(`| ${cells.join(' | ')} |`)
  }
  return lines.join('\n')
}

/**
 * Every engine's relevance on every collection side by side, with the mean over them: the
 * figure defaults are chosen by, since no single collection stands for the ones not seen.
 */
export function relevanceTable(collections: Record<string, Record<string, EngineFigures>>): string {
  const names = Object.keys(collections)
  const engines = [...new Set(names.flatMap((c) => Object.keys(collections[c] ?? {})))]
  const head = [
    'engine',
    ...names.flatMap((c) => [`${c} nDCG@10`, `${c} MAP@100`]),
    'mean nDCG@10',
    'mean MAP@100',
  ]
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`]
  const mean = (e: string, f: (x: EngineFigures) => number): number =>
    names.reduce((s, c) => s + f(collections[c]?.[e] as EngineFigures), 0) / names.length
  for (const e of engines) {
    const cells = names.flatMap((c) => {
      const x = collections[c]?.[e]
      return x ? [fixed(x.ndcg10, 3), fixed(x.map, 3)] : ['—', '—']
    })
    cells.push(
      fixed(
        mean(e, (x) => x.ndcg10),
        3,
      ),
      fixed(
        mean(e, (x) => x.map),
        3,
      ),
    )
    lines.push(`| ${e === 'lectern' ? '**lectern**' : e} | ${cells.join(' | ')} |`)
  }
  return lines.join('\n')
}

/** The report of `--relevance`: the collections alone. */
export function relevanceReport(
  collections: Record<string, Record<string, EngineFigures>>,
): string {
  return `${[
    '# Lectern relevance',
    relevanceTable(collections),
    ...Object.entries(collections).map(([name, rows]) => `## ${name}\n\n${table(rows, true)}`),
  ].join('\n\n')}\n`
}

function appTable(app: AppFigures): string {
  const ms = (n: number | null): string => (n === null ? 'no Chromium' : `${n.toFixed(1)} ms`)
  const rows: [string, string, string][] = [
    ['start-up to ready (parse + index the 5 seeds, first search)', ms(app.startupms), '< 300 ms'],
    [`${app.index10k.articles} articles: index rebuilt`, ms(app.index10k.rebuildms), '< 1 s'],
    [
      `${app.index10k.articles} articles: index loaded from its snapshot (${app.index10k.snapshotmb.toFixed(1)} MB)`,
      ms(app.index10k.loadms),
      '< 1 s',
    ],
    ...app.save.map((s): [string, string, string] => [
      `bookmark save, durable, with ${s.bookmarks.toLocaleString('en')} saved (file ${s.filemb.toFixed(1)} MB)`,
      ms(s.p50ms),
      '< 20 ms',
    ]),
    ['Markdown export of 10,000 bookmarks', ms(app.export10kms), '< 1 s'],
    ['first paint of a 50k-word article in Chromium', ms(app.firstPaint50kms), ''],
  ]
  return [
    '| path | measured | target |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n')
}

export function report(r: BenchResult): string {
  const c = r.corpus
  return `${[
    `# Lectern benchmark`,
    `Node ${r.machine.node}, ${r.machine.cpus} cores; ${r.seconds} s. Ratios are to Lectern's figure (relevance: higher is better; time and memory: lower is better).`,
    `## Relevance on every collection (the mean chooses the defaults)`,
    relevanceTable({ cranfield: r.cranfield, cacm: r.cacm }),
    `## Cranfield: ${c.cranfield} abstracts, ${c.queries} questions (MAP, nDCG@10 with graded gains)`,
    table(r.cranfield, true),
    `## CACM: ${c.cacm} titles and abstracts (many a title alone), ${c.cacmQueries} questions (binary judgements)`,
    table(r.cacm, true),
    `## ~10k: ${c.scale10k} documents (Cranfield replicated, sentences shuffled)`,
    table(r.scale10k, false),
    ...(c.scale100k
      ? [
          `## ~100k: ${c.scale100k} documents`,
          table(r.scale100k, false),
          `## Type-ahead at ~100k: ${c.typeahead} queries of 1–3 words, the last a prefix`,
          table(r.typeahead100k, false),
        ]
      : []),
    `## The app's hot paths`,
    appTable(r.app),
  ].join('\n\n')}\n`
}
