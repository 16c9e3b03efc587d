/**
 * The PDF part of the import section: what Lectern makes of PDFs whose text is known (see
 * pdfCorpus.ts), by layout and by split. Word F1 as for web pages; paragraph boundaries as
 * precision and recall of where blocks start (each block known by its first words); headings
 * found. Layout rules are chosen on the tuning split (by the mean over both layouts) and
 * reported on both splits, the held-out one never looked at while choosing.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ImportService } from '../../src/main/services/import/importService'
import { extractPdf } from '../../src/main/services/import/pdf/extractPdf'
import { DEFAULT_RULES, type LayoutRules } from '../../src/main/services/import/pdf/layout'
import { readPdf, type PdfContent } from '../../src/main/services/import/pdf/readPdf'
import { blocksToText, type Block } from '../../src/main/services/import/types'
import { wordF1, words } from './extractionMetrics'
import { longPdf, renderedPdfs, type PdfLayout, type PdfSplit, type RenderedPdf } from './pdfCorpus'

export interface PdfSetFigures {
  documents: number
  pages: number
  f1: number
  precision: number
  recall: number
  boundaryPrecision: number
  boundaryRecall: number
  headingRecall: number
}

export interface PdfFigures {
  sets: Record<string, PdfSetFigures>
  /** The rules in force, and the best of the variants tried on the tuning split. */
  rules: LayoutRules
  bestOnTuning: { rules: LayoutRules; score: number }
  defaultScoreOnTuning: number
  /** Reading the PDFs with pdf.js and rebuilding the text, CPU ms per page. */
  cpuMsPerPage: number
  /** Real PDFs from outside the project (tests/fixtures/import/pdf): no truth, what is made. */
  real: RealPdfFigures[]
  /** One long PDF imported through the import service (its worker and limits). */
  long?: { pages: number; seconds: number; cpuSeconds: number; peakRssMb: number; blocks: number }
}

export interface RealPdfFigures {
  file: string
  pages: number
  headings: number
  paragraphs: number
  listItems: number
  words: number
  cpuMsPerPage: number
}

const REAL_PDFS = join(import.meta.dirname, '..', 'fixtures', 'import', 'pdf')

/** The real PDFs among the fixtures (those not printed by the project's own tool). */
async function realPdfs(): Promise<RealPdfFigures[]> {
  const made = new Set(['one-column.pdf', 'two-columns.pdf', 'scanned.pdf'])
  const files = readdirSync(REAL_PDFS).filter((f) => f.endsWith('.pdf') && !made.has(f))
  const out: RealPdfFigures[] = []
  for (const file of files.sort()) {
    const cpu = process.cpuUsage()
    const content = await readPdf(readFileSync(join(REAL_PDFS, file)))
    const { blocks } = extractPdf(content, { path: file })
    const used = process.cpuUsage(cpu)
    const count = (type: Block['type']) => blocks.filter((b) => b.type === type).length
    out.push({
      file,
      pages: content.pageCount,
      headings: count('heading'),
      paragraphs: count('paragraph'),
      listItems: count('listItem'),
      words: words(blocksToText(blocks)).length,
      cpuMsPerPage: (used.user + used.system) / 1000 / Math.max(1, content.pageCount),
    })
  }
  return out
}

/** Each block by its first four words; the first block starts no boundary. */
function starts(blocks: string[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const b of blocks.slice(1)) {
    const key = words(b).slice(0, 4).join(' ')
    if (key) out.set(key, (out.get(key) ?? 0) + 1)
  }
  return out
}

function overlap(a: Map<string, number>, b: Map<string, number>): number {
  let n = 0
  for (const [k, c] of a) n += Math.min(c, b.get(k) ?? 0)
  return n
}

const total = (m: Map<string, number>): number => [...m.values()].reduce((s, c) => s + c, 0)

function scoreOne(doc: RenderedPdf, blocks: Block[]) {
  const texts = blocks.flatMap((b) => (b.type === 'image' ? [] : [blocksToText([b])]))
  const f = wordF1(blocksToText(blocks), doc.blocks.join('\n\n'))
  const got = starts(texts)
  const want = starts(doc.blocks)
  const hit = overlap(got, want)
  const headings = new Set(
    blocks.flatMap((b) => (b.type === 'heading' ? [words(b.text).join(' ')] : [])),
  )
  return {
    ...f,
    boundaryPrecision: total(got) ? hit / total(got) : 1,
    boundaryRecall: total(want) ? hit / total(want) : 1,
    headings,
  }
}

