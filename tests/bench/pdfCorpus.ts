/**
 * PDFs whose text is known: WCXB articles (../shared/bench/wcxb-dev, their human ground
 * truth) printed by Chromium, once in one column (serif) and once in two CSS columns
 * (sans-serif), each with a running header (the title), a footer and page numbers. Long
 * words carry soft hyphens, so lines break inside words as in typeset text. The PDFs are
 * made once into a cache folder and reused.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WCXB } from './importBench'

export type PdfLayout = 'one column' | 'two columns'
export type PdfSplit = 'tuning' | 'held out'

export interface RenderedPdf {
  id: string
  layout: PdfLayout
  split: PdfSplit
  file: string
  title: string
  /** The blocks as rendered: each heading, paragraph and list item. */
  blocks: string[]
  /** Which of them were printed as headings. */
  headings: number[]
}

/** Bump when the rendering changes, so old PDFs are not reused. */
const VERSION = 2
export const PDF_CACHE = join(tmpdir(), `lectern-bench-pdf-v${VERSION}`)

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Soft hyphens every three letters inside words of ten letters or more. */
const hyphenable = (s: string): string =>
  esc(s).replace(/\p{L}{10,}/gu, (w) => {
    const parts: string[] = []
    for (let i = 0; i < w.length; i += 3) parts.push(w.slice(i, i + 3))
    // Not in the first or last three letters.
    const last = parts.pop() as string
    const first = parts.shift() as string
    return [first + (parts.shift() ?? ''), ...parts].join('&shy;') + last
  })

interface Article {
  id: string
  title: string
  /** Lines of the ground truth: `h` heading, `li` list item, `p` paragraph. */
  blocks: { kind: 'h' | 'li' | 'p'; text: string }[]
}

