/**
 * The import section: what Lectern, Readability alone and Defuddle make of the WCXB
 * development pages (../shared/bench/wcxb-dev), scored against their human ground truth by
 * page type, with pages per second and memory.
 *
 * Each extractor gets the page as saved. Readability and Defuddle run over jsdom 29 in this
 * process, on the page without scripts and style sheets (as Lectern parses it; with them jsdom's
 * CSS parser loops for seconds on some pages), and their text is taken as they give it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { Readability } from '@mozilla/readability'
import { JSDOM } from 'jsdom'
import { decodeHtml } from '../../src/main/services/import/decode'
import { isoDate } from '../../src/main/services/import/dates'
import { withoutScriptsAndStyles } from '../../src/main/services/import/html/extractHtml'
import { ImportService } from '../../src/main/services/import/importService'
import { blocksToText } from '../../src/main/services/import/types'
import { sameAuthors, sameText, wordF1, words, type Prf } from './extractionMetrics'

export const WCXB = join(import.meta.dirname, '..', '..', '..', 'shared', 'bench', 'wcxb-dev')

interface Truth {
  id: string
  type: string
  url: string
  title: string | null
  author: string | null
  date: string | null
  text: string
}

interface Extraction {
  title?: string | null
  author?: string | null
  date?: string | null
  text: string
}

export interface ExtractorFigures {
  /** Per page type, then `all`. */
  byType: Record<string, Prf & { pages: number; failed: number }>
  title: number
  author: number
  date: number
  pagesPerSecond: number
  /**
   * Pages whose ground truth has no text: F1 is undefined there (recall divides by its
   * words), so they are left out of the text figures, as pages without a title are of titles.
   */
  unscored: string[]
}

export interface ImportFigures {
  pages: number
  stride: number
  offset: number
  extractors: Record<string, ExtractorFigures>
  /** Peak resident memory of the process (worker included) over Lectern's run, MB. */
  peakRssMb: number
  /** Heap in use after the first tenth and after the last page, MB: flat means no leak. */
  heapEarlyMb: number
  heapEndMb: number
}

function loadTruth(stride: number, offset: number): Truth[] {
  const dir = join(WCXB, 'ground-truth')
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .filter((_, i) => i % stride === offset % stride)
    .map((f) => {
      const d = JSON.parse(readFileSync(join(dir, f), 'utf8'))
      const g = d.ground_truth
      return {
        id: f.replace('.json', ''),
        type: d._internal?.page_type?.primary ?? 'unknown',
        url: d.url,
        title: g.title,
        author: g.author,
        date: g.publish_date,
        text: g.main_content ?? '',
      }
    })
}

const pageBytes = (id: string): Buffer =>
  gunzipSync(readFileSync(join(WCXB, 'html', `${id}.html.gz`)))

type Run = (t: Truth, bytes: Buffer) => Promise<Extraction>

function readabilityRun(): Run {
  return async (t, bytes) => {
    const dom = new JSDOM(withoutScriptsAndStyles(decodeHtml(bytes)), t.url ? { url: t.url } : {})
    try {
      const r = new Readability(dom.window.document).parse()
      return {
        title: r?.title,
        author: r?.byline,
        date: isoDate(r?.publishedTime ?? undefined),
        text: r?.textContent ?? '',
      }
    } finally {
      dom.window.close()
    }
  }
}

async function defuddleRun(): Promise<Run> {
  const { Defuddle } = await import('defuddle/node')
  return async (t, bytes) => {
    const dom = new JSDOM(withoutScriptsAndStyles(decodeHtml(bytes)), t.url ? { url: t.url } : {})
    try {
      const r = await Defuddle(dom.window.document, t.url, { markdown: false })
      const text = new JSDOM(`<body>${r.content}</body>`)
      try {
        return {
          title: r.title,
          author: r.author,
          date: isoDate(r.published),
          text: text.window.document.body.textContent ?? '',
        }
      } finally {
        text.window.close()
      }
    } finally {
      dom.window.close()
    }
  }
}

function lecternRun(service: ImportService): Run {
  return async (t, bytes) => {
    const a = await service.extractBytes(`${t.id}.html`, bytes)
    return { title: a.title, author: a.author, date: a.published, text: blocksToText(a.blocks) }
  }
}