const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0)

/** The variants tried: each rule moved on its own around the defaults. */
function variants(): LayoutRules[] {
  const out: LayoutRules[] = [DEFAULT_RULES]
  const tries: Partial<LayoutRules>[] = [
    { paragraphGap: 1.15 },
    { paragraphGap: 1.5 },
    { columnGap: 1 },
    { columnGap: 2.5 },
    { headingRatio: 1.05 },
    { headingRatio: 1.25 },
    { repeatShare: 0.25 },
    { repeatShare: 0.6 },
    { footnoteRatio: 0.85 },
  ]
  for (const t of tries) out.push({ ...DEFAULT_RULES, ...t })
  return out
}

export async function pdfBench(
  options: { count?: number; log?: (s: string) => void } = {},
): Promise<PdfFigures | { skipped: string }> {
  const log = options.log ?? (() => {})
  const docs = await renderedPdfs(options.count ?? 48, log)
  if ('skipped' in docs) return docs
  // First, while the process holds nothing else: its memory is then the import's.
  const long = await longImport(options.count ?? 48, log)
  log(`pdf: reading ${docs.length} PDFs…`)
  const contents: PdfContent[] = []
  const cpu = process.cpuUsage()
  let pages = 0
  for (const d of docs) {
    const content = await readPdf(readFileSync(d.file))
    pages += content.pageCount
    contents.push(content)
    extractPdf(content, { path: d.file })
  }
  const used = process.cpuUsage(cpu)
  const cpuMsPerPage = (used.user + used.system) / 1000 / Math.max(1, pages)

  const run = (rules: LayoutRules, keep: (d: RenderedPdf) => boolean) =>
    docs.flatMap((d, i) =>
      keep(d)
        ? [{ d, s: scoreOne(d, extractPdf(contents[i] as PdfContent, { rules }).blocks) }]
        : [],
    )
  // One number per variant: the mean over both layouts of word F1 and boundary F1.
  const tuningScore = (rules: LayoutRules): number => {
    const per = (layout: PdfLayout): number => {
      const r = run(rules, (d) => d.split === 'tuning' && d.layout === layout)
      const bp = mean(r.map((x) => x.s.boundaryPrecision))
      const br = mean(r.map((x) => x.s.boundaryRecall))
      return (mean(r.map((x) => x.s.f1)) + (bp + br ? (2 * bp * br) / (bp + br) : 0)) / 2
    }
    return (per('one column') + per('two columns')) / 2
  }
  let best = { rules: DEFAULT_RULES, score: -1 }
  for (const rules of variants()) {
    const score = tuningScore(rules)
    if (score > best.score) best = { rules, score }
  }

  const sets: Record<string, PdfSetFigures> = {}
  for (const split of ['tuning', 'held out'] as PdfSplit[])
    for (const layout of ['one column', 'two columns'] as PdfLayout[]) {
      const r = run(DEFAULT_RULES, (d) => d.split === split && d.layout === layout)
      const headingsWanted = r.flatMap(({ d }) =>
        d.blocks.filter((_, i) => isHeadingTruth(d, i)).map((h) => ({ d, h })),
      )
      const headingsFound = headingsWanted.filter(({ d, h }) =>
        r.find((x) => x.d === d)?.s.headings.has(words(h).join(' ')),
      )
      sets[`${layout}, ${split}`] = {
        documents: r.length,
        pages: r.reduce((s, x) => s + (contents[docs.indexOf(x.d)]?.pageCount ?? 0), 0),
        f1: mean(r.map((x) => x.s.f1)),
        precision: mean(r.map((x) => x.s.precision)),
        recall: mean(r.map((x) => x.s.recall)),
        boundaryPrecision: mean(r.map((x) => x.s.boundaryPrecision)),
        boundaryRecall: mean(r.map((x) => x.s.boundaryRecall)),
        headingRecall: headingsWanted.length ? headingsFound.length / headingsWanted.length : 1,
      }
    }
  return {
    ...(long ? { long } : {}),
    real: await realPdfs(),
    sets,
    rules: DEFAULT_RULES,
    bestOnTuning: best,
    defaultScoreOnTuning: tuningScore(DEFAULT_RULES),
    cpuMsPerPage,
  }
}