function blocksOf(main: string): Article['blocks'] {
  const out: Article['blocks'] = []
  const chunks = main.split(/\n\s*\n/)
  chunks.forEach((chunk, i) => {
    for (const raw of chunk.split('\n')) {
      const line = raw.trim()
      if (!line) continue
      const item = /^[-*•]\s+(.*)$/.exec(line)
      if (item) out.push({ kind: 'li', text: item[1] as string })
      else if (
        line.length <= 80 &&
        !/[.!?:;,"”)]$/.test(line) &&
        i < chunks.length - 1 &&
        chunk.split('\n').length === 1
      )
        out.push({ kind: 'h', text: line })
      else out.push({ kind: 'p', text: line })
    }
  })
  return out
}

/** Articles of a readable length, in a fixed order; every other one is held out. */
function articles(count: number): (Article & { split: PdfSplit })[] {
  const dir = join(WCXB, 'ground-truth')
  const out: (Article & { split: PdfSplit })[] = []
  for (const f of readdirSync(dir).sort()) {
    if (out.length >= count) break
    const d = JSON.parse(readFileSync(join(dir, f), 'utf8'))
    const g = d.ground_truth
    const main: string = g?.main_content ?? ''
    if (d._internal?.page_type?.primary !== 'article' || !g.title) continue
    if (main.length < 2_000 || main.length > 15_000) continue
    // Pages in scripts Chromium may lack fonts for are left out: missing glyphs are not text.
    if (/[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(main)) continue
    out.push({
      id: f.replace('.json', ''),
      title: g.title,
      blocks: blocksOf(main),
      split: out.length % 2 === 0 ? 'tuning' : 'held out',
    })
  }
  return out
}

function html(a: Article, layout: PdfLayout): string {
  const two = layout === 'two columns'
  const body: string[] = []
  let list: string[] = []
  const flushList = (): void => {
    if (list.length) body.push(`<ul>${list.join('')}</ul>`)
    list = []
  }
  for (const b of a.blocks) {
    if (b.kind === 'li') {
      list.push(`<li>${hyphenable(b.text)}</li>`)
      continue
    }
    flushList()
    body.push(b.kind === 'h' ? `<h2>${esc(b.text)}</h2>` : `<p>${hyphenable(b.text)}</p>`)
  }
  flushList()
  const font = two
    ? 'font: 10pt/1.35 "DejaVu Sans", sans-serif'
    : 'font: 11.5pt/1.45 "DejaVu Serif", serif'
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)}</title>
<style>body{${font};margin:0;text-align:${two ? 'justify' : 'left'}} h1{font-size:20pt;margin:0 0 12pt}
h2{font-size:${two ? 12.5 : 14.5}pt;margin:12pt 0 6pt;break-after:avoid} p{margin:0 0 8pt} li{margin:0 0 4pt}
.cols{${two ? 'columns:2;column-gap:24pt' : ''}}</style></head>
<body><h1>${esc(a.title)}</h1><div class="cols">${body.join('\n')}</div></body></html>`
}

async function withChromium<T>(
  run: (page: import('playwright-core').Page) => Promise<T>,
): Promise<T | { skipped: string }> {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(chromiumPath)) return { skipped: `no Chromium at ${chromiumPath}` }
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  })
  try {
    return await run(await browser.newPage())
  } finally {
    await browser.close()
  }
}

/**
 * One long PDF (a book's length, under the page limit): the articles' text one after
 * another, `repeat` times over, in one column with the same header and footer.
 */
export async function longPdf(
  count: number,
  repeat: number,
  log: (s: string) => void = () => {},
): Promise<string | { skipped: string }> {
  if (!existsSync(WCXB)) return { skipped: `${WCXB} is not there` }
  const file = join(PDF_CACHE, `long-${count}x${repeat}.pdf`)
  if (existsSync(file)) return file
  mkdirSync(PDF_CACHE, { recursive: true })
  const list = articles(count)
  const book: Article = {
    id: 'long',
    title: 'A long collection',
    blocks: Array.from({ length: repeat }, () =>
      list.flatMap((a) => [{ kind: 'h' as const, text: a.title }, ...a.blocks]),
    ).flat(),
  }
  log('pdf: printing a long PDF…')
  return withChromium(async (page) => {
    page.setDefaultTimeout(0)
    await page.setContent(html(book, 'one column'))
    writeFileSync(
      file,
      await page.pdf({
        format: 'A4',
        displayHeaderFooter: true,
        headerTemplate: header(book.title),
        footerTemplate: footer,
        margin: { top: '64px', bottom: '64px', left: '56px', right: '56px' },
      }),
    )
    return file
  })
}

const header = (title: string): string =>
  `<div style="font:8px sans-serif;width:100%;margin:0 40px;display:flex;justify-content:space-between"><span>${esc(title)}</span><span>Lectern test print</span></div>`
const footer =
  '<div style="font:8px sans-serif;width:100%;text-align:center">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'

/**
 * The test set, made if not yet in the cache. `count` articles, each in both layouts.
 * Returns why not when the shared pages or Chromium are missing.
 */
export async function renderedPdfs(
  count: number,
  log: (s: string) => void = () => {},
): Promise<RenderedPdf[] | { skipped: string }> {
  if (!existsSync(WCXB)) return { skipped: `${WCXB} is not there` }
  const list = articles(count)
  const out: RenderedPdf[] = []
  const todo: { a: Article; layout: PdfLayout; file: string }[] = []
  mkdirSync(PDF_CACHE, { recursive: true })
  for (const a of list)
    for (const layout of ['one column', 'two columns'] as const) {
      const file = join(PDF_CACHE, `${a.id}-${layout === 'one column' ? 1 : 2}.pdf`)
      out.push({
        id: a.id,
        layout,
        split: (a as { split: PdfSplit }).split,
        file,
        title: a.title,
        blocks: a.blocks.map((b) => b.text),
        headings: a.blocks.flatMap((b, i) => (b.kind === 'h' ? [i] : [])),
      })
      if (!existsSync(file)) todo.push({ a, layout, file })
    }
  if (todo.length) {
    const printed = await withChromium(async (page) => {
      for (const [i, { a, layout, file }] of todo.entries()) {
        if (i % 20 === 0) log(`pdf: printing ${i + 1}/${todo.length}…`)
        await page.setContent(html(a, layout))
        const pdf = await page.pdf({
          format: 'A4',
          displayHeaderFooter: true,
          headerTemplate: header(a.title),
          footerTemplate: footer,
          margin: { top: '64px', bottom: '64px', left: '56px', right: '56px' },
        })
        writeFileSync(file, pdf)
      }
      return 'printed' as const
    })
    if (printed !== 'printed') return printed
  }
  return out
}