async function score(
  name: string,
  run: Run,
  pages: Truth[],
  log: (s: string) => void,
  onPage?: (i: number) => void,
  metaRows?: string[],
): Promise<{ figures: ExtractorFigures; perPage: Map<string, number> }> {
  const sums: Record<string, { p: number; r: number; f: number; n: number; failed: number }> = {}
  /** Right and judged, per field. */
  const meta = {
    title: { right: 0, judged: 0 },
    author: { right: 0, judged: 0 },
    date: { right: 0, judged: 0 },
  }
  const perPage = new Map<string, number>()
  const unscored: string[] = []
  const started = performance.now()
  for (const [i, t] of pages.entries()) {
    let e: Extraction = { text: '' }
    let failed = 0
    try {
      e = await run(t, pageBytes(t.id))
    } catch (err) {
      failed = 1
      log(`  ${name} ${t.id}: ${err instanceof Error ? err.message : String(err)}`)
    }
    const prf = wordF1(e.text, t.text)
    const scored = words(t.text).length > 0
    if (scored) perPage.set(t.id, prf.f1)
    else unscored.push(t.id)
    for (const key of scored ? [t.type, 'all'] : []) {
      const s = (sums[key] ??= { p: 0, r: 0, f: 0, n: 0, failed: 0 })
      s.p += prf.precision
      s.r += prf.recall
      s.f += prf.f1
      s.n++
      s.failed += failed
    }
    const check = (k: keyof typeof meta, truth: string | null, ok: boolean): void => {
      if (!truth) return
      meta[k].judged++
      if (ok) meta[k].right++
    }
    check('title', t.title, sameText(e.title, t.title))
    check('author', t.author, sameAuthors(e.author, t.author))
    check('date', t.date, Boolean(e.date) && e.date === t.date)
    if (metaRows) {
      const cell = (v: string | null | undefined): string => (v ?? '').replace(/\s+/g, ' ')
      const mark = (truth: string | null, ok: boolean): string => (!truth ? '-' : ok ? '1' : '0')
      metaRows.push(
        [
          t.id,
          t.type,
          mark(t.title, sameText(e.title, t.title)),
          mark(t.author, sameAuthors(e.author, t.author)),
          mark(t.date, Boolean(e.date) && e.date === t.date),
          cell(e.title),
          cell(t.title),
          cell(e.author),
          cell(t.author),
          cell(e.date),
          cell(t.date),
          t.url,
        ].join('\t'),
      )
    }
    onPage?.(i)
  }
  const seconds = (performance.now() - started) / 1000
  const byType: ExtractorFigures['byType'] = {}
  for (const [k, s] of Object.entries(sums))
    byType[k] = {
      precision: s.p / s.n,
      recall: s.r / s.n,
      f1: s.f / s.n,
      pages: s.n,
      failed: s.failed,
    }
  const rate = ({ right, judged }: { right: number; judged: number }): number =>
    judged ? right / judged : NaN
  return {
    figures: {
      byType,
      title: rate(meta.title),
      author: rate(meta.author),
      date: rate(meta.date),
      pagesPerSecond: pages.length / seconds,
      unscored,
    },
    perPage,
  }
}