const LONG_HEAP_MB = 256

/** A book-length PDF through the import service: time, CPU (worker included) and memory. */
async function longImport(count: number, log: (s: string) => void): Promise<PdfFigures['long']> {
  const file = await longPdf(count, 4, log)
  if (typeof file !== 'string') return undefined
  const { pageCount } = await readPdf(readFileSync(file), { maxPages: Infinity })
  log(`pdf: importing a ${pageCount}-page PDF…`)
  // A ceiling well under the default, to show how much room a book-length PDF needs.
  const service = new ImportService({ pdfMemoryMb: LONG_HEAP_MB })
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 100)
  const cpu = process.cpuUsage()
  const started = performance.now()
  try {
    const article = await service.extractFile(file)
    const used = process.cpuUsage(cpu)
    return {
      pages: pageCount,
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: (used.user + used.system) / 1e6,
      peakRssMb: peak / 1024 / 1024,
      blocks: article.blocks.length,
    }
  } finally {
    clearInterval(sampler)
    await service.close()
  }
}

/** The corpus marks headings by how it rendered them; see pdfCorpus.ts. */
function isHeadingTruth(d: RenderedPdf, i: number): boolean {
  return d.headings.includes(i)
}

const f3 = (n: number): string => n.toFixed(3)

export function pdfReport(r: PdfFigures | { skipped: string }): string {
  if ('skipped' in r) return `### PDF\n\nSkipped: ${r.skipped}.`
  const head = ['set (PDFs, pages)', 'word F1 (P / R)', 'paragraph starts P / R', 'headings found']
  const rows = Object.entries(r.sets).map(([name, s]) => [
    `${name} (${s.documents}, ${s.pages})`,
    `${f3(s.f1)} (${f3(s.precision)} / ${f3(s.recall)})`,
    `${f3(s.boundaryPrecision)} / ${f3(s.boundaryRecall)}`,
    `${(s.headingRecall * 100).toFixed(1)} %`,
  ])
  const changed = Object.entries(r.bestOnTuning.rules)
    .filter(([k, v]) => r.rules[k as keyof LayoutRules] !== v)
    .map(([k, v]) => `${k} ${v}`)
  return [
    '### PDF: WCXB articles printed by Chromium (one column; two columns), running header, footer, page numbers',
    'Word-level F1 per PDF against the text printed, averaged; paragraph starts: blocks that begin where a printed block begins (by their first four words).',
    [
      `| ${head.join(' | ')} |`,
      `|${head.map(() => '---').join('|')}|`,
      ...rows.map((x) => `| ${x.join(' | ')} |`),
    ].join('\n'),
    r.real.length
      ? [
          'Real PDFs from outside the project (`tests/fixtures/import/pdf`; no truth to score against, what is made of them; their tests check running heads, contents, headings and paragraphs):',
          '',
          '| PDF | pages | headings | paragraphs | list items | words | CPU ms a page |',
          '|---|---|---|---|---|---|---|',
          ...r.real.map(
            (x) =>
              `| ${x.file} | ${x.pages} | ${x.headings} | ${x.paragraphs} | ${x.listItems} | ${x.words} | ${x.cpuMsPerPage.toFixed(1)} |`,
          ),
        ].join('\n')
      : '',
    r.long
      ? `A ${r.long.pages}-page PDF (the one-column articles four times over) through the import service and its worker: ${r.long.seconds.toFixed(1)} s (${r.long.cpuSeconds.toFixed(1)} s CPU), ${r.long.blocks} blocks, with the worker's heap capped at ${LONG_HEAP_MB} MB (the default cap is 512 MB); the whole process peaked at ${r.long.peakRssMb.toFixed(0)} MB resident. PDFs of over 1 000 pages are refused.`
      : '',
    `Rules: the defaults score ${f3(r.defaultScoreOnTuning)} on the tuning split (mean over both layouts of word F1 and paragraph-start F1); the best variant tried ${changed.length ? `(${changed.join(', ')}) scores ${f3(r.bestOnTuning.score)}` : 'is the defaults'}. Reading and rebuilding: ${r.cpuMsPerPage.toFixed(1)} ms CPU a page.`,
  ]
    .filter(Boolean)
    .join('\n\n')
}