export async function importBench(options: {
  stride: number
  /**
   * Which pages of each stride: with stride 5, offset 0 is pages 0, 5, 10…, offset 2 pages
   * 2, 7, 12… (a split held out from tuning on offset 0).
   */
  offset?: number
  baselines: boolean
  /** Defuddle is several times slower than the others: it can be left out of a run. */
  defuddle?: boolean
  log: (s: string) => void
  /** Where to write each page's F1 per extractor (for looking into the worst pages; `-` unscored). */
  perPageOut?: string
  /** Where to write each page's title, author and date, Lectern's beside the truth. */
  metaOut?: string
}): Promise<ImportFigures | { skipped: string }> {
  if (!existsSync(join(WCXB, 'ground-truth')))
    return {
      skipped: `no WCXB pages at ${WCXB} (the shared benchmark data is not on this machine)`,
    }
  const offset = options.offset ?? 0
  const pages = loadTruth(options.stride, offset)
  const { log } = options
  // A minute per page: the machine running the benchmark may be shared.
  const service = new ImportService({ timeoutMs: 60_000 })
  const gc = (globalThis as { gc?: () => void }).gc
  let peakRss = 0
  let heapEarly = 0
  const mem = (): number => {
    gc?.()
    return process.memoryUsage().heapUsed / 1024 / 1024
  }
  // One untimed page first: the worker's start-up is not a page's cost.
  await service.extractBytes('warm-up.html', pageBytes(pages[0]!.id)).catch(() => undefined)
  log(`import: lectern on ${pages.length} pages…`)
  const metaRows: string[] | undefined = options.metaOut ? [] : undefined
  const lectern = await score(
    'lectern',
    lecternRun(service),
    pages,
    log,
    (i) => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss)
      if (i === Math.floor(pages.length / 10)) heapEarly = mem()
    },
    metaRows,
  )
  if (options.metaOut && metaRows) {
    const { writeFileSync } = await import('node:fs')
    const head =
      'id\ttype\ttitle_ok\tauthor_ok\tdate_ok\ttitle\ttrue_title\tauthor\ttrue_author\tdate\ttrue_date\turl'
    writeFileSync(options.metaOut, `${head}\n${metaRows.join('\n')}\n`)
  }
  await service.close()
  const heapEnd = mem()
  const extractors: Record<string, ExtractorFigures> = { lectern: lectern.figures }
  const perPage: Record<string, Map<string, number>> = { lectern: lectern.perPage }
  if (options.baselines) {
    log(`import: readability on ${pages.length} pages…`)
    const r = await score('readability', readabilityRun(), pages, log)
    extractors.readability = r.figures
    perPage.readability = r.perPage
  }
  if (options.baselines && options.defuddle !== false) {
    log(`import: defuddle on ${pages.length} pages…`)
    const d = await score('defuddle', await defuddleRun(), pages, log)
    extractors.defuddle = d.figures
    perPage.defuddle = d.perPage
  }
  if (options.perPageOut) {
    const { writeFileSync } = await import('node:fs')
    const rows = pages.map((t) =>
      [t.id, t.type, ...Object.values(perPage).map((m) => m.get(t.id)?.toFixed(3) ?? '-')].join(
        '\t',
      ),
    )
    writeFileSync(
      options.perPageOut,
      `id\ttype\t${Object.keys(perPage).join('\t')}\n${rows.join('\n')}\n`,
    )
  }
  return {
    pages: pages.length,
    stride: options.stride,
    offset,
    extractors,
    peakRssMb: peakRss / 1024 / 1024,
    heapEarlyMb: heapEarly,
    heapEndMb: heapEnd,
  }
}

const pct = (n: number): string => (Number.isFinite(n) ? `${(n * 100).toFixed(1)} %` : '—')
const f3 = (n: number | undefined): string =>
  n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(3)

export function importReport(r: ImportFigures | { skipped: string }): string {
  if ('skipped' in r) return `## Import\n\nSkipped: ${r.skipped}.`
  const types = ['article', 'documentation', 'forum', 'all']
  const names = Object.keys(r.extractors)
  const head = ['page type (pages)', ...names.map((n) => `${n} F1 (P / R)`)]
  const rows = types.map((type) => {
    const n = r.extractors.lectern?.byType[type]?.pages ?? 0
    return [
      `${type} (${n})`,
      ...names.map((name) => {
        const f = r.extractors[name]?.byType[type]
        return f
          ? `${f3(f.f1)} (${f3(f.precision)} / ${f3(f.recall)})${f.failed ? `, ${f.failed} failed` : ''}`
          : '—'
      }),
    ]
  })
  const metaHead = ['extractor', 'title', 'author', 'date', 'pages/s']
  const unscored = r.extractors.lectern?.unscored ?? []
  const metaRows = names.map((name) => {
    const f = r.extractors[name] as ExtractorFigures
    return [name, pct(f.title), pct(f.author), pct(f.date), f.pagesPerSecond.toFixed(2)]
  })
  const table = (h: string[], rs: string[][]): string =>
    [
      `| ${h.join(' | ')} |`,
      `|${h.map(() => '---').join('|')}|`,
      ...rs.map((x) => `| ${x.join(' | ')} |`),
    ].join('\n')
  return [
    `## Import: ${r.pages} WCXB development pages${r.stride > 1 ? ` (every ${r.stride}th from page ${r.offset % r.stride})` : ''}`,
    'Word-level F1 per page, averaged (precision / recall); metadata exactly right, over the pages whose ground truth has it.',
    table(head, rows),
    table(metaHead, metaRows),
    ...(unscored.length
      ? [
          `Not in the text figures: ${unscored.length} page(s) whose ground truth has no text (${unscored.join(', ')}).`,
        ]
      : []),
    `Lectern's memory: peak ${r.peakRssMb.toFixed(0)} MB resident (worker included); heap ${r.heapEarlyMb.toFixed(1)} MB after the first tenth of the pages, ${r.heapEndMb.toFixed(1)} MB after the last.`,
  ].join('\n\n')
}
